package cadl.viz;

import cadl.tensor.Tensor;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Tensor &lt;-&gt; image conversions, clipping and resizing.
 *
 * <p>Pixel tensors are grey {@code [H, W]} or {@code [H, W, 1]}, or RGB {@code [H, W, 3]} (row-major,
 * channels last, as everywhere in the course). A value range says which values mean black and white:
 * {@link Range#UNIT} (0..1, the course's default), {@link Range#BYTES} (0..255) or any {@code lo..hi};
 * values outside it are clipped. Sizes are {@code (height, width)}, the order of a tensor's shape.
 *
 * <pre>{@code
 * Image digit = Images.image(x.rows(0, 1).reshape(28, 28));          // 0..1 -> grey image
 * Image painting = Images.image(Images.clip(out.reshape(64, 64, 3)), Images.Range.BYTES);
 * Tensor astronaut = Images.read(path).resize(64, 64, Images.Interpolation.AREA).toTensor(Images.Range.BYTES); // [64, 64, 3]
 * }</pre>
 */
public final class Images {

    /** A stated value range of pixel tensors: {@code lo} is black, {@code hi} is white. */
    public enum Range {
        /** 0..1: how the course scales images (MNIST, network outputs). */
        UNIT(0.0, 1.0),
        /** 0..255: 8-bit pixel values (the painting lesson's outputs, files read from disk). */
        BYTES(0.0, 255.0);

        private final double lo;
        private final double hi;

        Range(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        /** The value shown as black (0). */
        public double lo() {
            return lo;
        }

        /** The value shown as white (255). */
        public double hi() {
            return hi;
        }
    }

    /** How {@code resize} computes a new pixel from the old ones. */
    public enum Interpolation {
        /** The nearest old pixel: blocky, exact colours; right for scaling up small images for display. */
        NEAREST,
        /** Linear in each direction between the 2x2 nearest old pixels: smooth when scaling up or a little down. */
        BILINEAR,
        /** The average of the old pixels the new one covers (fractions weighted): right for shrinking. */
        AREA
    }

    private Images() {
    }

    // ---------------------------------------------------------------- tensor -> image

    /**
     * A grey or RGB image of pixels in 0..1 (values outside are clipped).
     *
     * @param pixels {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     * @return an {@code H x W} image, grey for one channel, RGB for three
     */
    public static Image image(Tensor pixels) {
        return image(pixels, Range.UNIT);
    }

    /** A grey or RGB image of pixels in a stated range; see {@link #image(Tensor, double, double)}. */
    public static Image image(Tensor pixels, Range range) {
        return image(pixels, range.lo(), range.hi());
    }

    /**
     * A grey or RGB image of {@code pixels}, with {@code lo} shown black (0) and {@code hi} white (255),
     * linear in between and clipped outside.
     *
     * @param pixels {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     * @param lo     value shown as 0
     * @param hi     value shown as 255; must be greater than {@code lo}
     */
    public static Image image(Tensor pixels, double lo, double hi) {
        return Image.wrap(toBufferedImage(pixels, lo, hi));
    }

    /**
     * A grey or RGB image of {@code pixels} stretched so its smallest value is black and its largest white
     * (how the lesson shows a mean or standard-deviation image). A constant tensor shows mid-grey.
     *
     * @param pixels {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     */
    public static Image normalized(Tensor pixels) {
        Pixels p = Pixels.of("Images.normalized", pixels);
        double[] minMax = minMax(p.data());
        if (!(minMax[1] > minMax[0])) {
            return image(pixels, minMax[0] - 1, minMax[0] + 1);
        }
        return image(pixels, minMax[0], minMax[1]);
    }

    /**
     * The {@link BufferedImage} of {@code pixels}: {@code TYPE_BYTE_GRAY} for one channel,
     * {@code TYPE_INT_RGB} for three; {@code lo} maps to 0 and {@code hi} to 255, clipped, rounded.
     *
     * @param pixels {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     */
    public static BufferedImage toBufferedImage(Tensor pixels, double lo, double hi) {
        return Pixels.of("Images.toBufferedImage", pixels).toBufferedImage("Images.toBufferedImage", lo, hi);
    }

    // ---------------------------------------------------------------- image -> tensor

    /**
     * The pixels of {@code image} as a tensor in the stated range: {@code [H, W]} for a grey image,
     * {@code [H, W, 3]} for a colour one (alpha is dropped).
     */
    public static Tensor toTensor(BufferedImage image, Range range) {
        return isGrey(image) ? toGreyTensor(image, range) : toRgbTensor(image, range);
    }

    /** The pixels of {@code image} as an RGB tensor {@code [H, W, 3]} in the stated range. */
    public static Tensor toRgbTensor(BufferedImage image, Range range) {
        image = standard(image);
        int h = image.getHeight();
        int w = image.getWidth();
        float[] data = new float[h * w * 3];
        double scale = (range.hi() - range.lo()) / 255.0;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgbRow(image, y, row);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int i = (y * w + x) * 3;
                data[i] = (float) (range.lo() + ((rgb >> 16) & 0xFF) * scale);
                data[i + 1] = (float) (range.lo() + ((rgb >> 8) & 0xFF) * scale);
                data[i + 2] = (float) (range.lo() + (rgb & 0xFF) * scale);
            }
        }
        return Tensor.of(data, h, w, 3);
    }

    /**
     * The pixels of {@code image} as a grey tensor {@code [H, W]} in the stated range. A grey image's
     * samples are read as they are; a colour image is converted with the luma weights
     * 0.299 R + 0.587 G + 0.114 B.
     */
    public static Tensor toGreyTensor(BufferedImage image, Range range) {
        image = standard(image);
        int h = image.getHeight();
        int w = image.getWidth();
        float[] data = new float[h * w];
        double scale = (range.hi() - range.lo()) / 255.0;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = (float) (range.lo() + row[x] * scale);
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int rgb = row[x];
                    double luma = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                    data[y * w + x] = (float) (range.lo() + luma * scale);
                }
            }
        }
        return Tensor.of(data, h, w);
    }

    /** True when {@code image} has one colour component (a grey image). */
    public static boolean isGrey(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1;
    }

    // ---------------------------------------------------------------- files

    /**
     * Reads an image file (PNG, JPEG, GIF's first frame, BMP) with {@link ImageIO}.
     *
     * @throws IllegalArgumentException if the file is missing or not an image ImageIO can read
     */
    public static Image read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Images.read: no such file " + file.toAbsolutePath());
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalArgumentException("Images.read: " + file.toAbsolutePath()
                        + " is not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
            }
            return Image.of(image);
        } catch (IOException e) {
            throw new UncheckedIOException("Images.read: cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- clip and resize

    /**
     * Clips pixel values to the 8-bit range 0..255, as the painting lesson does with its network's outputs
     * before showing them. Same shape as {@code pixels}.
     */
    public static Tensor clip(Tensor pixels) {
        return pixels.clip(0.0, 255.0);
    }

    /**
     * Resizes a pixel tensor in float precision (no rounding to 8 bits).
     * {@code BILINEAR} uses half-pixel centres (as TensorFlow 2 and scikit-image do);
     * {@code AREA} averages the covered pixels weighted by overlap.
     *
     * @param pixels    {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     * @param newHeight {@code H_out >= 1}
     * @param newWidth  {@code W_out >= 1}
     * @return {@code [H_out, W_out]} or {@code [H_out, W_out, C]}, the rank of {@code pixels}
     */
    public static Tensor resize(Tensor pixels, int newHeight, int newWidth, Interpolation interpolation) {
        Pixels p = Pixels.of("Images.resize", pixels);
        checkSize("Images.resize", newHeight, newWidth);
        int h = p.height();
        int w = p.width();
        int c = p.channels();
        float[] src = p.data();
        AxisWeights rows = AxisWeights.of(h, newHeight, interpolation);
        AxisWeights cols = AxisWeights.of(w, newWidth, interpolation);
        // first along the rows: [h, w, c] -> [newHeight, w, c]
        float[] mid = new float[newHeight * w * c];
        for (int y = 0; y < newHeight; y++) {
            int[] idx = rows.index[y];
            float[] wt = rows.weight[y];
            for (int k = 0; k < idx.length; k++) {
                int from = idx[k] * w * c;
                int to = y * w * c;
                float f = wt[k];
                for (int j = 0; j < w * c; j++) {
                    mid[to + j] += f * src[from + j];
                }
            }
        }
        // then along the columns: [newHeight, w, c] -> [newHeight, newWidth, c]
        float[] out = new float[newHeight * newWidth * c];
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                int[] idx = cols.index[x];
                float[] wt = cols.weight[x];
                int to = (y * newWidth + x) * c;
                for (int k = 0; k < idx.length; k++) {
                    int from = (y * w + idx[k]) * c;
                    float f = wt[k];
                    for (int ch = 0; ch < c; ch++) {
                        out[to + ch] += f * mid[from + ch];
                    }
                }
            }
        }
        int[] shape = pixels.rank() == 2 ? new int[]{newHeight, newWidth} : new int[]{newHeight, newWidth, c};
        return Tensor.of(out, shape);
    }

    /**
     * Resizes an image: {@code NEAREST} and {@code BILINEAR} with Java2D ({@link Graphics2D} rendering
     * hints), {@code AREA} with the exact box average of {@link #resize(Tensor, int, int, Interpolation)}
     * (Java2D's area-averaging filter passes grey images through sRGB and brightens them). Keeps grey
     * images grey. Java2D's bilinear looks at only 2x2 pixels, so shrink by more than 2 with {@code AREA}.
     *
     * @return a new {@code newHeight x newWidth} image
     */
    public static BufferedImage resize(BufferedImage image, int newHeight, int newWidth, Interpolation interpolation) {
        checkSize("Images.resize", newHeight, newWidth);
        int type = isGrey(image) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(newWidth, newHeight, type);
        Graphics2D g = out.createGraphics();
        try {
            if (interpolation == Interpolation.AREA) {
                Tensor pixels = toTensor(image, Range.BYTES);
                Tensor resized = resize(pixels, newHeight, newWidth, Interpolation.AREA);
                return toBufferedImage(resized, 0, 255);
            } else {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation == Interpolation.NEAREST
                        ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                        : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(image, 0, 0, newWidth, newHeight, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Scales an image up by a whole factor with nearest neighbour, each pixel becoming a
     * {@code factor x factor} block: how a 28x28 digit is shown large without blurring.
     */
    public static BufferedImage scaleUp(BufferedImage image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Images.scaleUp: factor must be >= 1, got " + factor);
        }
        image = standard(image);
        if (factor == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w * factor, h * factor, image.getType());
        WritableRaster dst = out.getRaster();
        Raster src = image.getRaster();
        int bands = src.getNumBands();
        int[] pixel = new int[bands];
        int[] block = new int[factor * factor * bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                src.getPixel(x, y, pixel);
                for (int i = 0; i < factor * factor; i++) {
                    System.arraycopy(pixel, 0, block, i * bands, bands);
                }
                dst.setPixels(x * factor, y * factor, factor, factor, block);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Row {@code y} of a standard image as {@code 0xRRGGBB}. A grey image's samples are copied to R, G and B
     * as they are: {@link BufferedImage#getRGB} would pass them through the linear-grey-to-sRGB conversion
     * and brighten them (128 would read back as 193).
     */
    static void rgbRow(BufferedImage image, int y, int[] row) {
        int w = image.getWidth();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            image.getRaster().getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int v = row[x];
                row[x] = (v << 16) | (v << 8) | v;
            }
        } else {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
        }
    }

    /**
     * {@code image} itself if it is {@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB}, else a copy drawn into
     * the one of those two that fits (alpha dropped): the two kinds of image this package makes.
     */
    static BufferedImage standard(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        boolean grey = isGrey(image);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(),
                grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        if (grey && image.getColorModel().getComponentSize(0) == 8 && !image.getColorModel().hasAlpha()) {
            out.getRaster().setRect(image.getRaster()); // keep the grey values exactly
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static void checkSize(String op, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(op + ": the new size must be at least 1x1, got height "
                    + height + " and width " + width);
        }
    }

    static void checkRange(String op, double lo, double hi) {
        if (!(hi > lo) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException(op + ": the value range must have lo < hi (both finite), got lo "
                    + lo + " and hi " + hi);
        }
    }

    static double[] minMax(float[] data) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) { // empty or all NaN
            return new double[]{0.0, 0.0};
        }
        return new double[]{min, max};
    }

    /** The value {@code v} of range {@code lo..hi} as a byte 0..255: linear, rounded, clipped; NaN gives 0. */
    static int toByte(double v, double lo, double hi) {
        double t = (v - lo) / (hi - lo) * 255.0;
        if (!(t > 0)) {
            return 0;
        }
        return t >= 255 ? 255 : (int) Math.round(t);
    }

    /** The grey or RGB pixels of a tensor, checked: its data row-major with channels last. */
    record Pixels(float[] data, int height, int width, int channels) {

        static Pixels of(String op, Tensor pixels) {
            int[] s = pixels.shape();
            boolean ok = (s.length == 2) || (s.length == 3 && (s[2] == 1 || s[2] == 3));
            if (!ok) {
                throw new IllegalArgumentException(op + ": expected grey pixels [H, W] or [H, W, 1] or RGB [H, W, 3], got "
                        + Arrays.toString(s)
                        + (s.length == 4 ? "; for a batch [N, H, W, C] use Montage.of or take one image with rows(i, i + 1).reshape(H, W, C)" : ""));
            }
            if (s[0] < 1 || s[1] < 1) {
                throw new IllegalArgumentException(op + ": an image needs at least 1x1 pixels, got " + Arrays.toString(s));
            }
            return new Pixels(pixels.toFloatArray(), s[0], s[1], s.length == 2 ? 1 : s[2]);
        }

        BufferedImage toBufferedImage(String op, double lo, double hi) {
            checkRange(op, lo, hi);
            if (channels == 1) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                byte[] bytes = new byte[width * height];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) toByte(data[i], lo, hi);
                }
                image.getRaster().setDataElements(0, 0, width, height, bytes);
                return image;
            }
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] rgb = new int[width * height];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (toByte(data[3 * i], lo, hi) << 16) | (toByte(data[3 * i + 1], lo, hi) << 8)
                        | toByte(data[3 * i + 2], lo, hi);
            }
            image.setRGB(0, 0, width, height, rgb, 0, width);
            return image;
        }
    }

    /** For each new pixel along one axis: which old pixels it reads and with what weights. */
    private static final class AxisWeights {
        final int[][] index;
        final float[][] weight;

        private AxisWeights(int n) {
            index = new int[n][];
            weight = new float[n][];
        }

        static AxisWeights of(int in, int out, Interpolation interpolation) {
            AxisWeights a = new AxisWeights(out);
            double scale = (double) in / out;
            for (int o = 0; o < out; o++) {
                switch (interpolation) {
                    case NEAREST -> {
                        int i = Math.min(in - 1, (int) Math.floor((o + 0.5) * scale));
                        a.index[o] = new int[]{i};
                        a.weight[o] = new float[]{1f};
                    }
                    case BILINEAR -> {
                        double src = Math.max(0.0, Math.min(in - 1.0, (o + 0.5) * scale - 0.5));
                        int i0 = (int) Math.floor(src);
                        int i1 = Math.min(in - 1, i0 + 1);
                        float f = (float) (src - i0);
                        a.index[o] = new int[]{i0, i1};
                        a.weight[o] = new float[]{1f - f, f};
                    }
                    case AREA -> {
                        double start = o * scale;
                        double end = (o + 1) * scale;
                        int first = (int) Math.floor(start);
                        int last = Math.min(in - 1, (int) Math.ceil(end) - 1);
                        int n = last - first + 1;
                        a.index[o] = new int[n];
                        a.weight[o] = new float[n];
                        for (int k = 0; k < n; k++) {
                            int i = first + k;
                            double overlap = Math.min(end, i + 1) - Math.max(start, i);
                            a.index[o][k] = i;
                            a.weight[o][k] = (float) (overlap / scale);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown interpolation " + interpolation);
                }
            }
            return a;
        }
    }
}
