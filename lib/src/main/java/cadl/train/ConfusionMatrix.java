package cadl.train;

import cadl.notebook.Displayable;
import cadl.viz.Image;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How often each true class was predicted as each class: {@code count(t, p)} examples of class {@code t} were
 * predicted as {@code p}. The diagonal holds the right answers; everything off it is a mistake, and the
 * largest off-diagonal counts say which classes the model mixes up.
 *
 * <pre>{@code
 * int[] predicted = Predict.classes(model, test.x());
 * ConfusionMatrix cm = ConfusionMatrix.of(predicted, test.labels(), test.classNames());
 * display(cm);                           // the picture: rows true class, columns predicted class
 * cm.mostConfused(3);                    // e.g. [Shirt -> T-shirt/top: 81, ...]
 * }</pre>
 *
 * <p>The picture shades each cell by the fraction of its row (its true class) it holds, so classes with
 * fewer examples are not paler, and writes the count in it.
 */
public final class ConfusionMatrix implements Displayable {

    /** One kind of mistake: {@code count} examples of class {@code truth} predicted as {@code predicted}. */
    public record Confusion(int truth, int predicted, int count, String truthName, String predictedName) {
        /** E.g. {@code "Shirt -> T-shirt/top: 81"}. */
        @Override
        public String toString() {
            return truthName + " -> " + predictedName + ": " + count;
        }
    }

    private final int[][] counts;
    private final List<String> names;
    private final int total;

    private ConfusionMatrix(int[][] counts, List<String> names, int total) {
        this.counts = counts;
        this.names = names;
        this.total = total;
    }

