package cadl.notebooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The expectations, by notebook path relative to {@code notebooks/} ('/'-separated): the welcome and
     * Session 2 below, Session 3 in {@link Session3Expectations}, the Gentle Introduction in
     * {@link GentleIntroExpectations} (one file per series, so that series written in parallel do not collide).
     */
    public static final Map<String, Expectation> ALL = combine(List.of(
            notebook("00-welcome.ipynb")
                    .param("matrixSize", "512")
                    .timeout(240)
                    .images(2)
                    .metric("java_version", 17, 1000)
                    .metric("gflops", 0.5, 10_000)
                    .entry(),
            // S2 sections 1-5 at the lesson's full size (about 16 s on an idle 2-core machine).
            notebook("session2/01-gradient-descent.ipynb")
                    .timeout(300)
                    .images(6)
                    .metric("gif.frames", 51, 51)                        // 500 / 10 + 1
                    .metric("descent.final_x", 0.40, 0.50)               // the nearest valley (x ~ 0.44) ...
                    .metric("descent.global_min_cost", -2.3, -2.1)       // ... not the deepest (x ~ -0.80)
                    .metric("descent.final_cost", -0.70, -0.50)
                    .metric("rate_0.01.moved", 0, 0.01)                  // too small: hardly moves
                    .metric("rate_1.0.spread_last50", 0, 0.02)           // about right: settles
                    .metric("rate_500.0.spread_last50", 0.1, 2)          // too large: never settles
                    .entry(),
            // S2 sections 6-16 at full size (about 20 s idle): the line cannot bend; the cubic and ten tanh neurons can.
            notebook("session2/02-regression.ipynb")
                    .timeout(600)
                    .images(15)
                    .metric("line.cost", 0.38, 0.45)
                    .metric("line.split.test_cost", 0.5, 2)              // the line fails beyond x = 2
                    .metric("linear100.cost", 0.38, 0.50)                // 100 linear neurons: no better than one line
                    .metric("line.split.train_cost", 0.33, 0.42)         // 0.374 in the full run
                    .metric("tanh_over_line", 0, 0.70)                   // 0.61 in the full run (0.64 after 40 passes)
                    .metric("cubic_over_line", 0, 0.70)                  // 0.60 in the full run (0.86 after 40 passes)
                    .metric("poly.k5.cost", 0.45, 100)                   // one more power goes wrong
                    .entry(),
            // S2 section 17: names and graph of a three-layer network.
            notebook("session2/03-layers-and-scopes.ipynb")
                    .timeout(180)
                    .images(3)
                    .metric("graph.three_layers.ops", 8, 8)              // 3 x (matmul, add) + 2 relu
                    .metric("graph.three_layers.scopes", 3, 3)
                    .metric("model.named_parameters", 6, 6)
                    .entry(),
            // S2 sections 18-20 at the lesson's full size: 64 x 64 pixels, 500 passes (about 40 s idle).
            notebook("session2/04-painting.ipynb")
                    .timeout(900)
                    .images(6)
                    .metric("paint.cost_ratio", 0, 0.30)                 // 0.23 in the full run (175.2 -> 40.8)
                    .metric("paint.cost_last", 0, 60)
                    .metric("paint.gif_frames", 26, 26)                  // after pass 1 and every 20th
                    .entry()),
            Session3Expectations.ENTRIES, GentleIntroExpectations.ENTRIES);

    @SafeVarargs
    private static Map<String, Expectation> combine(List<Map.Entry<String, Expectation>>... lists) {
        Map<String, Expectation> all = new LinkedHashMap<>();
        for (List<Map.Entry<String, Expectation>> list : lists) {
            for (Map.Entry<String, Expectation> e : list) {
                if (all.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalStateException("Expectations: two entries for " + e.getKey());
                }
            }
        }
        return Collections.unmodifiableMap(all);
    }

    private Expectations() {
    }

    /** The expectation for {@code relativePath}, or the defaults when it has no entry. */
    public static Expectation forNotebook(String relativePath) {
        return ALL.getOrDefault(relativePath, notebook(relativePath).build());
    }

    static Builder notebook(String relativePath) {
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

    static final class Builder {
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
