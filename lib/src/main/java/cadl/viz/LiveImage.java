package cadl.viz;

import cadl.notebook.LiveOutput;
import cadl.tensor.Tensor;

import java.util.function.LongSupplier;

/**
 * A picture that redraws in place while a model trains (a painting getting sharper, a reconstruction), the
 * image counterpart of {@code cadl.plot.LivePlot}: the first picture is shown as a new cell output, later
 * ones replace it, at most once every {@value #DEFAULT_INTERVAL_MILLIS} ms so drawing never slows training
 * down, and {@link #finish()} always shows the last picture given.
 *
 * <pre>{@code
 * LiveImage painting = LiveImage.start();
 * for (int pass = 0; pass < 500; pass++) {
 *     ... train ...
 *     painting.show(Images.image(predicted, Images.Range.BYTES));
 * }
 * painting.finish();
 * }</pre>
 *
 * <p>The notebook never handles display ids: the library asks {@link cadl.notebook.Display} for them. Outside a notebook
 * kernel it prints the picture's one-line summary when it first shows and when it finishes.
 */
public final class LiveImage {

    /** Least time between two redraws, in milliseconds (the one default, {@link LiveOutput#DEFAULT_INTERVAL_MILLIS}). */
    public static final long DEFAULT_INTERVAL_MILLIS = LiveOutput.DEFAULT_INTERVAL_MILLIS;

    private final LiveOutput output;
    private Image current;
    private boolean pending;

    LiveImage(LiveOutput.Sink sink, LongSupplier nanoClock) {
        this.output = new LiveOutput("LiveImage", sink, nanoClock);
    }

    /** A live picture; nothing is shown until the first {@link #show}. */
    public static LiveImage start() {
        return new LiveImage(LiveOutput.NOTEBOOK, System::nanoTime);
    }

    /** Least time between redraws (default {@value #DEFAULT_INTERVAL_MILLIS} ms; 0 redraws every time). */
    public LiveImage intervalMillis(long millis) {
        output.intervalMillis(millis);
        return this;
    }

    /** Replaces the picture, redrawing now if the interval has passed (the first picture is always shown). */
    public LiveImage show(Image image) {
        if (image == null) {
            throw new IllegalArgumentException("LiveImage.show: the image is null");
        }
        current = image;
        pending = true;
        if (output.due()) {
            draw(false);
        }
        return this;
    }

    /** {@link #show(Image)} of {@code Images.image(pixels, range)}: [H, W] grey or [H, W, 3] RGB. */
    public LiveImage show(Tensor pixels, Images.Range range) {
        return show(Images.image(pixels, range));
    }

    /**
     * Shows the last picture given (whatever the interval) and returns it.
     *
     * @throws IllegalStateException if no picture was ever given
     */
    public Image finish() {
        if (current == null) {
            throw new IllegalStateException("LiveImage.finish: no picture was shown; call show(image) during training first");
        }
        if (pending || !output.upToDate()) {
            draw(true);
        }
        return current;
    }

    /** The last picture given, or null before the first. */
    public Image current() {
        return current;
    }

    /** How many times the picture has been drawn. */
    public int draws() {
        return output.draws();
    }

    private void draw(boolean last) {
        output.draw(current, last);
        pending = false;
    }

    @Override
    public String toString() {
        return "LiveImage(" + (current == null ? "nothing shown yet" : current + ", drawn " + output.draws() + " time(s)") + ")";
    }
}
