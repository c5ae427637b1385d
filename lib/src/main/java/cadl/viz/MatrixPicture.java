package cadl.viz;

import cadl.notebook.Displayable;
import cadl.tensor.Tensor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Matrices drawn side by side as coloured squares, one square per entry: blue negative, grey zero, red
 * positive ({@link ColorMap#coolWarm()}), each matrix on its own symmetric scale {@code [-max|v|, max|v|]}.
 * It shows what a layer computes, e.g. {@code X}, {@code W}, {@code b}, {@code X W + b} and its activation,
 * with the column of one neuron outlined in each matrix that has one.
 *
 * <pre>{@code
 * MatrixPicture.titled("One layer as matrices: neuron 0 outlined")
 *         .add("X [4×2]", x)
 *         .add("W [2×10]", W, 0)          // outline column 0
 *         .add("b [10]", b)               // a vector is drawn as one row
 *         .add("X W + b [4×10]", x.matmul(W).add(b), 0)
 * }</pre>
 *
 * <p>Accepts tensors of rank 1 (drawn as a row {@code [1, n]}) or 2 ({@code [rows, columns]}). Shown as a PNG
 * by {@code display(...)}; {@link #image()} gives the {@link Image} to save or combine.
 */
public final class MatrixPicture implements Displayable {

    /** The side of one entry's square, in pixels, unless {@link #cellSize(int)} says otherwise. */
    public static final int DEFAULT_CELL = 28;

    private static final int GAP = 36;
    private static final int NAME_BAND = 44;
    private static final int NO_MARK = -1;

    private record Part(String name, int rows, int cols, double[] values, int markedColumn) {
    }

    private final String title;
    private final List<Part> parts = new ArrayList<>();
    private int cell = DEFAULT_CELL;

    private MatrixPicture(String title) {
        this.title = title;
    }

    /** An empty picture with a title drawn above the matrices. */
    public static MatrixPicture titled(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("MatrixPicture.titled: expected a title such as \"One layer as matrices\", got "
                    + (title == null ? "null" : "a blank string") + "; use MatrixPicture.untitled() for none");
        }
        return new MatrixPicture(title);
    }

    /** An empty picture without a title. */
    public static MatrixPicture untitled() {
        return new MatrixPicture(null);
    }

    /** Adds a matrix (rank 2) or vector (rank 1, drawn as one row), named above it. */
    public MatrixPicture add(String name, Tensor matrix) {
        return add(name, matrix, NO_MARK);
    }

    /**
     * Adds a matrix with its column {@code markedColumn} outlined in black (one neuron's column).
     *
     * @throws IllegalArgumentException if the name is blank, the tensor's rank is not 1 or 2, it is empty, or the
     *                                  column is outside {@code 0 .. columns-1}
     */
    public MatrixPicture add(String name, Tensor matrix, int markedColumn) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("MatrixPicture.add: give each matrix a name, such as \"W [2×10]\"");
        }
        if (matrix == null) {
            throw new IllegalArgumentException("MatrixPicture.add(\"" + name + "\"): the tensor is null");
        }
        int[] shape = matrix.shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException("MatrixPicture.add(\"" + name + "\"): expected a matrix [rows, columns] or a vector [n], got shape "
                    + Arrays.toString(shape) + "; reshape it to two dimensions first");
        }
        int rows = shape.length == 1 ? 1 : shape[0];
        int cols = shape.length == 1 ? shape[0] : shape[1];
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("MatrixPicture.add(\"" + name + "\"): the tensor is empty, shape " + Arrays.toString(shape));
        }
        if (markedColumn != NO_MARK && (markedColumn < 0 || markedColumn >= cols)) {
            throw new IllegalArgumentException("MatrixPicture.add(\"" + name + "\"): column " + markedColumn
                    + " to outline is outside 0.." + (cols - 1) + " (shape " + Arrays.toString(shape) + ")");
        }
        parts.add(new Part(name, rows, cols, matrix.toDoubleArray(), markedColumn));
        return this;
    }

    /** The side of one entry's square in pixels (default {@value #DEFAULT_CELL}, at least 4). */
    public MatrixPicture cellSize(int pixels) {
        if (pixels < 4) {
            throw new IllegalArgumentException("MatrixPicture.cellSize: " + pixels + " pixels is too small to see; use 4 or more");
        }
        cell = pixels;
        return this;
    }

    /** How many matrices the picture holds. */
    public int size() {
        return parts.size();
    }

    /**
     * The picture: the title (if any) at the top, then the matrices left to right, each named above, and a
     * one-line key to the colours at the bottom.
     *
     * @throws IllegalStateException if no matrix was added
     */
    public Image image() {
        if (parts.isEmpty()) {
            throw new IllegalStateException("MatrixPicture.image: nothing to draw; add matrices with add(name, tensor)");
        }
        Font nameFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 17);
        Font keyFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        String key = "blue < 0 (grey) < red, each matrix on its own scale";
        int[] widths = new int[parts.size()];
        int width = GAP, height = 0;
        FontMetrics fm = measure(nameFont);
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            widths[i] = Math.max(p.cols * cell, fm.stringWidth(p.name));
            width += widths[i] + GAP;
            height = Math.max(height, p.rows * cell);
        }
        int top = (title == null ? 0 : 32) + NAME_BAND;
        width = Math.max(width, measure(titleFont).stringWidth(title == null ? "" : title) + 2 * GAP);
        int keyBand = 30;
        BufferedImage img = new BufferedImage(width, top + height + 12 + keyBand, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        if (title != null) {
            g.setFont(titleFont);
            g.drawString(title, GAP, 26);
        }
        ColorMap map = ColorMap.coolWarm();
        int x0 = GAP;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            double scale = 0;
            for (double v : p.values) scale = Math.max(scale, Math.abs(v));
            scale = scale == 0 || Double.isNaN(scale) ? 1 : scale;
            for (int r = 0; r < p.rows; r++) {
                for (int c = 0; c < p.cols; c++) {
                    g.setColor(map.color(0.5 + 0.5 * p.values[r * p.cols + c] / scale));
                    g.fillRect(x0 + c * cell, top + r * cell, cell - 2, cell - 2);
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(nameFont);
            g.drawString(p.name, x0, top - 14);
            if (p.markedColumn != NO_MARK) {
                g.setStroke(new BasicStroke(2.5f));
                g.drawRect(x0 + p.markedColumn * cell - 2, top - 2, cell + 1, p.rows * cell + 1);
            }
            x0 += widths[i] + GAP;
        }
        g.setFont(keyFont);
        g.setColor(Color.DARK_GRAY);
        g.drawString(key, GAP, top + height + 12 + 18);
        g.dispose();
        return Image.wrap(img);
    }

    /** The picture as PNG, for {@code display(...)}. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new java.util.LinkedHashMap<>(image().mimeBundle());
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** {@code MatrixPicture[X [4×2], W [2×10] (column 0 outlined)]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MatrixPicture[");
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            b.append(i == 0 ? "" : ", ").append(p.name);
            if (p.markedColumn != NO_MARK) b.append(" (column ").append(p.markedColumn).append(" outlined)");
        }
        return b.append(']').toString();
    }

    private static FontMetrics measure(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
