package cadl.viz;

import cadl.notebook.Displayable;
import cadl.tensor.Tensor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grey or RGB picture a notebook shows with {@code display(...)}, and can save.
 *
 * <p>Shown as PNG; an image smaller than {@value #DISPLAY_MIN_SIZE} pixels on its longer side is scaled
 * up by a whole factor with nearest neighbour for display only (a 28x28 digit shows at 4x, sharp), see
 * {@link #displayScale()}. Saving writes the image at its own size. Immutable: the methods return new images.
 *
 * <pre>{@code
 * Image img = Images.image(x.reshape(28, 28));   // prints as "Image 28x28 grey"
 * display(img);
 * img.save(Path.of("digit.png"));
 * }</pre>
 */
public final class Image implements Displayable {

    /** Images whose longer side is shorter than this many pixels are scaled up when displayed. */
    public static final int DISPLAY_MIN_SIZE = 112;

    private final BufferedImage image;

    private Image(BufferedImage image) {
        this.image = image;
    }

    /**
     * Wraps a copy of {@code image}, kept as {@code TYPE_BYTE_GRAY} if it has one colour component and as
     * {@code TYPE_INT_RGB} otherwise (alpha is dropped).
     */
    public static Image of(BufferedImage image) {
        BufferedImage standard = Images.standard(image);
        return new Image(standard == image ? copy(image) : standard);
    }

    /** Wraps an image this package just made, without copying it. */
    static Image wrap(BufferedImage image) {
        return new Image(Images.standard(image));
    }

    /** Width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** Height in pixels. */
    public int height() {
        return image.getHeight();
    }

    /** 1 for a grey image, 3 for RGB. */
    public int channels() {
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
    }

    /** True for a grey image. */
    public boolean isGrey() {
        return channels() == 1;
    }

    /** The pixel at ({@code row}, {@code col}) as {@code 0xRRGGBB} (grey pixels have R = G = B). */
    public int rgb(int row, int col) {
        if (row < 0 || row >= height() || col < 0 || col >= width()) {
            throw new IllegalArgumentException("Image.rgb: pixel (row " + row + ", col " + col
                    + ") is outside the " + height() + "x" + width() + " (height x width) image");
        }
        if (isGrey()) {
            int v = image.getRaster().getSample(col, row, 0);
            return (v << 16) | (v << 8) | v;
        }
        return image.getRGB(col, row) & 0xFFFFFF;
    }

    /** A copy of the pixels as a {@link BufferedImage} ({@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB}). */
    public BufferedImage bufferedImage() {
        return copy(image);
    }

    /**
     * The pixels as a tensor in the stated range: {@code [H, W]} for a grey image, {@code [H, W, 3]} for RGB.
     */
    public Tensor toTensor(Images.Range range) {
        return Images.toTensor(image, range);
    }

    /** This image resized to {@code newHeight x newWidth}; see {@link Images#resize(BufferedImage, int, int, Images.Interpolation)}. */
    public Image resize(int newHeight, int newWidth, Images.Interpolation interpolation) {
        return new Image(Images.resize(image, newHeight, newWidth, interpolation));
    }

    /** This image scaled up by a whole {@code factor} with nearest neighbour (each pixel a block). */
    public Image scaled(int factor) {
        return new Image(factor == 1 ? image : Images.scaleUp(image, factor));
    }

    /**
     * The whole factor the image is scaled up by when displayed: the smallest factor that brings its
     * longer side to at least {@value #DISPLAY_MIN_SIZE} pixels, and 1 for images that large already.
     */
    public int displayScale() {
        return displayScale(width(), height());
    }

    static int displayScale(int width, int height) {
        int longer = Math.max(width, height);
        return longer >= DISPLAY_MIN_SIZE ? 1 : (DISPLAY_MIN_SIZE + longer - 1) / longer;
    }

    /** The image (at its own size) encoded as PNG. */
    public byte[] png() {
        return encode(image, "png");
    }

    /**
     * Saves the image at its own size, in the format the file name's extension names ({@code .png},
     * {@code .jpg}/{@code .jpeg}, {@code .bmp}; PNG when there is none). Atomic: written to a temporary
     * file beside {@code file}, then moved into place; parent directories are created.
     *
     * @throws IllegalArgumentException for an extension that is not one of these
     */
    public void save(Path file) {
        AtomicFile.write(file, encode(image, formatOf(file)));
    }

    /** {@code image/png} (scaled up for display if small, base64) and {@code text/plain}. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        BufferedImage shown = Images.scaleUp(image, displayScale());
        bundle.put("image/png", Base64.getEncoder().encodeToString(encode(shown, "png")));
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** {@code "Image 64x64 RGB"} or {@code "Image 28x28 grey"}: width x height. */
    @Override
    public String toString() {
        return "Image " + width() + "x" + height() + (isGrey() ? " grey" : " RGB");
    }

    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "png" : name.substring(dot + 1);
        return switch (ext) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpeg";
            case "bmp" -> "bmp";
            default -> throw new IllegalArgumentException("Image.save: cannot tell the format of " + file
                    + " from its extension '." + ext + "'; use .png, .jpg or .bmp (and Gif for .gif)");
        };
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("Image: ImageIO has no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Image: cannot encode as " + format + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getColorModel(), image.copyData(null),
                image.isAlphaPremultiplied(), null);
        return out;
    }
}
