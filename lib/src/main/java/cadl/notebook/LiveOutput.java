package cadl.notebook;

import java.util.function.LongSupplier;

/**
 * One cell output redrawn in place, at most once per interval: what {@code cadl.plot.LivePlot} and
 * {@code cadl.viz.LiveImage} share. The first drawing is shown at once; later ones replace it when the interval
 * has passed since the last redraw; {@link #draw(Object, boolean) the last} is always drawn.
 *
 * <p>Outside a kernel ({@link Display}'s text sink) only the first and the last drawing print their line, not
 * one line every half second.
 */
public final class LiveOutput {

    /** Least time between two redraws unless set otherwise, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 500;

    /** Where drawings go: the notebook's display ({@link #NOTEBOOK}), or a test's recorder. */
    public interface Sink {
        /** Shows {@code o} as a new output and returns its display id. */
        String show(Object o);

        /**
         * Replaces output {@code id} by {@code o}; {@code last} marks the final drawing. Returns whether the
         * drawing is now visible (a text console shows only the first and the last).
         */
        boolean update(String id, Object o, boolean last);
    }

    /** Sends drawings to {@link Display}; with its text sink only the first and the last print a line. */
    public static final Sink NOTEBOOK = new Sink() {
        @Override
        public String show(Object o) {
            return Display.show(o);
        }

        @Override
        public boolean update(String id, Object o, boolean last) {
            if (last || Display.sink() != Display.TEXT) {
                Display.update(id, o);
                return true;
            }
            return false;
        }

        @Override
        public String toString() {
            return "LiveOutput.NOTEBOOK";
        }
    };

    private final String owner;
    private final Sink sink;
    private final LongSupplier nanoClock;
    private long intervalNanos = DEFAULT_INTERVAL_MILLIS * 1_000_000L;
    private String id;
    private long lastDraw;
    private int draws;
    private boolean visible;

    /**
     * An output not shown yet.
     *
     * @param owner     the class using it, for error messages ("LivePlot")
     * @param sink      where drawings go
     * @param nanoClock the clock the interval is measured on ({@code System::nanoTime})
     */
    public LiveOutput(String owner, Sink sink, LongSupplier nanoClock) {
        this.owner = owner;
        this.sink = sink;
        this.nanoClock = nanoClock;
    }

    /** Least time between redraws; 0 redraws every time. */
    public void intervalMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(owner + ".intervalMillis: " + millis + " ms is negative; use 0 to redraw every time");
        }
        intervalNanos = millis * 1_000_000L;
    }

    /**
     * True when a drawing now would be shown: nothing shown yet, or the interval has passed. Called once per
     * training step by the live outputs, so it first checks for Kernel &gt; Interrupt ({@link Interrupts#check()}).
     */
    public boolean due() {
        Interrupts.check();
        return id == null || nanoClock.getAsLong() - lastDraw >= intervalNanos;
    }

    /** Shows {@code content} (the first time) or replaces the shown output by it. */
    public void draw(Object content, boolean last) {
        if (id == null) {
            id = sink.show(content);
            visible = true;
        } else {
            visible = sink.update(id, content, last);
        }
        lastDraw = nanoClock.getAsLong();
        draws++;
    }

    /**
     * True when the latest drawing is visible. Outside a kernel a drawing that happened to be due during training
     * printed nothing, so {@code finish()} must still draw the final state.
     */
    public boolean upToDate() {
        return visible;
    }

    /** True once something was drawn. */
    public boolean shown() {
        return id != null;
    }

    /** How many times something was drawn. */
    public int draws() {
        return draws;
    }
}
