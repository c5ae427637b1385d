package cadl.data;

import cadl.tensor.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The photograph the S2 painting network learns to copy: astronaut Eileen Collins, from NASA's
 * Great Images collection (public domain), as scikit-image ships it ({@code skimage/data/astronaut.png},
 * 512 x 512 RGB). The library bundles a 128 x 128 copy (box-filtered down by halving); see
 * {@code README.md} next to it.
 *
 * <pre>
 *   Tensor img = Astronaut.load(64);   // [64, 64, 3], float32, 0..255
 * </pre>
 */
public final class Astronaut {

    /** Side of the bundled copy, in pixels. */
    public static final int SIZE = 128;

    private static final String RESOURCE = "astronaut.png";

    private Astronaut() {
    }

    /** The bundled 128 x 128 RGB image (a new copy each call). */
    public static BufferedImage image() {
        try (InputStream in = Astronaut.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Astronaut: resource cadl/data/" + RESOURCE
                        + " is missing from the classpath; rebuild cadl-lib");
            }
            BufferedImage read = ImageIO.read(in);
            BufferedImage rgb = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(read, 0, 0, null);
            g.dispose();
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException("Astronaut: cannot read cadl/data/" + RESOURCE, e);
        }
    }

    /**
     * The image resized to {@code size x size}: halved with bilinear filtering (a 2 x 2 box
     * average) while at least twice too big, then one bilinear step to the exact size.
     *
     * @param size side in pixels, 1 to 1024
     */
    public static BufferedImage image(int size) {
        if (size < 1 || size > 1024) {
            throw new IllegalArgumentException("Astronaut.image: size must be 1..1024, got " + size);
        }
        BufferedImage cur = image();
        while (cur.getWidth() >= 2 * size) {
            cur = scale(cur, cur.getWidth() / 2);
        }
        return cur.getWidth() == size ? cur : scale(cur, size);
    }

    /**
     * The bundled image at its own size as a tensor {@code [128, 128, 3]}: rows, columns, then red,
     * green, blue, each a float32 in 0..255. (scikit-image's original is 512 x 512; the library
     * ships a 128 x 128 copy to stay small.) {@link #load(int)} gives another size directly.
     */
    public static Tensor load() {
        return toTensor(image());
    }

    /**
     * The image as a tensor {@code [size, size, 3]}: rows, columns, then red, green, blue, each a
     * float32 in 0..255.
     *
     * @param size side in pixels (the S2 lesson uses 64)
     */
    public static Tensor load(int size) {
        return toTensor(image(size));
    }

    /** The pixels of an RGB image as {@code [H, W, 3]} floats in 0..255. */
    static Tensor toTensor(BufferedImage img) {
        int h = img.getHeight();
        int w = img.getWidth();
        float[] v = new float[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int o = (y * w + x) * 3;
                v[o] = (rgb >> 16) & 0xff;
                v[o + 1] = (rgb >> 8) & 0xff;
                v[o + 2] = rgb & 0xff;
            }
        }
        return Tensor.of(v, h, w, 3);
    }

    private static BufferedImage scale(BufferedImage src, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
