package cadl.viz;

import cadl.tensor.Tensor;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Many images on one square grid with 1-pixel borders, as the lesson's {@code montage} and
 * {@code montage_filters} helpers draw them.
 *
 * <p>Geometry: {@code N} images of {@code H x W} go on a grid of {@code n = ceil(sqrt(N))} rows and columns,
 * row by row (image {@code k} in row {@code k / n}, column {@code k % n}); the montage is
 * {@code n (H + 1) + 1} pixels high and {@code n (W + 1) + 1} wide, image {@code k}'s top-left pixel at
 * row {@code 1 + (k / n)(H + 1)}, column {@code 1 + (k % n)(W + 1)}. Borders and empty cells are mid-grey
 * (128, 128, 128): the lesson's background of 0.5 on a 0..1 scale.
 *
 * <pre>{@code
 * display(Montage.of(x.rows(0, 100).reshape(100, 28, 28)));        // 100 digits, 10 x 10, 291 x 291
 * display(Montage.filters(W1));                                      // W1 [5, 5, 1, 32] -> 6 x 6 grid, 37 x 37
 * }</pre>
 */
public final class Montage {

    /** Colour of the borders and of empty cells: mid-grey. */
    public static final int BORDER_RGB = 0x808080;

    private Montage() {
    }

    /**
     * Rows (and columns) of the grid for {@code n} images: {@code ceil(sqrt(n))}.
     */
    public static int side(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Montage.side: need at least one image, got " + n);
        }
        int s = (int) Math.ceil(Math.sqrt(n));
        while (s * s < n) {
            s++;
        }
        while (s > 1 && (s - 1) * (s - 1) >= n) {
            s--;
        }
        return s;
    }

    /**
     * A montage of images with pixels in 0..1 (clipped).
     *
     * @param images grey {@code [N, H, W]} or {@code [N, H, W, 1]}, or RGB {@code [N, H, W, 3]}
     * @return a grey or RGB image of {@code n (H + 1) + 1 x n (W + 1) + 1} pixels, {@code n = ceil(sqrt(N))}
     */
    public static Image of(Tensor images) {
        return of(images, 0.0, 1.0);
    }

    /** A montage of images with pixels in a stated range; see {@link #of(Tensor, double, double)}. */
    public static Image of(Tensor images, Images.Range range) {
        return of(images, range.lo(), range.hi());
    }

    /**
     * A montage of images with {@code lo} shown black and {@code hi} white (clipped).
     *
     * @param images grey {@code [N, H, W]} or {@code [N, H, W, 1]}, or RGB {@code [N, H, W, 3]}
     */
    public static Image of(Tensor images, double lo, double hi) {
        Batch b = Batch.of("Montage.of", images);
        Images.checkRange("Montage.of", lo, hi);
        double border = lo + (hi - lo) * 128.0 / 255.0;
        Images.Pixels grid = layout(b, (float) border);
        return Image.wrap(grid.toBufferedImage("Montage.of", lo, hi));
    }

    /**
     * A montage of grey images coloured with {@code map} over one automatic range for all of them
     * ({@link ColorMap#autoRange(Tensor)}): symmetric around 0 for coolWarm. The lesson's picture of the
     * 10 columns of a 784 x 10 weight matrix is {@code Montage.of(W.transpose().reshape(10, 28, 28), ColorMap.coolWarm())}.
     *
     * @param images {@code [N, H, W]} or {@code [N, H, W, 1]}
     * @return an RGB image of {@code n (H + 1) + 1 x n (W + 1) + 1} pixels
     */
    public static Image of(Tensor images, ColorMap map) {
        Batch b = Batch.of("Montage.of", images);
        double[] range = map.autoRange(b.data);
        return colour("Montage.of", b, map, range[0], range[1]);
    }

    /**
     * A montage of grey images coloured with {@code map}, {@code lo} at its start and {@code hi} at its end.
     *
     * @param images {@code [N, H, W]} or {@code [N, H, W, 1]}
     */
    public static Image of(Tensor images, ColorMap map, double lo, double hi) {
        return colour("Montage.of", Batch.of("Montage.of", images), map, lo, hi);
    }

    /**
     * A montage of a list of images, all the same size: each an {@link Image}, a {@link BufferedImage}, or
     * a {@link Tensor} {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]} with pixels in 0..1. The montage
     * is RGB if any of them is.
     */
    public static Image of(List<?> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("Montage.of: the list of images is empty");
        }
        List<BufferedImage> pictures = images.stream().map(Montage::picture).toList();
        int h = pictures.get(0).getHeight();
        int w = pictures.get(0).getWidth();
        boolean grey = true;
        for (int k = 0; k < pictures.size(); k++) {
            BufferedImage p = pictures.get(k);
            if (p.getHeight() != h || p.getWidth() != w) {
                throw new IllegalArgumentException("Montage.of: image " + k + " is " + p.getHeight() + "x"
                        + p.getWidth() + " (height x width) but image 0 is " + h + "x" + w
                        + "; resize them to one size first (Images.resize)");
            }
            grey &= p.getType() == BufferedImage.TYPE_BYTE_GRAY;
        }
        int c = grey ? 1 : 3;
        float[] data = new float[pictures.size() * h * w * c];
        for (int k = 0; k < pictures.size(); k++) {
            Tensor t = grey ? Images.toGreyTensor(pictures.get(k), Images.Range.BYTES)
                    : Images.toRgbTensor(pictures.get(k), Images.Range.BYTES);
            System.arraycopy(t.toFloatArray(), 0, data, k * h * w * c, h * w * c);
        }
        Images.Pixels grid = layout(new Batch(data, pictures.size(), h, w, c), 128f);
        return Image.wrap(grid.toBufferedImage("Montage.of", 0, 255));
    }

    /**
     * The montage as numbers, as the lesson's helper returns it: images in their own values, borders and
     * empty cells set to {@code background} (the lesson uses 0.5).
     *
     * @param images {@code [N, H, W]} or {@code [N, H, W, C]}
     * @return {@code [n (H + 1) + 1, n (W + 1) + 1]}, or {@code [.., .., C]} for rank-4 input
     */
    public static Tensor grid(Tensor images, double background) {
        int[] s = images.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException("Montage.grid: expected images [N, H, W] or [N, H, W, C], got "
                    + Arrays.toString(s));
        }
        Batch b = new Batch(images.toFloatArray(), s[0], s[1], s[2], s.length == 4 ? s[3] : 1);
        b.checkNotEmpty("Montage.grid", s);
        Images.Pixels g = layout(b, (float) background);
        return s.length == 3 ? Tensor.of(g.data(), g.height(), g.width())
                : Tensor.of(g.data(), g.height(), g.width(), b.c);
    }

    /**
     * Every kernel of a convolution's filters on one grid, coloured with coolWarm: the lesson's
     * {@code montage_filters(W / max|W|)}. See {@link #filters(Tensor, ColorMap)}.
     *
     * @param filters {@code [kh, kw, in, out]}
     */
    public static Image filters(Tensor filters) {
        return filters(filters, ColorMap.coolWarm());
    }

    /**
     * Every one of the {@code in * out} kernels of {@code filters} on one grid, divided by the largest
     * absolute weight and coloured with {@code map} over -1..1 (so 0 is the middle colour). Kernel
     * {@code (i, o)} is image number {@code i * out + o}, as the lesson's reshape to
     * {@code [kh, kw, 1, in * out]} orders them. All-zero filters show the middle colour.
     *
     * @param filters {@code [kh, kw, in, out]}
     * @return an RGB image of {@code n (kh + 1) + 1 x n (kw + 1) + 1} pixels, {@code n = ceil(sqrt(in * out))}
     */
    public static Image filters(Tensor filters, ColorMap map) {
        int[] s = filters.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("Montage.filters: expected filters [kh, kw, in, out], got "
                    + Arrays.toString(s) + (s.length == 2 ? "; for a weight matrix use Montage.of(W.transpose().reshape(...), map)" : ""));
        }
        int kh = s[0];
        int kw = s[1];
        int n = s[2] * s[3];
        if (kh < 1 || kw < 1 || n < 1) {
            throw new IllegalArgumentException("Montage.filters: no kernels to show in filters " + Arrays.toString(s));
        }
        float[] w = filters.toFloatArray();
        double maxAbs = 0;
        for (float v : w) {
            if (!Float.isNaN(v)) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double scale = maxAbs > 0 ? 1.0 / maxAbs : 1.0;
        // [kh, kw, in, out] -> [in * out, kh, kw]: kernel k = i * out + o is w[y, x, i, o], all in row-major order
        float[] kernels = new float[n * kh * kw];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int k = 0; k < n; k++) {
                    kernels[(k * kh + y) * kw + x] = (float) (w[(y * kw + x) * n + k] * scale);
                }
            }
        }
        return colour("Montage.filters", new Batch(kernels, n, kh, kw, 1), map, -1.0, 1.0);
    }

    // ---------------------------------------------------------------- helpers

    private static Image colour(String op, Batch b, ColorMap map, double lo, double hi) {
        if (b.c != 1) {
            throw new IllegalArgumentException(op + ": a colour map needs grey images [N, H, W] or [N, H, W, 1], got "
                    + Arrays.toString(b.shape));
        }
        Images.checkRange(op, lo, hi);
        Images.Pixels grid = layout(b, Float.NaN);
        return Image.wrap(map.toBufferedImage(grid.data(), grid.height(), grid.width(), lo, hi, BORDER_RGB));
    }

    /** Places the images on the grid; borders and empty cells hold {@code background}. */
    private static Images.Pixels layout(Batch b, float background) {
        int side = side(b.n);
        int gh = side * (b.h + 1) + 1;
        int gw = side * (b.w + 1) + 1;
        float[] grid = new float[gh * gw * b.c];
        Arrays.fill(grid, background);
        int rowLength = b.w * b.c;
        for (int k = 0; k < b.n; k++) {
            int top = 1 + (k / side) * (b.h + 1);
            int left = 1 + (k % side) * (b.w + 1);
            for (int y = 0; y < b.h; y++) {
                System.arraycopy(b.data, (k * b.h + y) * rowLength, grid, ((top + y) * gw + left) * b.c, rowLength);
            }
        }
        return new Images.Pixels(grid, gh, gw, b.c);
    }

    private static BufferedImage picture(Object o) {
        if (o instanceof Image image) {
            return image.bufferedImage();
        }
        if (o instanceof BufferedImage image) {
            return Images.standard(image);
        }
        if (o instanceof Tensor t) {
            return Images.toBufferedImage(t, 0.0, 1.0);
        }
        throw new IllegalArgumentException("Montage.of: expected Image, BufferedImage or Tensor items, got "
                + (o == null ? "null" : o.getClass().getName()));
    }

    /** N images of H x W x C, row-major. */
    private record Batch(float[] data, int n, int h, int w, int c, int[] shape) {

        Batch(float[] data, int n, int h, int w, int c) {
            this(data, n, h, w, c, new int[]{n, h, w, c});
        }

        static Batch of(String op, Tensor images) {
            int[] s = images.shape();
            boolean ok = s.length == 3 || (s.length == 4 && (s[3] == 1 || s[3] == 3));
            if (!ok) {
                throw new IllegalArgumentException(op + ": expected grey images [N, H, W] or [N, H, W, 1] or RGB [N, H, W, 3], got "
                        + Arrays.toString(s) + (s.length == 2 ? "; reshape flat rows [N, H*W] to [N, H, W] first" : ""));
            }
            Batch b = new Batch(images.toFloatArray(), s[0], s[1], s[2], s.length == 4 ? s[3] : 1, s);
            b.checkNotEmpty(op, s);
            return b;
        }

        void checkNotEmpty(String op, int[] s) {
            if (n < 1 || h < 1 || w < 1 || c < 1) {
                throw new IllegalArgumentException(op + ": need at least one image of at least 1x1 pixels, got "
                        + Arrays.toString(s));
            }
        }
    }
}
