package cadl.plot;

import cadl.tensor.Tensor;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * A function of two variables drawn from above: each grid point shaded by its value on a
 * colour scale, with contour lines (marching squares) at round levels and a colour bar.
 * The two-parameter cost of the gradient-descent lesson:
 *
 * <pre>{@code
 * display(HeatMap.of((x, y) -> Math.sin(10 * x) * Math.exp(-x) * Math.cos(10 * y) * Math.exp(-y),
 *                    -1, 1, -1, 1, 100)
 *     .valueLabel("cost")
 *     .figure("Cost over two parameters", "x", "y"));
 * }</pre>
 *
 * <p>Values: {@code z[j][i]} is the height at {@code (xs[i], ys[j])}: rows go along y, columns
 * along x (a tensor of shape [ny, nx] reads the same way). NaN values are left blank.
 */
public final class HeatMap {

    /** Default number of contour levels. */
    public static final int DEFAULT_CONTOURS = 10;

    final double[] xs;
    final double[] ys;
    final double[][] z;
    private int contours = DEFAULT_CONTOURS;
    private double[] levels;
    private ColorScale scale = ColorScale.VIRIDIS;
    private String valueLabel = "value";

    private HeatMap(double[] xs, double[] ys, double[][] z) {
        this.xs = xs;
        this.ys = ys;
        this.z = z;
    }

    /** f sampled on an n x n grid over [xMin, xMax] x [yMin, yMax], ends included. */
    public static HeatMap of(DoubleBinaryOperator f, double xMin, double xMax, double yMin, double yMax, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("HeatMap.of: a grid needs n >= 2 points a side, got " + n);
        }
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("HeatMap.of: empty range x [" + xMin + ", " + xMax
                + "], y [" + yMin + ", " + yMax + "]; give min < max");
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xMin + (xMax - xMin) * i / (n - 1);
            ys[i] = yMin + (yMax - yMin) * i / (n - 1);
        }
        double[][] z = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j][i] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return new HeatMap(xs, ys, z);
    }

    /** Heights z[j][i] at (xs[i], ys[j]); xs and ys increasing. */
    public static HeatMap of(double[] xs, double[] ys, double[][] z) {
        if (xs.length < 2 || ys.length < 2) {
            throw new IllegalArgumentException("HeatMap.of: need at least 2 x and 2 y values, got "
                + xs.length + " x and " + ys.length + " y");
        }
        if (z.length != ys.length) {
            throw new IllegalArgumentException("HeatMap.of: z has " + z.length + " rows but ys has "
                + ys.length + " values; z[j][i] is the height at (xs[i], ys[j])");
        }
        double[][] copy = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            if (z[j].length != xs.length) {
                throw new IllegalArgumentException("HeatMap.of: row " + j + " of z has " + z[j].length
                    + " values but xs has " + xs.length + "; z[j][i] is the height at (xs[i], ys[j])");
            }
            copy[j] = z[j].clone();
        }
        checkIncreasing("xs", xs);
        checkIncreasing("ys", ys);
        return new HeatMap(xs.clone(), ys.clone(), copy);
    }

    /** Heights from a tensor of shape [ny, nx] over [xMin, xMax] x [yMin, yMax]. */
    public static HeatMap of(Tensor z, double xMin, double xMax, double yMin, double yMax) {
        int[] shape = z.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("HeatMap.of: z must have shape [ny, nx], got "
                + java.util.Arrays.toString(shape));
        }
        double[] flat = z.toDoubleArray();
        int ny = shape[0];
        int nx = shape[1];
        double[][] rows = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(flat, j * nx, rows[j], 0, nx);
        }
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        for (int i = 0; i < nx; i++) {
            xs[i] = xMin + (xMax - xMin) * i / Math.max(1, nx - 1);
        }
        for (int j = 0; j < ny; j++) {
            ys[j] = yMin + (yMax - yMin) * j / Math.max(1, ny - 1);
        }
        return of(xs, ys, rows);
    }

    private static void checkIncreasing(String name, double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1])) {
                throw new IllegalArgumentException("HeatMap.of: " + name + " must increase, but "
                    + name + "[" + (i - 1) + "] = " + v[i - 1] + " and " + name + "[" + i + "] = " + v[i]);
            }
        }
    }

    /** About this many contour lines at round levels (0 for none). */
    public HeatMap contours(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("HeatMap.contours: count is " + count + "; use 0 or more");
        }
        this.contours = count;
        this.levels = null;
        return this;
    }

    /** Contour lines at exactly these levels. */
    public HeatMap contourLevels(double... levels) {
        this.levels = levels.clone();
        return this;
    }

    /** The colour scale (default {@link ColorScale#VIRIDIS}). */
    public HeatMap colorScale(ColorScale scale) {
        this.scale = scale;
        return this;
    }

    /** The colour bar's label, what the height means (default "value"). */
    public HeatMap valueLabel(String label) {
        this.valueLabel = label;
        return this;
    }

    /** The levels contour lines are drawn at. */
    public double[] levels() {
        double[] mm = minMax();
        if (levels != null) {
            return levels.clone();
        }
        if (contours == 0 || !(mm[1] > mm[0])) {
            return new double[0];
        }
        List<Double> t = Ticks.between(mm[0], mm[1], contours);
        return t.stream().mapToDouble(Double::doubleValue).filter(v -> v > mm[0] && v < mm[1]).toArray();
    }

    private double[] minMax() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("HeatMap: no finite value on the grid to shade");
        }
        return new double[] {lo, hi};
    }

    /** The shaded figure with its contour lines and colour bar. */
    public Figure figure(String title, String xLabel, String yLabel) {
        double[] mm = minMax();
        int nx = xs.length;
        int ny = ys.length;
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_ARGB);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = z[j][i];
                Color c = Double.isNaN(v) ? new Color(255, 255, 255, 0) : scale.at(v, mm[0], mm[1]);
                img.setRGB(i, ny - 1 - j, c.getRGB());
            }
        }
        Figure f = Figure.plane("heat map", title, xLabel, yLabel)
            .raster(new Figure.Raster(img, xs[0], xs[nx - 1], ys[0], ys[ny - 1], true))
            .colorBar(new Figure.ColorBar(scale, mm[0], mm[1], valueLabel));
        double[] ls = levels();
        for (double level : ls) {
            List<double[]> segs = Contours.segments(xs, ys, z, level);
            if (!segs.isEmpty()) {
                double[][] line = Contours.polyline(segs);
                f.hiddenLine(line[0], line[1], new Color(0, 0, 0, 110), 1.0f);
            }
        }
        f.group(nx + "x" + ny + " grid, " + valueLabel + " from " + Ticks.label(mm[0]) + " to "
            + Ticks.label(mm[1]) + ", " + ls.length + " contour levels");
        return f;
    }
}