    /**
     * Counts the pairs (true class, predicted class).
     *
     * @param predicted  N predicted classes
     * @param truth      N true classes
     * @param classNames one name per class (C names); every class number must be in {@code 0 .. C-1}
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a class number is out of range
     */
    public static ConfusionMatrix of(int[] predicted, int[] truth, List<String> classNames) {
        if (predicted == null || truth == null || classNames == null) {
            throw new IllegalArgumentException("ConfusionMatrix.of: predicted, truth and classNames must not be null");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + predicted.length + " predictions but " + truth.length
                    + " true labels; give one prediction per example");
        }
        if (predicted.length == 0) {
            throw new IllegalArgumentException("ConfusionMatrix.of: no examples (0 predictions)");
        }
        int c = classNames.size();
        if (c < 2) {
            throw new IllegalArgumentException("ConfusionMatrix.of: need at least 2 classes, got " + c + " names " + classNames);
        }
        int[][] counts = new int[c][c];
        for (int i = 0; i < predicted.length; i++) {
            check("predicted", i, predicted[i], c);
            check("true", i, truth[i], c);
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, List.copyOf(classNames), predicted.length);
    }

    /** {@link #of(int[], int[], List)} with the class numbers as names ("0", "1", ...). */
    public static ConfusionMatrix of(int[] predicted, int[] truth, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("ConfusionMatrix.of: need at least 2 classes, got " + classes);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return of(predicted, truth, names);
    }

    private static void check(String which, int i, int v, int c) {
        if (v < 0 || v >= c) {
            throw new IllegalArgumentException("ConfusionMatrix.of: " + which + " class of example " + i + " is " + v
                    + ", outside 0.." + (c - 1) + " for " + c + " class names");
        }
    }

    /** Number of classes C. */
    public int classes() {
        return counts.length;
    }

    /** The class names (unmodifiable). */
    public List<String> classNames() {
        return names;
    }

    /** Number of examples counted. */
    public int total() {
        return total;
    }

    /** How many examples of class {@code truth} were predicted as {@code predicted}. */
    public int count(int truth, int predicted) {
        checkClass("count", truth);
        checkClass("count", predicted);
        return counts[truth][predicted];
    }

    /** All counts, {@code [truth][predicted]} (a copy). */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** The fraction predicted right: the diagonal over the total. */
    public double accuracy() {
        int right = 0;
        for (int t = 0; t < counts.length; t++) {
            right += counts[t][t];
        }
        return (double) right / total;
    }

    /** How many examples of class {@code truth} there were (its row's sum). */
    public int support(int truth) {
        checkClass("support", truth);
        return Arrays.stream(counts[truth]).sum();
    }

    /** The fraction of class {@code truth}'s examples predicted right (recall); NaN if the class has no example. */
    public double recall(int truth) {
        int n = support(truth);
        return n == 0 ? Double.NaN : (double) counts[truth][truth] / n;
    }

    /** The {@code k} largest off-diagonal counts, largest first (ties in class order); fewer if fewer mistakes. */
    public List<Confusion> mostConfused(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("ConfusionMatrix.mostConfused: k must be >= 0, got " + k);
        }
        List<Confusion> all = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p && counts[t][p] > 0) {
                    all.add(new Confusion(t, p, counts[t][p], names.get(t), names.get(p)));
                }
            }
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private void checkClass(String op, int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("ConfusionMatrix." + op + ": class " + c + " is outside 0.." + (counts.length - 1));
        }
    }

    // ------------------------------------------------------------------ picture

    /** The picture titled "Confusion matrix (N examples, accuracy A)". */
    public Image picture() {
        return picture(String.format(Locale.ROOT, "Confusion matrix (%d examples, accuracy %.4f)", total, accuracy()));
    }

    /**
     * The matrix drawn as a grid: one row per true class (named on the left), one column per predicted class
     * (numbered on top), each cell shaded from white to dark blue by the fraction of its row it holds and
     * showing its count; the right answers on the diagonal are outlined. Axis titles "true class" and
     * "predicted class".
     */
    public Image picture(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("ConfusionMatrix.picture: give a title, e.g. \"Test set, conv net\"");
        }
        int c = counts.length;
        int cell = 44;
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics lm = pg.getFontMetrics(labelFont);
        FontMetrics tm = pg.getFontMetrics(titleFont);
        int nameWidth = 0;
        for (int t = 0; t < c; t++) {
            nameWidth = Math.max(nameWidth, lm.stringWidth(rowLabel(t)));
        }
        pg.dispose();
        int axisTitle = 22;
        int left = axisTitle + nameWidth + 12;
        int top = 16 + tm.getHeight() + 10 + axisTitle + lm.getHeight() + 4;
        int gridSize = c * cell;
        int width = Math.max(left + gridSize + 20, tm.stringWidth(title) + 32);
        int height = top + gridSize + 20;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, (width - tm.stringWidth(title)) / 2, 16 + tm.getAscent());

        g.setFont(labelFont);
        String predictedTitle = "predicted class";
        int axisY = 16 + tm.getHeight() + 10;
        g.drawString(predictedTitle, left + (gridSize - lm.stringWidth(predictedTitle)) / 2, axisY + lm.getAscent());
        for (int p = 0; p < c; p++) {
            String s = Integer.toString(p);
            g.drawString(s, left + p * cell + (cell - lm.stringWidth(s)) / 2, top - 4 - lm.getDescent());
        }
        for (int t = 0; t < c; t++) {
            String s = rowLabel(t);
            g.drawString(s, left - 8 - lm.stringWidth(s), top + t * cell + (cell + lm.getAscent() - lm.getDescent()) / 2);
        }
        String trueTitle = "true class";
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(trueTitle, -(top + (gridSize + lm.stringWidth(trueTitle)) / 2), 6 + lm.getAscent());
        g.setTransform(saved);

        g.setFont(countFont);
        FontMetrics cm = g.getFontMetrics();
        for (int t = 0; t < c; t++) {
            int rowTotal = Math.max(1, Arrays.stream(counts[t]).sum());
            for (int p = 0; p < c; p++) {
                double f = (double) counts[t][p] / rowTotal;
                Color fill = shade(f);
                int x = left + p * cell;
                int y = top + t * cell;
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(220, 220, 220));
                g.drawRect(x, y, cell, cell);
                String s = Integer.toString(counts[t][p]);
                g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                g.drawString(s, x + (cell - cm.stringWidth(s)) / 2, y + (cell + cm.getAscent() - cm.getDescent()) / 2);
            }
        }
        g.setColor(new Color(200, 60, 40));
        g.setStroke(new BasicStroke(2f));
        for (int t = 0; t < c; t++) {
            g.drawRect(left + t * cell + 1, top + t * cell + 1, cell - 2, cell - 2);
        }
        g.dispose();
        return Image.of(img);
    }

    private String rowLabel(int t) {
        String name = names.get(t);
        return name.equals(Integer.toString(t)) ? name : t + " " + name;
    }

    /** White at 0 to dark blue at 1. */
    static Color shade(double f) {
        double v = Math.max(0, Math.min(1, f));
        int r = (int) Math.round(255 + (8 - 255) * v);
        int gr = (int) Math.round(255 + (48 - 255) * v);
        int b = (int) Math.round(255 + (107 - 255) * v);
        return new Color(r, gr, b);
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new java.util.LinkedHashMap<>(picture().mimeBundle());
        bundle.put("text/plain", toString());   // a text front end shows the counts, not the picture's summary
        return bundle;
    }

    /** The counts as text: a header of predicted classes, one line per true class. */
    @Override
    public String toString() {
        int c = counts.length;
        int nameWidth = 0;
        for (int t = 0; t < c; t++) {
            nameWidth = Math.max(nameWidth, rowLabel(t).length());
        }
        int lw = Math.max(nameWidth, 16) + 1;
        int w = Math.max(3, Integer.toString(total).length()) + 1;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + lw + "s", "true \\ predicted"));
        for (int p = 0; p < c; p++) {
            b.append(String.format(Locale.ROOT, "%" + w + "d", p));
        }
        b.append('\n');
        for (int t = 0; t < c; t++) {
            b.append(String.format(Locale.ROOT, "%-" + lw + "s", rowLabel(t)));
            for (int p = 0; p < c; p++) {
                b.append(String.format(Locale.ROOT, "%" + w + "d", counts[t][p]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
