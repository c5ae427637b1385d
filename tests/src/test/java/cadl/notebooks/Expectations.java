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
                    // The speed (gflops) is a row of the welcome's Results but has no bound: it measures the
                    // machine's load as much as the library (2.9 GFLOPS at 512 x 512 with a load average of 17).
                    .metric("matmul.relative_error", 0, 1e-4)            // native product = plain Java sum: 3.8e-07
                    .entry(),
            // S2 sections 1-5 at the lesson's full size (36 s in the full run on 2 shared cores, load average about 20).
            notebook("session2/01-gradient-descent.ipynb")
                    .timeout(300)
                    .images(7)
                    .metric("descent.final_x", 0.40, 0.50)               // the nearest valley: 0.4427 in the full run ...
                    .metric("descent.global_min_cost", -2.3, -2.1)       // ... not the deepest: -2.203 (x ~ -0.80)
                    .metric("descent.final_cost", -0.70, -0.50)          // -0.6155
                    .metric("rate_0.01.moved", 0, 0.01)                  // too small: hardly moves, 0.002451
                    .metric("rate_1.0.spread_last50", 0, 0.02)           // about right: settles, 0.006383
                    .metric("rate_500.0.spread_last50", 0.1, 2)          // too large: never settles, 0.3705
                    .entry(),
            // S2 sections 6-16 at full size (50 s, load average 15-18): the line cannot bend; the cubic,
            // the quartic on scaled powers and ten tanh neurons can. Values of the full run in the comments.
            notebook("session2/02-regression.ipynb")
                    .timeout(600)
                    .images(20)
                    .metric("line.cost", 0.38, 0.45)                     // 0.4095
                    .metric("line.split.train_cost", 0.33, 0.42)         // 0.3737
                    .metric("line.split.test_cost", 0.5, 2)              // the line fails beyond x = 2: 0.7467
                    .metric("linear100.cost", 0.38, 0.50)                // 100 linear neurons, no better than one line: 0.4095
                    .metric("linear100.fast.cost", 0.6, 10)              // ... and at rate 0.02 the cost bounces: 2.679
                    .metric("poly.k4.cost", 0.22, 0.30)                  // the cubic bends: 0.2459
                    .metric("poly.k5.cost", 0.5, 1.5)                    // x^4 at rate 0.005 does not settle: 0.7107
                    .metric("poly.k5_scaled.cost", 0.22, 0.30)           // the same quartic on x/3 at rate 0.2: 0.2409
                    .metric("tanh_over_line", 0, 0.70)                   // 0.6038
                    .metric("cubic_over_line", 0, 0.70)                  // 0.6005
                    .metric("tanh10.split.train_cost", 0.22, 0.30)       // 0.2463
                    .metric("tanh10.split.test_cost", 0.28, 0.55)        // beyond x = 2: better than the line (0.7467),
                                                                         // worse than inside: 0.3460
                    .entry(),
            // S2 section 17: names and graph of a three-layer network (17 s, load average about 13).
            notebook("session2/03-layers-and-scopes.ipynb")
                    .timeout(180)
                    .images(3)
                    .metric("graph.three_layers.ops", 8, 8)              // 3 x (matmul, add) + 2 relu
                    .metric("graph.three_layers.scopes", 3, 3)
                    .metric("model.named_parameters", 6, 6)
                    .entry(),
            // S2 sections 18-20 at the lesson's full size: 64 x 64 pixels, 500 passes (46 s with 30 s of training, load average 7-13).
            notebook("session2/04-painting.ipynb")
                    .timeout(900)
                    .images(7)
                    .metric("paint.cost_ratio", 0, 0.30)                 // 0.2489 in the full run (175.2 -> 43.61; 40.77 on the engine before the speed work)
                    .metric("paint.cost_last", 0, 60)                    // 43.61
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
