package cadl.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * How a notebook reports a learning outcome (a final loss, an accuracy, a speed) so that its test
 * can check it against a bound.
 *
 * <p>{@link #report(String, double)} prints {@code name = value} in the cell's output and, when the
 * environment variable {@value #FILE_VARIABLE} names a file, appends one JSON line
 * {@code {"name": "...", "value": ...}} to it. The notebook tests set that variable; a learner's
 * run only sees the printed line.
 */
public final class Metrics {

    /** The environment variable naming the JSON-lines file that receives the metrics. */
    public static final String FILE_VARIABLE = "CADL_METRICS_FILE";

    private Metrics() {
    }

    /**
     * Prints {@code name = value} and appends it to the metrics file, if one is set.
     *
     * @param name  a short identifier, for example {@code "final_loss"} or {@code "gflops"}
     * @param value the measured value (NaN and infinities are reported as JSON strings)
     */
    public static void report(String name, double value) {
        report(name, value, file());
    }

    /** {@link #report(String, double)} with an explicit file; {@code file} may be null. */
    static void report(String name, double value, Path file) {
        checkName("report", name);
        System.out.println(name + " = " + value);
        record(name, value, file);
    }

    /** The file named by {@value #FILE_VARIABLE}, or null when it is not set (a learner's run). */
    static Path file() {
        String file = System.getenv(FILE_VARIABLE);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** Appends {@code name = value} to {@code file} without printing anything; does nothing if file is null. */
    static void record(String name, double value, Path file) {
        checkName("record", name);
        append(file, "{\"name\": " + quote(name) + ", \"value\": " + number(value) + "}\n");
    }

    /** Appends a text-valued metric (such as the data set's name) to {@code file}; does nothing if file is null. */
    static void record(String name, String value, Path file) {
        checkName("record", name);
        append(file, "{\"name\": " + quote(name) + ", \"value\": " + quote(String.valueOf(value)) + "}\n");
    }

    private static void checkName(String method, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Metrics." + method + ": expected a metric name such as \"final_loss\", got "
                    + (name == null ? "null" : "a blank string"));
        }
    }

    private static void append(Path file, String line) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Metrics.report: cannot append to " + file + " (named by "
                    + FILE_VARIABLE + "): " + e.getMessage(), e);
        }
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return quote(Double.toString(value));
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
