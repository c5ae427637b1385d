package cadl.train;

import cadl.notebook.Interrupts;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints one line per epoch (or iteration) with the time so far and an estimate of the time left, to
 * {@code System.out}, so a notebook shows it while the cell runs:
 * <pre>
 *   epoch 3/10  cost 0.0312  valid accuracy 0.951  [12.3 s so far, about 28.7 s left]
 * </pre>
 * The estimate assumes the remaining steps take as long on average as the ones done; the last line says
 * {@code [done in 40.1 s]}.
 *
 * <pre>{@code
 * Progress progress = new Progress("epoch", 10);
 * for (...) { ...; progress.step("cost %.4f  valid accuracy %.3f", cost, acc); }
 * }</pre>
 */
public final class Progress {
    private final String unit;
    private final int total, every;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private int done;

    /** A progress line for {@code total} steps called {@code unit} ("epoch", "iteration"), printing every step. */
    public Progress(String unit, int total) {
        this(unit, total, 1);
    }

    /** As {@link #Progress(String, int)}, printing every {@code every}-th step (and the last). */
    public Progress(String unit, int total, int every) {
        this(unit, total, every, System.out, System::nanoTime);
    }

    Progress(String unit, int total, int every, PrintStream out, LongSupplier clock) {
        if (unit == null || unit.isBlank()) throw new IllegalArgumentException("Progress: give the step's name, e.g. \"epoch\"");
        if (total < 1) throw new IllegalArgumentException("Progress: total must be >= 1, got " + total);
        if (every < 1) throw new IllegalArgumentException("Progress: every must be >= 1, got " + every);
        this.unit = unit;
        this.total = total;
        this.every = every;
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Marks one step done (first checking for Kernel &gt; Interrupt, see {@link Interrupts}) and prints its line (if due) with {@code String.format(message, args)}; returns the line or null. */
    public String step(String message, Object... args) {
        Interrupts.check();
        done++;
        if (done % every != 0 && done != total) return null;
        double elapsed = (clock.getAsLong() - start) / 1e9;
        double eta = done >= total ? 0 : elapsed / done * (total - done);
        String msg = message == null || message.isEmpty() ? "" : "  " + String.format(Locale.ROOT, message, args);
        String times = done >= total ? "done in " + time(elapsed) : time(elapsed) + " so far, about " + time(eta) + " left";
        String line = String.format(Locale.ROOT, "%s %d/%d%s  [%s]", unit, done, total, msg, times);
        out.println(line);
        out.flush();
        return line;
    }

    /** Marks one step done, printing no message. */
    public String step() {
        return step("");
    }

    /** Steps done. */
    public int done() {
        return done;
    }

    static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", (int) (s / 60), (int) (s % 60));
        return String.format(Locale.ROOT, "%d h %02d min", (int) (s / 3600), (int) (s % 3600 / 60));
    }

    @Override
    public String toString() {
        return "Progress(" + unit + " " + done + "/" + total + ")";
    }
}
