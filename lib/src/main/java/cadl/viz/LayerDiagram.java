package cadl.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A drawing of a network as a row of layers: each layer a bar whose height grows with its number of units,
 * each weight matrix a shaded band between two bars, labelled. {@link #autoencoder} draws the S3 lesson's
 * picture (the original's TODO): the encoder narrowing from the input to the code, the decoder widening back
 * to a reconstruction of the input, its matrices the encoder's transposed when the weights are tied.
 *
 * <pre>{@code
 * display(LayerDiagram.autoencoder("A fully connected autoencoder", true, 784, 512, 256, 128, 64));
 * }</pre>
 *
 * <p>Bar heights are proportional to the square root of the units, so a 64-unit code stays visible beside
 * 784 inputs; the number of units is written under every bar.
 */
public final class LayerDiagram {

    /** Width of the drawing in pixels. */
    public static final int WIDTH = 960;
    /** Height of the drawing in pixels. */
    public static final int HEIGHT = 420;

    private static final Color ENCODER = new Color(59, 76, 192);
    private static final Color DECODER = new Color(180, 4, 38);
    private static final Color CODE = new Color(90, 90, 90);
    private static final Color TEXT = new Color(30, 30, 30);

    private LayerDiagram() {
    }

    /**
     * An autoencoder: the encoder maps {@code sizes[0]} inputs through {@code sizes[1..]} to a code of
     * {@code sizes[last]} units; the decoder runs the same sizes back to {@code sizes[0]}.
     *
     * @param title a title drawn above the diagram
     * @param tied  whether the decoder reuses the encoder's matrices transposed (labels {@code W1ᵀ}) or has its
     *              own (labels {@code V1})
     * @param sizes the encoder's layer sizes from the input to the code, at least two, each positive
     * @return a {@value #WIDTH} x {@value #HEIGHT} RGB image
     * @throws IllegalArgumentException if the title is blank, fewer than two sizes are given, or one is below 1
     */
    public static Image autoencoder(String title, boolean tied, int... sizes) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("LayerDiagram.autoencoder: give a title, e.g. \"A fully connected autoencoder\"");
        }
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("LayerDiagram.autoencoder: need the input size and at least one layer size, got "
                    + Arrays.toString(sizes) + " (e.g. 784, 512, 256, 128, 64)");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("LayerDiagram.autoencoder: layer sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
        int k = sizes.length - 1;                       // matrices in the encoder
        int bars = 2 * k + 1;                           // input, encoder layers, code, decoder layers, output
        int[] units = new int[bars];
        for (int i = 0; i <= k; i++) {
            units[i] = sizes[i];
            units[bars - 1 - i] = sizes[i];
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 17);
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            Font smallFont = new Font(Font.SANS_SERIF, Font.ITALIC, 12);
            g.setColor(TEXT);
            centred(g, titleFont, title, WIDTH / 2, 28);

            int left = 70, right = WIDTH - 70;
            int midY = 205;
            double maxHalf = 120;
            double maxRoot = Math.sqrt(Arrays.stream(units).max().getAsInt());
            double step = (right - left) / (double) (bars - 1);
            int barW = 16;
            int[] xs = new int[bars];
            int[] halves = new int[bars];
            for (int i = 0; i < bars; i++) {
                xs[i] = (int) Math.round(left + i * step);
                halves[i] = (int) Math.max(6, Math.round(maxHalf * Math.sqrt(units[i]) / maxRoot));
            }
            // weight bands between bars
            for (int i = 0; i + 1 < bars; i++) {
                boolean enc = i < k;
                Color c = enc ? ENCODER : DECODER;
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 45));
                Polygon band = new Polygon(
                        new int[] {xs[i] + barW / 2, xs[i + 1] - barW / 2, xs[i + 1] - barW / 2, xs[i] + barW / 2},
                        new int[] {midY - halves[i], midY - halves[i + 1], midY + halves[i + 1], midY + halves[i]}, 4);
                g.fillPolygon(band);
                int layer = enc ? i + 1 : bars - 1 - i;   // W1 .. Wk, then Wk' .. W1'
                String name = enc ? "W" + layer : tied ? "W" + layer + "\u1d40" : "V" + layer;
                g.setColor(c.darker());
                centred(g, labelFont, name, (xs[i] + xs[i + 1]) / 2, midY + 5);
                String shape = enc ? units[i] + "\u00d7" + units[i + 1] : tied ? "shared" : units[i] + "\u00d7" + units[i + 1];
                g.setColor(TEXT);
                centred(g, smallFont, shape, (xs[i] + xs[i + 1]) / 2, midY + 22);
            }
            // bars
            for (int i = 0; i < bars; i++) {
                Color c = i == k ? CODE : i < k ? ENCODER : DECODER;
                g.setColor(c);
                g.fillRect(xs[i] - barW / 2, midY - halves[i], barW, 2 * halves[i]);
                g.setColor(TEXT);
                centred(g, labelFont, Integer.toString(units[i]), xs[i], midY + halves[i] + 18);
            }
            g.setColor(TEXT);
            centred(g, labelFont, "input x", xs[0], midY - halves[0] - 10);
            centred(g, labelFont, "code z", xs[k], midY - halves[k] - 10);
            centred(g, labelFont, "reconstruction x\u0302", xs[bars - 1] - 20, midY - halves[bars - 1] - 10);

            // braces: encoder and decoder
            int braceY = HEIGHT - 70;
            g.setStroke(new BasicStroke(2f));
            g.setColor(ENCODER);
            g.drawLine(xs[0], braceY, xs[k] - 6, braceY);
            g.drawLine(xs[0], braceY, xs[0], braceY - 8);
            g.drawLine(xs[k] - 6, braceY, xs[k] - 6, braceY - 8);
            centred(g, labelFont, "encoder: each layer relu(h W)", (xs[0] + xs[k]) / 2, braceY + 20);
            g.setColor(DECODER);
            g.drawLine(xs[k] + 6, braceY, xs[bars - 1], braceY);
            g.drawLine(xs[k] + 6, braceY, xs[k] + 6, braceY - 8);
            g.drawLine(xs[bars - 1], braceY, xs[bars - 1], braceY - 8);
            centred(g, labelFont, tied ? "decoder: the same matrices transposed, in reverse order" : "decoder: its own matrices",
                    (xs[k] + xs[bars - 1]) / 2, braceY + 20);
            g.setColor(TEXT);
            centred(g, smallFont, "cost: mean over pixels of (x\u0302 \u2212 x)\u00b2, the reconstruction measured against the input itself",
                    WIDTH / 2, HEIGHT - 18);
        } finally {
            g.dispose();
        }
        return Image.wrap(img);
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, baseline);
    }
}
