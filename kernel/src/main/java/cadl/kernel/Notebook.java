package cadl.kernel;

import java.awt.image.RenderedImage;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import cadl.notebook.Display;
import cadl.notebook.Displayable;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * The display functions a cell calls, by the names IJava and JJava give them, so a notebook runs
 * unchanged on either: {@code display(x)}, {@code display(x, "text/html")},
 * {@code updateDisplay(id, x)}, {@code render(x)}, and {@code clearOutput()}. The kernel defines
 * them as top-level JShell methods that call these, so a cell's own imports
 * ({@code import java.util.*;}) cannot hide them.
 *
 * <p>What a value becomes: a {@link Displayable} (figures, images, GIFs, tables) sends every
 * entry of its {@code mimeBundle()}; a {@link RenderedImage} becomes {@code image/png}; a
 * {@link DisplayData} is sent as it is; anything else is its {@code String.valueOf}. Every output
 * also carries {@code text/plain}, which text front ends and converters show.
 */
public final class Notebook {

    private static volatile Renderer renderer;
    private static volatile Outputs outputs;

    private Notebook() {
    }

    /** Connects these functions to the running kernel, and cadl.notebook.Display's sink to it. */
    static void install(Renderer kernelRenderer, Outputs kernelOutputs) {
        renderer = Objects.requireNonNull(kernelRenderer);
        outputs = Objects.requireNonNull(kernelOutputs);
        Display.install(new Display.Sink() {
            @Override
            public void show(String id, Object o) {
                showAs(id, o);
            }

            @Override
            public void update(String id, Object o) {
                updateDisplay(id, o);
            }

            @Override
            public String toString() {
                return "CADL kernel display sink";
            }
        });
    }

    /**
     * Shows {@code o} as a new output of the running cell.
     *
     * @return its display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object o) {
        String id = UUID.randomUUID().toString();
        showAs(id, o);
        return id;
    }

    /**
     * Shows {@code o} rendered as the given MIME types only (plus {@code text/plain}), for
     * example {@code display("<b>hi</b>", "text/html")}.
     */
    public static String display(Object o, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        DisplayData data = render(o, mimeTypes);
        data.setDisplayId(id);
        send(new PublishDisplayData(data), data);
        return id;
    }

    /** Replaces the output shown under display id {@code id} by {@code o}. */
    public static void updateDisplay(String id, Object o) {
        requireId(id);
        DisplayData data = render(o);
        data.setDisplayId(id);
        send(new PublishUpdateDisplayData(data), data);
    }

    /** Replaces the output shown under display id {@code id} by {@code o} rendered as the given types. */
    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        requireId(id);
        DisplayData data = render(o, mimeTypes);
        data.setDisplayId(id);
        send(new PublishUpdateDisplayData(data), data);
    }

    /** What {@link #display(Object)} would send, as a value (a cell that ends with it shows it). */
    public static DisplayData render(Object o) {
        if (o instanceof DisplayData d) {
            return withText(d, o);
        }
        DisplayData data = new DisplayData();
        if (o instanceof Displayable d) {
            bundleInto(d, data);
        } else if (o != null && renderer != null) {
            data = renderer.render(o);
        }
        return withText(data, o);
    }

    /** {@link #render(Object)} restricted to the given MIME types (plus {@code text/plain}). */
    public static DisplayData render(Object o, String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) {
            return render(o);
        }
        DisplayData data = new DisplayData();
        if (o instanceof Displayable d) {
            Map<String, String> bundle = d.mimeBundle();
            for (String m : mimeTypes) {
                if (bundle != null && bundle.containsKey(m)) {
                    data.putData(m, bundle.get(m));
                }
            }
        } else if (o instanceof CharSequence s) {
            // display("<b>hi</b>", "text/html"): the text is the content in that type
            for (String m : mimeTypes) {
                data.putData(m, s.toString());
            }
        } else if (o != null && renderer != null) {
            data = renderer.renderAs(o, mimeTypes);
        }
        return withText(data, o);
    }

    /** Clears the running cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the running cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Outputs o = outputs;
        if (o != null) {
            o.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }
    }

    private static void showAs(String id, Object o) {
        DisplayData data = render(o);
        data.setDisplayId(id);
        send(new PublishDisplayData(data), data);
    }

    private static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("updateDisplay: expected the display id that display(x) returned, got "
                    + (id == null ? "null" : "a blank string"));
        }
    }

    private static <T extends org.dflib.jjava.jupyter.messages.ContentType<T>> void send(T message, DisplayData data) {
        Outputs o = outputs;
        if (o == null || !o.publish(message)) {
            // no cell is running (a background thread after its cell ended): keep the text on the kernel log
            Kernel.LOG.println("cadl-kernel: output after its cell ended: " + data.getData(MIMEType.TEXT_PLAIN));
        }
    }

    private static void bundleInto(Displayable d, DisplayData data) {
        Map<String, String> bundle = d.mimeBundle();
        if (bundle != null) {
            bundle.forEach(data::putData);
        }
    }

    private static DisplayData withText(DisplayData data, Object o) {
        if (!data.hasDataForType(MIMEType.TEXT_PLAIN) || o instanceof RenderedImage) {
            data.putText(plainText(o));
        }
        return data;
    }

    /** The text/plain form: a Displayable's own, an image's size, else {@code String.valueOf}. */
    static String plainText(Object o) {
        if (o instanceof Displayable) {
            return Display.plainText(o);
        }
        if (o instanceof RenderedImage img) {
            return o.getClass().getSimpleName() + " " + img.getWidth() + "x" + img.getHeight();
        }
        return String.valueOf(o);
    }
}
