package cadl.notebooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each notebook's test expects: the quick parameters injected after its {@code parameters}
 * cell, its time budget, how many images it must show and the bounds on the metrics it reports
 * with {@code cadl.notebook.Metrics.report(name, value)}.
 *
 * <p>Notebook authors edit {@link #ALL}: one entry per notebook, keyed by its path under
 * {@code notebooks/}. A notebook without an entry still runs (no parameters, default budget, no
 * image or metric required). Every metric listed here must be reported; a missing one fails.
 *
 * <p>Quick parameters keep the whole suite under 25 minutes on 2 cores: a notebook's test run
 * should take well under a minute or two. Parameter values are Java expressions; the injected cell
 * re-declares each variable with the type its {@code parameters} cell gave it.
 */
public final class Expectations {

    /** Seconds a notebook may take when its entry does not say. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    /** The expectations, by notebook path relative to {@code notebooks/} ('/'-separated). */
    public static final Map<String, Expectation> ALL = Map.ofEntries(
            notebook("00-welcome.ipynb")
                    .param("matrixSize", "512")
                    .timeout(240)
                    .images(2)
                    .metric("java_version", 17, 1000)
                    .metric("gflops", 0.5, 10_000)
                    .entry()
    );

    private Expectations() {
    }

    /** The expectation for {@code relativePath}, or the defaults when it has no entry. */
    public static Expectation forNotebook(String relativePath) {
        return ALL.getOrDefault(relativePath, notebook(relativePath).build());
    }

    private static Builder notebook(String relativePath) {
        return new Builder(relativePath);
    }

    /** An inclusive range a metric must fall in. */
    public record Bound(double min, double max) {
        boolean contains(double v) {
            return v >= min && v <= max;
        }

        @Override
        public String toString() {
            return "[" + min + ", " + max + "]";
        }
    }

    /**
     * One notebook's expectations.
     *
     * @param params         quick parameter values (Java expressions) by variable name
     * @param timeoutSeconds the budget for the whole notebook, kernel start included
     * @param minImages      the fewest image outputs (PNG, GIF, SVG) the executed notebook must hold
     * @param metrics        bounds by metric name; each must be reported
     */
    public record Expectation(String notebook, Map<String, String> params, int timeoutSeconds, int minImages,
                              Map<String, Bound> metrics) {
    }

    private static final class Builder {
        private final String notebook;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, Bound> metrics = new LinkedHashMap<>();
        private int timeout = DEFAULT_TIMEOUT_SECONDS;
        private int images;

        Builder(String notebook) {
            this.notebook = notebook;
        }

        Builder param(String name, String javaExpression) {
            params.put(name, javaExpression);
            return this;
        }

        Builder timeout(int seconds) {
            timeout = seconds;
            return this;
        }

        Builder images(int atLeast) {
            images = atLeast;
            return this;
        }

        Builder metric(String name, double min, double max) {
            metrics.put(name, new Bound(min, max));
            return this;
        }

        Expectation build() {
            return new Expectation(notebook, Collections.unmodifiableMap(new LinkedHashMap<>(params)), timeout, images,
                    Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
        }

        Map.Entry<String, Expectation> entry() {
            return Map.entry(notebook, build());
        }
    }
}
