package cadl.viz;

import cadl.notebook.Displayable;
import cadl.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Small images on a grid, each with a caption under it, under a title: the picture for "which images, and what
 * was said about each" (a label, a prediction against the truth, a class name under its template). Where
 * {@link Montage} packs images edge to edge as the lesson's helper does, a gallery leaves room for words.
 *
 * <pre>{@code
 * display(Gallery.of(images, List.of("predicted Coat\ntrue Shirt", ...)).columns(8).scale(2)
 *         .title("Misclassified test images"));
 * display(Gallery.of(W.transpose().reshape(10, 28, 28), classNames).colorMap(ColorMap.coolWarm())
 *         .title("Each class's template"));
 * }</pre>
 *
 * <p>Grey images are drawn with 0 black and 1 white (clipped), or with a {@link ColorMap} over one range shared
 * by all images (symmetric around 0 for a diverging map, so every image's 0 is the same middle colour). A
 * caption may hold several lines separated by {@code '\n'}; a line too wide for its cell widens every cell.
 */
public final class Gallery implements Displayable {

    /** Images per row unless set: 10. */
    public static final int DEFAULT_COLUMNS = 10;
    /** Screen pixels per image pixel unless set: 2. */
    public static final int DEFAULT_SCALE = 2;

    private final float[] data;
    private final int n;
    private final int h;
    private final int w;
    private final List<String> captions;
    private int columns = DEFAULT_COLUMNS;
    private int scale = DEFAULT_SCALE;
    private String title;
    private ColorMap map;
    private double lo = 0;
    private double hi = 1;

    private Gallery(float[] data, int n, int h, int w, List<String> captions) {
        this.data = data;
        this.n = n;
        this.h = h;
        this.w = w;
        this.captions = captions;
    }

    /**
     * A gallery of grey images with one caption each.
     *
     * @param images   {@code [N, H, W]} or {@code [N, H, W, 1]}, pixels in 0..1 unless a colour map is set
     * @param captions N captions (may be empty strings; {@code '\n'} starts a new line)
     * @throws IllegalArgumentException if the shape is not one of those, or the counts differ
     */
    public static Gallery of(Tensor images, List<String> captions) {
        if (images == null || captions == null) {
            throw new IllegalArgumentException("Gallery.of: images and captions must not be null");
        }
        int[] s = images.shape();
        boolean ok = s.length == 3 || (s.length == 4 && s[3] == 1);
        if (!ok) {
            throw new IllegalArgumentException("Gallery.of: expected grey images [N, H, W] or [N, H, W, 1], got " + Arrays.toString(s)
                    + (s.length == 2 ? "; reshape flat rows [N, H*W] to [N, H, W] first, e.g. x.reshape(-1, 28, 28)" : ""));
        }
        if (s[0] < 1 || s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException("Gallery.of: need at least one image of at least 1x1 pixels, got " + Arrays.toString(s));
        }
        if (captions.size() != s[0]) {
            throw new IllegalArgumentException("Gallery.of: " + s[0] + " images but " + captions.size()
                    + " captions; give one caption per image (\"\" for none)");
        }
        for (int k = 0; k < captions.size(); k++) {
            if (captions.get(k) == null) {
                throw new IllegalArgumentException("Gallery.of: caption " + k + " is null; use \"\" for no caption");
            }
        }
        return new Gallery(images.toFloatArray(), s[0], s[1], s[2], List.copyOf(captions));
    }

    /** Images per row (default {@value #DEFAULT_COLUMNS}; fewer if there are fewer images). */
    public Gallery columns(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("Gallery.columns: need at least 1 column, got " + columns);
        }
        this.columns = columns;
        return this;
    }

    /** Screen pixels per image pixel, 1 to 16 (default {@value #DEFAULT_SCALE}). */
    public Gallery scale(int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("Gallery.scale: scale must be 1..16, got " + scale);
        }
        this.scale = scale;
        return this;
    }

    /** The title drawn above the grid. */
    public Gallery title(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("Gallery.title: the title is " + (title == null ? "null" : "blank"));
        }
        this.title = title;
        return this;
    }

    /** Colours the images with {@code map} over one range for all of them ({@link ColorMap#autoRange(Tensor)}). */
    public Gallery colorMap(ColorMap map) {
        if (map == null) {
            throw new IllegalArgumentException("Gallery.colorMap: map is null (e.g. ColorMap.coolWarm())");
        }
        double[] range = map.autoRange(data);
        return colorMap(map, range[0], range[1]);
    }

    /** Colours the images with {@code map}, {@code lo} at its start and {@code hi} at its end (clipped). */
    public Gallery colorMap(ColorMap map, double lo, double hi) {
        if (map == null) {
            throw new IllegalArgumentException("Gallery.colorMap: map is null (e.g. ColorMap.coolWarm())");
        }
        Images.checkRange("Gallery.colorMap", lo, hi);
        this.map = map;
        this.lo = lo;
        this.hi = hi;
        return this;
    }

    /** The number of images. */
    public int size() {
        return n;
    }

    /** The picture: white background, the title on top, each image scaled with its caption under it. */
    public Image image() {
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics cm = pg.getFontMetrics(captionFont);
        FontMetrics tm = pg.getFontMetrics(titleFont);
        int lines = 0;
        int textWidth = 0;
        for (String c : captions) {
            String[] ls = c.isEmpty() ? new String[0] : c.split("\n", -1);
            lines = Math.max(lines, ls.length);
            for (String l : ls) {
                textWidth = Math.max(textWidth, cm.stringWidth(l));
            }
        }
        pg.dispose();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int pad = 6;
        int imgW = w * scale;
        int imgH = h * scale;
        int cellW = Math.max(imgW, textWidth) + pad;
        int cellH = imgH + 3 + lines * cm.getHeight() + pad;
        int titleH = title == null ? 0 : tm.getHeight() + 10;
        int width = Math.max(cols * cellW + pad, title == null ? 0 : tm.stringWidth(title) + 2 * pad);
        int height = titleH + rows * cellH + pad;

        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        if (title != null) {
            g.setFont(titleFont);
            g.drawString(title, (width - tm.stringWidth(title)) / 2, 6 + tm.getAscent());
        }
        g.setFont(captionFont);
        int left0 = (width - cols * cellW) / 2 + pad / 2;
        for (int k = 0; k < n; k++) {
            int x = left0 + (k % cols) * cellW;
            int y = titleH + (k / cols) * cellH + pad / 2;
            BufferedImage small = picture(k);
            int ix = x + (cellW - pad - imgW) / 2;
            g.drawImage(small, ix, y, imgW, imgH, null);
            g.setColor(new Color(160, 160, 160));
            g.drawRect(ix - 1, y - 1, imgW + 1, imgH + 1);
            g.setColor(Color.BLACK);
            String c = captions.get(k);
            if (!c.isEmpty()) {
                String[] ls = c.split("\n", -1);
                for (int j = 0; j < ls.length; j++) {
                    int tx = x + (cellW - pad - cm.stringWidth(ls[j])) / 2;
                    g.drawString(ls[j], tx, y + imgH + 3 + j * cm.getHeight() + cm.getAscent());
                }
            }
        }
        g.dispose();
        return Image.wrap(out);
    }

    private BufferedImage picture(int k) {
        float[] one = Arrays.copyOfRange(data, k * h * w, (k + 1) * h * w);
        if (map != null) {
            return map.toBufferedImage(one, h, w, lo, hi, Montage.BORDER_RGB);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[h * w];
        double span = hi - lo;
        for (int i = 0; i < rgb.length; i++) {
            double t = (one[i] - lo) / span;
            int v = Float.isNaN(one[i]) ? 128 : (int) Math.round(255 * Math.max(0, Math.min(1, t)));
            rgb[i] = (v << 16) | (v << 8) | v;
        }
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }

    @Override
    public Map<String, String> mimeBundle() {
        return image().mimeBundle();
    }

    /** E.g. {@code Gallery(24 images 28x28, 8 columns, "Misclassified test images")}. */
    @Override
    public String toString() {
        return "Gallery(" + n + " images " + h + "x" + w + ", " + Math.min(columns, n) + " columns"
                + (title == null ? "" : ", \"" + title + "\"") + ")";
    }
}
