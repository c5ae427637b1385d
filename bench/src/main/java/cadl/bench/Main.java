package cadl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark row: {@code Main --framework djl|dl4j|ours|nd4j --workload mlp|conv|paint|ae}
 * [--warmup 100] [--windows 5] [--window-seconds 2] [--out FILE]; or the table:
 * {@code Main --report DIR [--results bench/RESULTS.md]} (reads the row files in DIR, prints the markdown
 * section, checks agreement, and puts the section into RESULTS.md in place of the same CPU's last one); or the
 * data for the Python row: {@code Main --export FILE --workload W} (see {@link Export}). The PyTorch-in-Python
 * row itself is {@code bench/torch_bench.py}, which writes the same kind of row.
 *
 * <p>A row warms up (the first three losses are the agreement figures), then runs several timed windows
 * of at least {@code --window-seconds} each and writes one line of {@code key=value} fields.
 */
public final class Main {
    /** Default warm-up steps before timing. */
    public static final int WARMUP = 100;
    /** Default number of timed windows. */
    public static final int WINDOWS = 5;
    /** Default minimum length of a timed window, in seconds. */
    public static final double WINDOW_SECONDS = 2.0;
    /** Losses compared across frameworks. */
    public static final int AGREE_STEPS = 3;

    private Main() { }

    public static void main(String[] args) throws Exception {
        String framework = null, workload = null, out = null, report = null, results = null, export = null;
        int warmup = WARMUP, windows = WINDOWS;
        double windowSeconds = WINDOW_SECONDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--framework" -> framework = args[++i];
                case "--workload" -> workload = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--windows" -> windows = Integer.parseInt(args[++i]);
                case "--window-seconds" -> windowSeconds = Double.parseDouble(args[++i]);
                case "--out" -> out = args[++i];
                case "--report" -> report = args[++i];
                case "--results" -> results = args[++i];
                case "--export" -> export = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (report != null) {
            System.exit(Report.write(Path.of(report), results == null ? null : Path.of(results)));
            return;
        }
        if (export != null && workload != null) {
            Export.write(Workload.of(workload), Path.of(export));
            return;
        }
        if (framework == null || workload == null) {
            throw new IllegalArgumentException("usage: Main --framework djl|dl4j|ours|nd4j --workload mlp|conv|paint|ae");
        }
        String line = run(framework, Workload.of(workload), Math.max(warmup, AGREE_STEPS), windows, windowSeconds);
        System.out.println(line);
        if (out != null) {
            Files.writeString(Path.of(out), line + "\n");
        }
        System.exit(0); // native thread pools (OpenMP, DJL) must not keep the JVM alive
    }

    static Trainer create(String framework, Workload w) throws Exception {
        return switch (framework) {
            case "djl" -> new DjlTrainer(w);
            case "dl4j" -> Dl4jTrainer.create(w);
            case "ours" -> new OursTrainer(w);
            case "nd4j" -> new Nd4jTrainer(w);
            default -> throw new IllegalArgumentException("unknown framework '" + framework + "'");
        };
    }

    static String run(String framework, Workload w, int warmup, int windows, double windowSeconds) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        Trainer t;
        try {
            t = create(framework, w);
        } catch (UnsupportedOperationException e) {
            return fields(framework, w, "status", "unsupported", "why", e.getMessage().replace(' ', '_'),
                    "load", load, "threads", threads());
        }
        try (t) {
            float[] first = new float[AGREE_STEPS];
            int step = 0;
            for (; step < warmup; step++) {
                float loss = t.step(step);
                if (step < AGREE_STEPS) {
                    first[step] = loss;
                }
                if (!Float.isFinite(loss)) {
                    throw new IllegalStateException(framework + "/" + w.id + ": loss " + loss + " at step " + step);
                }
            }
            double[] rates = new double[windows];
            double[] cpuRates = new double[windows];
            long windowNanos = (long) (windowSeconds * 1e9);
            float last = 0;
            for (int k = 0; k < windows; k++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                int n = 0;
                long el;
                do {
                    last = t.step(step++);
                    n++;
                    el = System.nanoTime() - t0;
                } while (el < windowNanos || n < 5);
                rates[k] = (double) n * w.batch / (el / 1e9);
                cpuRates[k] = (double) n * w.batch / ((processCpuNanos() - c0) / 1e9);
            }
            Arrays.sort(cpuRates);
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            double median = windows % 2 == 1 ? sorted[windows / 2] : (sorted[windows / 2 - 1] + sorted[windows / 2]) / 2;
            return fields(framework, w, "status", "ok", "describe", t.describe().replace(' ', '_'),
                    "median", fmt(median), "min", fmt(sorted[0]), "max", fmt(sorted[windows - 1]),
                    "cpu_median", fmt(windows % 2 == 1 ? cpuRates[windows / 2] : (cpuRates[windows / 2 - 1] + cpuRates[windows / 2]) / 2),
                    "rss_mb", fmt(vmHwmKb() / 1024.0), "heap_mb", fmt(peakHeapBytes() / 1048576.0),
                    "losses", join(first), "last_loss", Float.toString(last), "steps", Integer.toString(step),
                    "load", load, "threads", threads());
        }
    }

    /** The thread count run.sh gave every native library (OMP_NUM_THREADS), or "-" when unset. */
    static String threads() {
        String t = System.getenv("OMP_NUM_THREADS");
        return t == null ? "-" : t;
    }

    private static String fields(String framework, Workload w, String... kv) {
        StringBuilder sb = new StringBuilder("ROW framework=" + framework + " workload=" + w.id);
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(' ').append(kv[i]).append('=').append(kv[i + 1]);
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String join(float[] v) {
        List<String> s = new ArrayList<>();
        for (float f : v) {
            s.add(Float.toString(f));
        }
        return String.join(",", s);
    }

    /** CPU time of this process (all its threads: the step's, native pools', the JIT's and the GC's), in ns. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set size of this process (VmHWM), in kB; -1 where /proc is missing. */
    static long vmHwmKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** Sum of the peak usage of the heap memory pools. */
    static long peakHeapBytes() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                s += p.getPeakUsage().getUsed();
            }
        }
        return s;
    }
}
