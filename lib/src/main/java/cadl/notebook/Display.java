package cadl.notebook;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where library code sends things to be shown: a live plot, a progress figure, a GIF.
 *
 * <p>Notebook code calls the kernel's own {@code display(x)}; library code cannot, because the
 * library knows nothing about the kernel. It calls {@link #show(Object)} and later
 * {@link #update(String, Object)} instead, and the kernel's init script (see {@code kernel/})
 * installs a {@link Sink} that turns these calls into Jupyter {@code display_data} and
 * {@code update_display_data} messages. Outside a kernel (unit tests, a plain {@code java} run)
 * the default sink prints the {@code text/plain} form to standard output.
 */
public final class Display {

    /**
     * Turns objects into cell outputs. A kernel's init script installs one with {@link #install(Sink)}.
     */
    public interface Sink {

        /**
         * Shows {@code o} as a new output carrying the display id {@code id}.
         *
         * @param id the display id later passed to {@link #update(String, Object)}
         * @param o  a {@link Displayable}, an image or any object the kernel can render
         */
        void show(String id, Object o);

        /**
         * Replaces the output that carries display id {@code id} by {@code o}.
         *
         * @param id a display id given earlier to {@link #show(String, Object)}
         * @param o  the new content
         */
        void update(String id, Object o);
    }

    /** The sink used outside a kernel: prints the text/plain form of each object to standard output. */
    public static final Sink TEXT = new TextSink(System.out);

    private static volatile Sink sink = TEXT;

    private Display() {
    }

    /**
     * Makes {@code newSink} receive every later {@link #show} and {@link #update}.
     *
     * @param newSink the kernel's sink; never null (use {@link #TEXT} to go back to printing)
     */
    public static void install(Sink newSink) {
        sink = Objects.requireNonNull(newSink, "Display.install: the sink is null; pass Display.TEXT to print text");
    }

    /** The sink now in use: {@link #TEXT} unless a kernel installed its own. */
    public static Sink sink() {
        return sink;
    }

    /**
     * Shows {@code o} as a new cell output.
     *
     * @param o what to show (a {@link Displayable}, an image, anything with a useful {@code toString()})
     * @return the display id, for {@link #update(String, Object)}
     */
    public static String show(Object o) {
        String id = UUID.randomUUID().toString();
        sink.show(id, o);
        return id;
    }

    /**
     * Replaces the output shown earlier under display id {@code id} by {@code o} (a live plot redrawn
     * after each epoch, for example).
     *
     * @param id an id returned by {@link #show(Object)}
     * @param o  the new content
     */
    public static void update(String id, Object o) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Display.update: expected the display id returned by Display.show, got "
                    + (id == null ? "null" : "a blank string"));
        }
        sink.update(id, o);
    }

    /**
     * The text/plain form of {@code o}: a {@link Displayable}'s {@code text/plain} entry, else
     * {@code String.valueOf(o)}.
     */
    public static String plainText(Object o) {
        if (o instanceof Displayable d) {
            Map<String, String> bundle = d.mimeBundle();
            String text = bundle == null ? null : bundle.get("text/plain");
            if (text != null) {
                return text;
            }
        }
        return String.valueOf(o);
    }

    /** Prints the text/plain form of each object, one per call; updates are printed again. */
    static final class TextSink implements Sink {
        private final PrintStream out;

        TextSink(PrintStream out) {
            this.out = out;
        }

        @Override
        public void show(String id, Object o) {
            out.println(plainText(o));
        }

        @Override
        public void update(String id, Object o) {
            out.println(plainText(o));
        }

        @Override
        public String toString() {
            return "Display.TEXT";
        }
    }
}
