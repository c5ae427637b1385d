package cadl.plot;

import cadl.tensor.Tensor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where a 2-D classifier puts each class: the plane shaded by the predicted class, with the
 * labelled points on top (points in the colour of their true class). Used for the toy data
 * that no line separates, and for networks with 2, 3, 4, 5 hidden ReLU units.
 *
 * <pre>{@code
 * display(DecisionRegions.ofModel(x -> model.forward(x))      // [N, 2] -> [N, C] scores
 *     .points(X, y)                                            // X [N, 2], y [N] class ids
 *     .figure("2 hidden ReLU units", "x1", "x2"));
 * }</pre>
 *
 * <p>The classifier is asked once, for every point of a resolution x resolution grid (default
 * {@value #DEFAULT_RESOLUTION}), so a model's forward pass runs as one batch.
 */
public final class DecisionRegions {

    /** Default grid points a side. */
    public static final int DEFAULT_RESOLUTION = 200;
    /** Default margin around the points, as a fraction of their range. */
    static final double MARGIN = 0.1;

    private static final Color[] CLASS_COLOURS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207)};

    private final Function<double[][], int[]> classify;
    private double[][] points;
    private int[] labels;
    private double[] range;
    private int resolution = DEFAULT_RESOLUTION;
    private String[] classNames;

    private DecisionRegions(Function<double[][], int[]> classify) {
        this.classify = classify;
    }

    /** A classifier from points [N][2] to their classes int[N] (0, 1, 2, ...). */
    public static DecisionRegions of(Function<double[][], int[]> classify) {
        return new DecisionRegions(classify);
    }

    /**
     * A model from a [N, 2] tensor to either [N, C] scores or probabilities (the class is the
     * largest) or [N] class ids.
     */
    public static DecisionRegions ofModel(Function<Tensor, Tensor> model) {
        return new DecisionRegions(pts -> {
            Tensor out = model.apply(Tensor.of(pts));
            int[] shape = out.shape();
            double[] v = out.toDoubleArray();
            int n = pts.length;
            int[] cls = new int[n];
            if (shape.length == 1) {
                for (int i = 0; i < n; i++) {
                    cls[i] = (int) Math.round(v[i]);
                }
            } else if (shape.length == 2 && shape[0] == n) {
                int c = shape[1];
                for (int i = 0; i < n; i++) {
                    if (c == 1) {
                        cls[i] = v[i] >= 0.5 ? 1 : 0;  // one probability of class 1
                        continue;
                    }
                    int best = 0;
                    for (int k = 1; k < c; k++) {
                        if (v[i * c + k] > v[i * c + best]) {
                            best = k;
                        }
                    }
                    cls[i] = best;
                }
            } else {
                throw new IllegalArgumentException("DecisionRegions.ofModel: the model turned [" + n
                    + ", 2] points into " + Arrays.toString(shape) + "; expected [" + n + ", C] scores or ["
                    + n + "] classes");
            }
            return cls;
        });
    }

    /** The labelled points drawn on top: xy[N][2], labels[N] class ids. Also sets the range. */
    public DecisionRegions points(double[][] xy, int[] labels) {
        if (xy.length != labels.length) {
            throw new IllegalArgumentException("DecisionRegions.points: " + xy.length + " points but "
                + labels.length + " labels; give one label per point");
        }
        for (int i = 0; i < xy.length; i++) {
            if (xy[i].length != 2) {
                throw new IllegalArgumentException("DecisionRegions.points: point " + i + " has "
                    + xy[i].length + " coordinates; the plane needs 2");
            }
            if (labels[i] < 0) {
                throw new IllegalArgumentException("DecisionRegions.points: label " + i + " is "
                    + labels[i] + "; classes are 0, 1, 2, ...");
            }
        }
        this.points = new double[xy.length][];
        for (int i = 0; i < xy.length; i++) {
            points[i] = xy[i].clone();
        }
        this.labels = labels.clone();
        return this;
    }

    /** Points from a [N, 2] tensor and labels as [N] class ids or [N, C] one-hot rows. */
    public DecisionRegions points(Tensor xy, Tensor labels) {
        int[] s = xy.shape();
        if (s.length != 2 || s[1] != 2) {
            throw new IllegalArgumentException("DecisionRegions.points: points must have shape [N, 2], got "
                + Arrays.toString(s));
        }
        double[] flat = xy.toDoubleArray();
        double[][] pts = new double[s[0]][2];
        for (int i = 0; i < s[0]; i++) {
            pts[i][0] = flat[2 * i];
            pts[i][1] = flat[2 * i + 1];
        }
        int[] ls = labels.shape();
        double[] lv = labels.toDoubleArray();
        int[] cls = new int[ls[0]];
        if (ls.length == 1) {
            for (int i = 0; i < cls.length; i++) {
                cls[i] = (int) Math.round(lv[i]);
            }
        } else if (ls.length == 2) {
            for (int i = 0; i < cls.length; i++) {
                int best = 0;
                for (int k = 1; k < ls[1]; k++) {
                    if (lv[i * ls[1] + k] > lv[i * ls[1] + best]) {
                        best = k;
                    }
                }
                cls[i] = best;
            }
        } else {
            throw new IllegalArgumentException("DecisionRegions.points: labels must be [N] or [N, C], got "
                + Arrays.toString(ls));
        }
        return points(pts, cls);
    }

    /** The rectangle to shade (default: the points' range plus a 10% margin). */
    public DecisionRegions range(double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("DecisionRegions.range: empty range x [" + xMin + ", "
                + xMax + "], y [" + yMin + ", " + yMax + "]; give min < max");
        }
        this.range = new double[] {xMin, xMax, yMin, yMax};
        return this;
    }

    /** Grid points a side (default {@value #DEFAULT_RESOLUTION}). */
    public DecisionRegions resolution(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("DecisionRegions.resolution: " + n + " is below 2");
        }
        this.resolution = n;
        return this;
    }

    /** Names for the legend, class 0 first (default "class 0", "class 1", ...). */
    public DecisionRegions classNames(String... names) {
        this.classNames = names.clone();
        return this;
    }

    /** The predicted class at every grid point: [resolution][resolution], row j along y. */
    int[][] grid() {
        double[] r = bounds();
        int n = resolution;
        double[][] pts = new double[n * n][];
        for (int j = 0; j < n; j++) {
            double y = r[2] + (r[3] - r[2]) * (j + 0.5) / n;
            for (int i = 0; i < n; i++) {
                pts[j * n + i] = new double[] {r[0] + (r[1] - r[0]) * (i + 0.5) / n, y};
            }
        }
        int[] cls = classify.apply(pts);
        if (cls == null || cls.length != pts.length) {
            throw new IllegalStateException("DecisionRegions: the classifier returned "
                + (cls == null ? "null" : cls.length + " classes") + " for " + pts.length + " points");
        }
        int[][] g = new int[n][n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(cls, j * n, g[j], 0, n);
        }
        return g;
    }

    private double[] bounds() {
        if (range != null) {
            return range;
        }
        if (points == null || points.length == 0) {
            throw new IllegalStateException("DecisionRegions: no range to shade; call .points(X, labels) "
                + "or .range(xMin, xMax, yMin, yMax)");
        }
        double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : points) {
            r[0] = Math.min(r[0], p[0]);
            r[1] = Math.max(r[1], p[0]);
            r[2] = Math.min(r[2], p[1]);
            r[3] = Math.max(r[3], p[1]);
        }
        double mx = Math.max(r[1] - r[0], 1e-9) * MARGIN;
        double my = Math.max(r[3] - r[2], 1e-9) * MARGIN;
        return new double[] {r[0] - mx, r[1] + mx, r[2] - my, r[3] + my};
    }

    /** The colour regions of class k are shaded with (its point colour, lightened). */
    static Color regionColour(int k) {
        Color c = classColour(k);
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    /** The colour of class k's points. */
    static Color classColour(int k) {
        return CLASS_COLOURS[Math.floorMod(k, CLASS_COLOURS.length)];
    }

    /** The shaded plane with the points on top. */
    public Figure figure(String title, String xLabel, String yLabel) {
        double[] r = bounds();
        int[][] g = grid();
        int n = resolution;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        int classes = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                img.setRGB(i, n - 1 - j, regionColour(g[j][i]).getRGB());
                classes = Math.max(classes, g[j][i] + 1);
            }
        }
        Figure f = Figure.plane("decision regions", title, xLabel, yLabel)
            .raster(new Figure.Raster(img, r[0], r[1], r[2], r[3], false));
        if (points != null) {
            int k = 0;
            for (int l : labels) {
                k = Math.max(k, l + 1);
            }
            classes = Math.max(classes, k);
            for (int c = 0; c < k; c++) {
                int count = 0;
                for (int l : labels) {
                    count += l == c ? 1 : 0;
                }
                if (count == 0) {
                    continue;
                }
                double[] px = new double[count];
                double[] py = new double[count];
                int m = 0;
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == c) {
                        px[m] = points[i][0];
                        py[m++] = points[i][1];
                    }
                }
                String name = classNames != null && c < classNames.length ? classNames[c] : "class " + c;
                f.points(name, px, py).color(classColour(c)).markerSize(6);
            }
            f.legend(true).legendBelow();
        }
        f.group("plane shaded by predicted class on a " + n + "x" + n + " grid, " + classes + " classes");
        return f;
    }
}
