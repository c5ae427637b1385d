package cadl.plot;

import cadl.notebook.Display;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A figure that redraws in place while a model trains: the first drawing is shown as a new cell
 * output, later ones replace it ({@link Display#show} then {@link Display#update}), at most
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

    /** Least time between two redraws, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 500;

    /** Where drawings go: the notebook's display, or a test's recorder. */
    interface Sink {
        String show(Object o);

        void update(String id, Object o);

        /** The last drawing; by default an ordinary update. */
        default void last(String id, Object o) {
            update(id, o);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Sink sink;
    private final LongSupplier nanoClock;
    private final Map<String, double[][]> curves = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private long intervalNanos = DEFAULT_INTERVAL_MILLIS * 1_000_000L;
    private Figure current;
    private String id;
    private long lastDraw;
    private boolean pending;
    private int draws;

    LivePlot(String title, String xLabel, String yLabel, Sink sink, LongSupplier nanoClock) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.sink = sink;
        this.nanoClock = nanoClock;
    }

    /** A live line figure whose series grow point by point with {@link #add}. */
    public static LivePlot line(String title, String xLabel, String yLabel) {
        Figure.line(title, xLabel, yLabel);  // checks title and labels now, not at the first point
        return new LivePlot(title, xLabel, yLabel, NotebookSink.INSTANCE, System::nanoTime);
    }

    /** A live plot for {@link #show(Figure)}: each call replaces the whole figure. */
    public static LivePlot figures() {
        return new LivePlot(null, null, null, NotebookSink.INSTANCE, System::nanoTime);
    }

    /** Least time between redraws (default {@value #DEFAULT_INTERVAL_MILLIS} ms; 0 redraws every time). */
    public LivePlot intervalMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("LivePlot.intervalMillis: " + millis + " ms is negative");
        }
        this.intervalNanos = millis * 1_000_000L;
        return this;
    }

    /**
     * Appends the point (x, y) to the named series and redraws if the interval has passed; first checks for
     * Kernel &gt; Interrupt ({@link cadl.notebook.Interrupts#check()}), so a loop that plots its cost stops there.
     */
    public LivePlot add(String series, double x, double y) {
        cadl.notebook.Interrupts.check();
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
        if (pending || id == null) {
            draw(true);
        }
        return current;
    }

    /** How many times the figure has been drawn. */
    public int draws() {
        return draws;
    }

    private void maybeDraw() {
        long now = nanoClock.getAsLong();
        if (id == null || now - lastDraw >= intervalNanos) {
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
        if (id == null) {
            id = sink.show(current);
        } else if (last) {
            sink.last(id, current);
        } else {
            sink.update(id, current);
        }
        lastDraw = nanoClock.getAsLong();
        pending = false;
        draws++;
    }

    /**
     * Sends drawings to {@link Display}, whose sink the kernel's init script installs. Outside a
     * kernel (Display's text sink) only the first and the last drawing print their summary line,
     * not one line every half second.
     */
    static final class NotebookSink implements Sink {
        static final NotebookSink INSTANCE = new NotebookSink();

        @Override
        public String show(Object o) {
            return Display.show(o);
        }

        @Override
        public void update(String id, Object o) {
            if (Display.sink() != Display.TEXT) {
                Display.update(id, o);
            }
        }

        @Override
        public void last(String id, Object o) {
            Display.update(id, o);
        }
    }
}
