package cadl.plot;

import cadl.notebook.Displayable;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several figures on a grid in one image, under a shared title: the learning-rate lesson's
 * three runs side by side.
 *
 * <pre>{@code
 * display(Panels.of("Learning rates", 1, 3, small, right, tooLarge).size(1200, 400));
 * }</pre>
 *
 * <p>Each figure keeps its own title and axis labels and is drawn at cell size; cells fill row
 * by row. The default size is {@value #DEFAULT_CELL_WIDTH} x {@value #DEFAULT_CELL_HEIGHT}
 * pixels a cell plus the title band.
 */
public final class Panels implements Displayable {

    /** Default width of one cell in pixels. */
    public static final int DEFAULT_CELL_WIDTH = 400;
    /** Default height of one cell in pixels. */
    public static final int DEFAULT_CELL_HEIGHT = 320;
    /** Height of the shared title band in pixels. */
    static final int TITLE_HEIGHT = 36;

    private final String title;
    private final int rows;
    private final int cols;
    private final List<Figure> figures;
    private int width;
    private int height;

    private Panels(String title, int rows, int cols, List<Figure> figures) {
        this.title = title;
        this.rows = rows;
        this.cols = cols;
        this.figures = figures;
        this.width = cols * DEFAULT_CELL_WIDTH;
        this.height = rows * DEFAULT_CELL_HEIGHT + TITLE_HEIGHT;
    }

    /** rows x cols panels of the given figures (at most rows * cols; empty cells stay blank). */
    public static Panels of(String title, int rows, int cols, Figure... figures) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("Panels.of: the shared title is "
                + (title == null ? "null" : "blank") + "; say what the panels compare");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("Panels.of: a grid of " + rows + " x " + cols
                + " has no cells; use at least 1 x 1");
        }
        if (figures.length == 0 || figures.length > rows * cols) {
            throw new IllegalArgumentException("Panels.of: " + figures.length + " figures for a "
                + rows + " x " + cols + " grid; give between 1 and " + rows * cols);
        }
        List<Figure> list = new ArrayList<>();
        for (Figure f : figures) {
            if (f == null) {
                throw new IllegalArgumentException("Panels.of: figure " + list.size() + " is null");
            }
            list.add(f);
        }
        return new Panels(title, rows, cols, list);
    }

    /** One row of figures side by side. */
    public static Panels row(String title, Figure... figures) {
        return of(title, 1, Math.max(1, figures.length), figures);
    }

    /** Size of the whole image in pixels, title band included. */
    public Panels size(int width, int height) {
        if (width < cols * Figure.MIN_SIZE || height < rows * Figure.MIN_SIZE + TITLE_HEIGHT) {
            throw new IllegalArgumentException("Panels.size: " + width + " x " + height + " is too small for "
                + rows + " x " + cols + " panels; use at least " + cols * Figure.MIN_SIZE + " x "
                + (rows * Figure.MIN_SIZE + TITLE_HEIGHT));
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Draws all panels into one image. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, Math.max(4, (width - fm.stringWidth(title)) / 2),
                (TITLE_HEIGHT + fm.getAscent() - fm.getDescent()) / 2 + 2);
            int cellH = (height - TITLE_HEIGHT) / rows;
            int cellW = width / cols;
            for (int k = 0; k < figures.size(); k++) {
                int r = k / cols;
                int c = k % cols;
                Graphics2D cg = (Graphics2D) g.create(c * cellW, TITLE_HEIGHT + r * cellH, cellW, cellH);
                figures.get(k).paint(cg, cellW, cellH);
                cg.dispose();
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the panels as a PNG file atomically (temporary file, then moved into place). */
    public Path save(Path path) {
        return Figure.save(path, Figure.png(toImage()));
    }

    /** {@code image/png} (base64) and a {@code text/plain} summary. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("image/png", Base64.getEncoder().encodeToString(Figure.png(toImage())));
        m.put("text/plain", toString());
        return m;
    }

    /** For example {@code Panels "Learning rates" (1x3, 1200x356): "rate 0.01", "rate 1", "rate 500"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Panels \"" + title + "\" (" + rows + "x" + cols + ", "
            + width + "x" + height + "):");
        for (int k = 0; k < figures.size(); k++) {
            b.append(k == 0 ? " \"" : ", \"").append(figures.get(k).title()).append('"');
        }
        return b.toString();
    }
}
