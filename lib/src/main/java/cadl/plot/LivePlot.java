package cadl.plot;

import cadl.notebook.LiveOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A figure that redraws in place while a model trains: the first drawing is shown as a new cell
 * output, later ones replace it ({@link cadl.notebook.Display#show} then {@link cadl.notebook.Display#update}), at most
 * once every {@value #DEFAULT_INTERVAL_MILLIS} ms so drawing never slows training down, and
 * {@link #finish()} always draws the final state.
 *
 * <pre>{@code
 * LivePlot live = LivePlot.line("Training cost", "iteration", "cost");
 * for (int it = 0; it < 500; it++) {
 *     ... one optimizer step ...
 *     live.add("cost", it, cost.item());
 * }
 * live.finish();
 * }</pre>
 *
 * <p>Or redraw any figure, e.g. the current fit over the data: {@code live.show(figureOfFit)}.
 * Outside a notebook kernel it prints the figure's one-line summary when it starts and when it
 * finishes.
 */
public final class LivePlot {

    /** Least time between two redraws, in milliseconds (the one default, {@link LiveOutput#DEFAULT_INTERVAL_MILLIS}). */
    public static final long DEFAULT_INTERVAL_MILLIS = LiveOutput.DEFAULT_INTERVAL_MILLIS;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final LiveOutput output;
    private final Map<String, double[][]> curves = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private Figure current;
    private boolean pending;

    LivePlot(String title, String xLabel, String yLabel, LiveOutput.Sink sink, LongSupplier nanoClock) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.output = new LiveOutput("LivePlot", sink, nanoClock);
    }

    /** A live line figure whose series grow point by point with {@link #add}. */
    public static LivePlot line(String title, String xLabel, String yLabel) {
        Figure.line(title, xLabel, yLabel);  // checks title and labels now, not at the first point
        return new LivePlot(title, xLabel, yLabel, LiveOutput.NOTEBOOK, System::nanoTime);
    }

    /** A live plot for {@link #show(Figure)}: each call replaces the whole figure. */
    public static LivePlot figures() {
        return new LivePlot(null, null, null, LiveOutput.NOTEBOOK, System::nanoTime);
    }

    /** Least time between redraws (default {@value #DEFAULT_INTERVAL_MILLIS} ms; 0 redraws every time). */
    public LivePlot intervalMillis(long millis) {
        output.intervalMillis(millis);
        return this;
    }

    /**
     * Appends the point (x, y) to the named series and redraws if the interval has passed; first checks for
     * Kernel &gt; Interrupt ({@link cadl.notebook.Interrupts#check()}), so a loop that plots its cost stops there.
     */
    public LivePlot add(String series, double x, double y) {
        if (title == null) {
            throw new IllegalStateException("LivePlot.add: this live plot shows whole figures; "
                + "make one with LivePlot.line(title, xLabel, yLabel) to add points");
        }
        double[][] c = curves.computeIfAbsent(series, k -> new double[2][16]);
        int n = sizes.getOrDefault(series, 0);
        if (n == c[0].length) {
            c[0] = java.util.Arrays.copyOf(c[0], 2 * n);
            c[1] = java.util.Arrays.copyOf(c[1], 2 * n);
            curves.put(series, c);
        }
        c[0][n] = x;
        c[1][n] = y;
        sizes.put(series, n + 1);
        pending = true;
        maybeDraw();
        return this;
    }

    /** Replaces the shown figure with this one, redrawing if the interval has passed. */
    public LivePlot show(Figure figure) {
        current = figure;
        pending = true;
        maybeDraw();
        return this;
    }

    /** Draws the final state (whatever the interval) and returns the figure drawn last. */
    public Figure finish() {
        if (pending || !output.upToDate()) {
            draw(true);
        }
        return current;
    }

    /** How many times the figure has been drawn. */
    public int draws() {
        return output.draws();
    }

    private void maybeDraw() {
        if (output.due()) {
            draw(false);
        }
    }

    private void draw(boolean last) {
        if (title != null) {
            Figure f = Figure.line(title, xLabel, yLabel);
            for (Map.Entry<String, double[][]> e : curves.entrySet()) {
                int n = sizes.get(e.getKey());
                f.series(e.getKey(), java.util.Arrays.copyOf(e.getValue()[0], n),
                    java.util.Arrays.copyOf(e.getValue()[1], n));
            }
            if (curves.isEmpty()) {
                return;  // nothing to draw yet
            }
            current = f;
        }
        if (current == null) {
            return;
        }
        output.draw(current, last);
        pending = false;
    }
}
