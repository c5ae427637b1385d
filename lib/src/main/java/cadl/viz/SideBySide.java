package cadl.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Pictures set in a row, each with a caption above it and a title above all: "noisy input / reconstruction /
 * clean" or "test images / reconstructions" at one glance.
 *
 * <pre>{@code
 * display(SideBySide.of("Denoising", new String[] {"noisy input", "reconstruction", "clean"},
 *         Montage.of(noisy), Montage.of(recon), Montage.of(clean)));
 * }</pre>
 *
 * <p>Each picture is drawn at its own size times a whole {@code scale} (nearest neighbour, so pixels stay
 * sharp), top-aligned, with {@value #GAP} pixels of white between pictures; a title or caption wider than
 * the pictures widens the drawing, so no text is cut off.
 */
public final class SideBySide {

    /** White space between pictures and around the row, in pixels. */
    public static final int GAP = 16;
    /** Height of the title band and of the caption band, in pixels. */
    public static final int BAND = 26;

    private SideBySide() {
    }

    /** The pictures in a row, each scaled by the same whole factor chosen so the tallest is at least 280 pixels high. */
    public static Image of(String title, String[] captions, Image... pictures) {
        int tallest = 1;
        if (pictures != null) {
            for (Image p : pictures) {
                if (p != null) tallest = Math.max(tallest, p.height());
            }
        }
        return of(title, captions, Math.max(1, (int) Math.ceil(280.0 / tallest)), pictures);
    }

    /**
     * The pictures in a row, each scaled by {@code scale}.
     *
     * @param title    drawn above the row
     * @param captions one per picture, drawn above it
     * @param scale    whole magnification, 1 to 16
     * @param pictures at least one
     * @return an RGB image
     * @throws IllegalArgumentException if the title is blank, there are no pictures, a picture is null, the
     *                                  captions do not match the pictures in number, or the scale is outside 1..16
     */
    public static Image of(String title, String[] captions, int scale, Image... pictures) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("SideBySide.of: give a title that says what the pictures show");
        }
        if (pictures == null || pictures.length == 0) {
            throw new IllegalArgumentException("SideBySide.of: no pictures given");
        }
        if (captions == null || captions.length != pictures.length) {
            throw new IllegalArgumentException("SideBySide.of: " + pictures.length + " pictures but "
                    + (captions == null ? "no captions" : captions.length + " captions") + "; give one caption per picture");
        }
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("SideBySide.of: scale must be a whole factor from 1 to 16, got " + scale);
        }
        int width = GAP, height = 0;
        for (int i = 0; i < pictures.length; i++) {
            if (pictures[i] == null) {
                throw new IllegalArgumentException("SideBySide.of: picture " + i + " (\"" + captions[i] + "\") is null");
            }
            width += pictures[i].width() * scale + GAP;
            height = Math.max(height, pictures[i].height() * scale);
        }
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        int picturesWidth = width;
        width = Math.max(width, textWidth(titleFont, title) + 2 * GAP);   // a long title widens the row
        for (int i = 0; i < pictures.length; i++) {
            int w = pictures[i].width() * scale;
            int need = textWidth(captionFont, captions[i] == null ? "" : captions[i]) + GAP;
            if (need > w) picturesWidth += need - w;
        }
        width = Math.max(width, picturesWidth);
        BufferedImage out = new BufferedImage(width, 2 * BAND + height + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setColor(new Color(30, 30, 30));
            centred(g, titleFont, title, width / 2, BAND - 7);
            int x = GAP + (width - picturesWidth) / 2;
            for (int i = 0; i < pictures.length; i++) {
                int w = pictures[i].width() * scale;
                String caption = captions[i] == null ? "" : captions[i];
                int slot = Math.max(w, textWidth(captionFont, caption) + GAP);   // a long caption widens its slot
                g.setColor(new Color(30, 30, 30));
                centred(g, captionFont, caption, x + slot / 2, 2 * BAND - 8);
                g.drawImage(pictures[i].bufferedImage(), x + (slot - w) / 2, 2 * BAND, w, pictures[i].height() * scale, null);
                x += slot + GAP;
            }
        } finally {
            g.dispose();
        }
        return Image.wrap(out);
    }

    private static int textWidth(Font font, String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, baseline);
    }
}
