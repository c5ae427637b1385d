package cadl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns one run's files (written by bench/run.sh into one folder) into a RESULTS.md section: the machine,
 * a summary of medians with ratios to PyTorch in Python, every row in detail, the autoencoder's GFLOPS beside
 * single GEMMs, and the agreement gate, which it also enforces.
 *
 * <p>Files read: {@code *.row} (one {@code ROW key=value ...} line each, from Main or torch_bench.py),
 * {@code machine.txt} ({@code key=value} lines from run.sh), {@code gate-W.txt} (torch_gate.py's calibration),
 * {@code gemm-*-tN.txt} ({@code GEMM ...} lines from Gemm and torch_bench.py --gemm).
 *
 * <p>The agreement gate (explained in bench/README.md): every row's first loss must equal PyTorch-in-Python's
 * within {@link #FIRST_TOLERANCE} relative; each later loss within {@link #SENSITIVITY_FACTOR} times the
 * workload's measured rounding sensitivity (the largest change one flipped ReLU makes), but never less than
 * {@link #LATER_FLOOR}; and that tolerance must stay below half of the smallest change a real bug makes
 * (the controls), or the gate could not fail and the run fails instead.
 */
final class Report {
    /** Relative tolerance on the first loss: same weights and data, forward only; float32 summation order. */
    static final double FIRST_TOLERANCE = 5e-5;
    /** Later losses may differ by this many times the effect of one flipped ReLU. */
    static final double SENSITIVITY_FACTOR = 4;
    /** Smallest relative tolerance on later losses. */
    static final double LATER_FLOOR = 1e-4;
    /** The tolerance must be at most this fraction of the smallest control's difference. */
    static final double CONTROL_MARGIN = 0.5;
    /** Floating-point operations of one autoencoder example: 23 GEMMs per step (see Gemm). */
    static final double AE_FLOPS_PER_EXAMPLE = aeFlopsPerExample();

    static final String REFERENCE = "torch";
    /** Heading of the kept older results in RESULTS.md; new CPU sections go before it. */
    static final String EARLIER = "## Earlier runs";
    static final List<String> FRAMEWORKS = List.of("torch", "ours", "djl", "dl4j", "nd4j");
    static final Map<String, String> LABELS = Map.of("torch", "PyTorch (Python)", "ours", "ours (cadl)",
            "djl", "PyTorch via DJL", "dl4j", "DL4J", "nd4j", "raw ND4J (hand backward)");

    private Report() { }

    private static double aeFlopsPerExample() {
        int[] s = Workload.AE_SIZES;
        double sum = 0;
        for (int i = 0; i + 1 < s.length; i++) {
            sum += (double) s[i] * s[i + 1];
        }
        return 2 * (6 * sum - (double) s[0] * s[1]);
    }

    /**
     * Prints the section, writes DIR/section.md, puts it into {@code results} (when given) in place of the
     * section for the same CPU, and returns 0, or 1 when the agreement gate fails.
     */
    static int write(Path dir, Path results) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        TreeSet<Integer> threadCounts = new TreeSet<>();
        Map<String, String> machine = new LinkedHashMap<>();
        Map<String, Map<String, String>> gates = new HashMap<>();
        Map<String, List<String>> gemm = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                List<String> lines = Files.readAllLines(f);
                if (name.endsWith(".row")) {
                    for (String line : lines) {
                        if (line.startsWith("ROW ")) {
                            Map<String, String> kv = keyValues(line.substring(4));
                            int t = parseThreads(kv.get("threads"));
                            threadCounts.add(t);
                            rows.put(kv.get("framework") + "/" + kv.get("workload") + "/" + t, kv);
                        }
                    }
                } else if (name.equals("machine.txt")) {
                    for (String line : lines) {
                        int eq = line.indexOf('=');
                        if (eq > 0) {
                            machine.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                } else if (name.startsWith("gate-")) {
                    for (String line : lines) {
                        if (line.startsWith("GATE ")) {
                            Map<String, String> kv = keyValues(line.substring(5));
                            gates.put(kv.get("workload"), kv);
                        }
                    }
                } else if (name.startsWith("gemm-")) {
                    gemm.put(name.replace(".txt", ""), lines.stream().filter(l -> l.startsWith("GEMM "))
                            .map(l -> l.substring(5)).toList());
                }
            }
        }
        StringBuilder t = new StringBuilder();
        String cpuKey = machine.getOrDefault("cpu_key", "unknown CPU");
        t.append("## ").append(cpuKey).append("\n\n");
        t.append("Run ").append(machine.getOrDefault("date", "?")).append(", ").append(machine.getOrDefault("mode", "?"))
                .append(", with `").append(machine.getOrDefault("command", "bench/run.sh")).append("`.\n\n");
        for (String k : List.of("machine", "flags", "jdk", "python", "blas", "windows", "load")) {
            if (machine.containsKey(k)) {
                t.append("- ").append(k).append(": ").append(machine.get(k)).append('\n');
            }
        }
        double maxLoad = rows.values().stream().filter(r -> r.get("load") != null)
                .mapToDouble(r -> Double.parseDouble(r.get("load"))).max().orElse(0);
        double minLoad = rows.values().stream().filter(r -> r.get("load") != null)
                .mapToDouble(r -> Double.parseDouble(r.get("load"))).min().orElse(0);
        int cores = Integer.parseInt(machine.getOrDefault("cores", Integer.toString(Runtime.getRuntime().availableProcessors())));
        if (maxLoad > cores) {
            t.append(String.format(Locale.ROOT, "%n**Noisy run**: the 1-minute load average was %.1f-%.1f on %d cores when rows started "
                    + "(other processes were running). Wall-clock rates and ratios are not reliable; at 1 thread the examples per "
                    + "CPU-second are the better estimate; rows at more threads mostly measure how each framework's threads wait "
                    + "for cores (OpenMP's spinning workers suffer most), not its scaling on an idle machine. Re-run on an idle machine.%n",
                    minLoad, maxLoad, cores));
        }
        t.append('\n');

        // summary: medians and ratios, one line per workload and thread count; then the same by CPU time
        for (String key : List.of("median", "cpu_median")) {
            t.append(key.equals("median")
                    ? "Examples/s (wall clock), median of the timed windows; ratio = this row / PyTorch in Python at the same thread count.\n\n"
                    : "\nExamples per CPU-second of the row's process (all its threads, GC and JIT included), median of the same windows: "
                            + "less disturbed by other processes than wall-clock rates at 1 thread; at more threads, threads that wait by spinning count too.\n\n");
            t.append("| workload | threads | PyTorch (Python) | ours | ours/PyTorch | PyTorch via DJL | DJL/PyTorch | DL4J | DL4J/PyTorch | raw ND4J | ND4J/PyTorch |\n");
            t.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Workload w : Workload.values()) {
                for (int th : threadCounts) {
                    Map<String, String> ref = rows.get(REFERENCE + "/" + w.id + "/" + th);
                    if (rows.keySet().stream().noneMatch(k -> k.endsWith("/" + w.id + "/" + th))) {
                        continue;
                    }
                    t.append("| ").append(w.id).append(" | ").append(th == 0 ? "-" : th).append(" | ").append(median(ref, key));
                    for (String fw : List.of("ours", "djl", "dl4j", "nd4j")) {
                        Map<String, String> r = rows.get(fw + "/" + w.id + "/" + th);
                        t.append(" | ").append(median(r, key)).append(" | ").append(ratio(r, ref, key));
                    }
                    t.append(" |\n");
                }
            }
        }
        if (threadCounts.size() > 1) {
            int lo = threadCounts.first(), hi = threadCounts.last();
            t.append("\nSpeed-up from ").append(lo).append(" to ").append(hi).append(" threads (median / median):");
            for (String fw : List.of("torch", "ours", "djl")) {
                List<String> parts = new ArrayList<>();
                for (Workload w : Workload.values()) {
                    String r = ratio(rows.get(fw + "/" + w.id + "/" + hi), rows.get(fw + "/" + w.id + "/" + lo));
                    if (!r.equals("-")) {
                        parts.add(w.id + " " + r);
                    }
                }
                if (!parts.isEmpty()) {
                    t.append(' ').append(LABELS.get(fw)).append(' ').append(String.join(", ", parts)).append(';');
                }
            }
            t.setLength(t.length() - 1);
            t.append(".\n");
        }

        // the autoencoder against the GEMM limit
        t.append("\nThe autoencoder (`ae`) is GEMM-bound: ").append(String.format(Locale.ROOT, "%.2f", AE_FLOPS_PER_EXAMPLE / 1e6))
                .append(" MFLOP per example in 23 matrix products (8 forward, 8 weight gradients, 7 input gradients).\n\n");
        for (int th : threadCounts) {
            List<String> parts = new ArrayList<>();
            for (String fw : FRAMEWORKS) {
                Map<String, String> r = rows.get(fw + "/ae/" + th);
                if (r != null && "ok".equals(r.get("status"))) {
                    parts.add(String.format(Locale.ROOT, "%s %.1f", LABELS.get(fw),
                            Double.parseDouble(r.get("median")) * AE_FLOPS_PER_EXAMPLE / 1e9));
                }
            }
            if (!parts.isEmpty() || gemm.containsKey("gemm-java-t" + th)) {
                t.append("- ").append(th).append(th == 1 ? " thread" : " threads").append(": training GFLOPS ")
                        .append(String.join(", ", parts)).append(".");
                for (String which : List.of("java", "torch")) {
                    List<String> g = gemm.get("gemm-" + which + "-t" + th);
                    if (g != null && !g.isEmpty()) {
                        t.append(which.equals("java") ? " ND4J's OpenBLAS (what ours calls): " : " torch: ")
                                .append(String.join("; ", g)).append('.');
                    }
                }
                t.append('\n');
            }
        }

        // every row
        t.append("\n| workload | threads | framework | examples/s median [min-max] | ratio to PyTorch (Python) | examples per CPU-s | peak RSS MB | heap peak MB | load at start | first 3 losses |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> problems = new ArrayList<>();
        List<String> gateNotes = new ArrayList<>();
        for (Workload w : Workload.values()) {
            double[] tol = tolerances(w, gates.get(w.id), problems, gateNotes);
            for (int th : threadCounts) {
                Map<String, String> ref = rows.get(REFERENCE + "/" + w.id + "/" + th);
                if (ref == null || !"ok".equals(ref.get("status"))) {
                    ref = rows.get(REFERENCE + "/" + w.id + "/" + threadCounts.first());
                }
                for (String fw : FRAMEWORKS) {
                    Map<String, String> r = rows.get(fw + "/" + w.id + "/" + th);
                    if (r == null) {
                        continue;
                    }
                    String label = LABELS.get(fw);
                    if (!"ok".equals(r.get("status"))) {
                        t.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | - | - | - | - | %s | - |%n", w.id, th, label,
                                r.getOrDefault("status", "?") + ": " + r.getOrDefault("why", "").replace('_', ' '),
                                r.getOrDefault("load", "")));
                        continue;
                    }
                    t.append(String.format(Locale.ROOT, "| %s | %d | %s | %s [%s-%s] | %s | %s | %s | %s | %s | %s |%n", w.id, th, label,
                            r.get("median"), r.get("min"), r.get("max"), ratio(r, rows.get(REFERENCE + "/" + w.id + "/" + th)),
                            r.getOrDefault("cpu_median", "-"),
                            r.get("rss_mb"), r.get("heap_mb"), r.get("load"), r.get("losses").replace(",", ", ")));
                    if (ref != null && "ok".equals(ref.get("status")) && r != ref) {
                        check(w, fw, th, r.get("losses").split(","), ref.get("losses").split(","), tol, problems);
                    }
                }
            }
        }
        t.append("\nAgreement gate (bench/README.md): first loss within ").append(FIRST_TOLERANCE)
                .append(" relative of PyTorch in Python's; later losses within the tolerance below, ")
                .append(SENSITIVITY_FACTOR).append(" x the largest change one flipped ReLU makes (at least ")
                .append(LATER_FLOOR).append("), which must stay under ").append(CONTROL_MARGIN)
                .append(" x the smallest change a real bug makes (Adam's learning rate doubled, the first update skipped, the largest weight's gradient dropped).\n\n");
        gateNotes.forEach(n -> t.append("- ").append(n).append('\n'));
        t.append(problems.isEmpty() ? "\nAgreement: passed for every row.\n"
                : "\nAGREEMENT FAILED:\n" + problems.stream().map(p -> "- " + p + "\n").reduce("", String::concat));
        String section = t.toString();
        System.out.print(section);
        Files.writeString(dir.resolve("section.md"), section);
        if (results != null) {
            merge(results, cpuKey, section);
            System.err.println("wrote " + results + " (section '" + cpuKey + "')");
        }
        if (!problems.isEmpty()) {
            System.err.println("AGREEMENT FAILED (first losses from the same initial weights must match PyTorch's):");
            problems.forEach(p -> System.err.println("  " + p));
            return 1;
        }
        return 0;
    }

    /** Tolerances for losses 1..AGREE_STEPS-1 (index 0 is the first loss), from the gate calibration. */
    private static double[] tolerances(Workload w, Map<String, String> gate, List<String> problems, List<String> notes) {
        double[] tol = new double[Main.AGREE_STEPS];
        tol[0] = FIRST_TOLERANCE;
        if (gate == null) {
            for (int i = 1; i < tol.length; i++) {
                tol[i] = 1e-3;
            }
            notes.add(w.id + ": no calibration (torch_gate.py not run); later losses use 1e-3 relative");
            return tol;
        }
        double[] sens = doubles(gate.get("sensitivity"));
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < tol.length; i++) {
            tol[i] = Math.max(LATER_FLOOR, SENSITIVITY_FACTOR * sens[i - 1]);
            double nearest = Double.POSITIVE_INFINITY;
            String which = "";
            for (String c : List.of("lr2x", "noupdate", "dropgrad")) {
                double d = doubles(gate.get(c))[i - 1];
                if (d < nearest) {
                    nearest = d;
                    which = c;
                }
            }
            parts.add(String.format(Locale.ROOT, "loss %d: tolerance %.1e (one flip %.1e; nearest bug %s %.1e)",
                    i + 1, tol[i], sens[i - 1], which, nearest));
            if (!(tol[i] <= CONTROL_MARGIN * nearest)) {
                problems.add(String.format(Locale.ROOT, "%s: the gate cannot tell loss %d's rounding (tolerance %.1e) from a bug (%s changes it by %.1e)",
                        w.id, i + 1, tol[i], which, nearest));
            }
        }
        notes.add(w.id + " (" + gate.get("relus") + " ReLUs): " + String.join("; ", parts));
        return tol;
    }

    private static void check(Workload w, String fw, int th, String[] a, String[] b, double[] tol, List<String> problems) {
        for (int i = 0; i < Math.min(Math.min(a.length, b.length), tol.length); i++) {
            double x = Double.parseDouble(a[i]);
            double y = Double.parseDouble(b[i]);
            double rel = Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
            if (!(rel <= tol[i])) {
                problems.add(String.format(Locale.ROOT,
                        "%s/%s at %d threads: loss %d is %s but PyTorch's is %s (relative difference %.2e > %.1e)",
                        w.id, fw, th, i + 1, a[i], b[i], rel, tol[i]));
            }
        }
    }

    /**
     * Writes {@code section} into the results file in place of the section headed by the same CPU
     * ({@code ## cpuKey}), or adds it before {@code ## Earlier runs} (or at the end); the text before the first
     * section and other CPUs' sections stay.
     */
    static void merge(Path results, String cpuKey, String section) throws IOException {
        String old = Files.exists(results) ? Files.readString(results) : "# Benchmark results\n\n";
        String head = "## " + cpuKey + "\n";
        int start = old.startsWith(head) ? 0 : old.indexOf("\n" + head);
        String merged;
        if (start < 0) {
            int earlier = old.indexOf("\n" + EARLIER);
            merged = earlier < 0 ? old.stripTrailing() + "\n\n" + section
                    : old.substring(0, earlier + 1) + section + "\n" + old.substring(earlier + 1);
        } else {
            int from = start == 0 ? 0 : start + 1;
            int end = old.indexOf("\n## ", from + head.length());
            merged = old.substring(0, from) + section + (end < 0 ? "" : "\n" + old.substring(end + 1));
        }
        Files.writeString(results, merged.stripTrailing() + "\n");
    }

    private static Map<String, String> keyValues(String s) {
        Map<String, String> kv = new HashMap<>();
        for (String tok : s.trim().split(" ")) {
            int eq = tok.indexOf('=');
            if (eq > 0) {
                kv.put(tok.substring(0, eq), tok.substring(eq + 1));
            }
        }
        return kv;
    }

    private static int parseThreads(String s) {
        try {
            return Integer.parseInt(s);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double[] doubles(String csv) {
        String[] p = csv.split(",");
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = Double.parseDouble(p[i]);
        }
        return d;
    }

    private static String median(Map<String, String> r, String key) {
        if (r == null) {
            return "-";
        }
        if (!"ok".equals(r.get("status"))) {
            return r.getOrDefault("status", "?");
        }
        return r.get(key) == null ? "-" : String.format(Locale.ROOT, "%,.0f", Double.parseDouble(r.get(key)));
    }

    private static String ratio(Map<String, String> r, Map<String, String> ref) {
        return ratio(r, ref, "median");
    }

    private static String ratio(Map<String, String> r, Map<String, String> ref, String key) {
        if (r == null || ref == null || !"ok".equals(r.get("status")) || !"ok".equals(ref.get("status"))
                || r.get(key) == null || ref.get(key) == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", Double.parseDouble(r.get(key)) / Double.parseDouble(ref.get(key)));
    }
}
