package cadl.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * A function of two variables drawn as a lit 3-D surface: the grid's cells projected with a
 * turntable view (azimuth around the vertical axis, then elevation), coloured by height,
 * shaded by the angle to a light above and behind the viewer, and painted back to front.
 *
 * <pre>{@code
 * display(Surface.of((x, y) -> Math.sin(10 * x) * Math.exp(-x) * Math.cos(10 * y) * Math.exp(-y),
 *                    -1, 1, -1, 1, 100)
 *     .figure("Cost over two parameters", "x", "y", "cost"));
 * }</pre>
 */
public final class Surface {

    /** Default view: degrees around the vertical axis. */
    public static final double DEFAULT_AZIMUTH = -55;
    /** Default view: degrees above the horizontal. */
    public static final double DEFAULT_ELEVATION = 32;

    private final double[] xs;
    private final double[] ys;
    private final double[][] z;
    private double azimuth = DEFAULT_AZIMUTH;
    private double elevation = DEFAULT_ELEVATION;
    private ColorScale scale = ColorScale.COOL_WARM;

    private Surface(double[] xs, double[] ys, double[][] z) {
        this.xs = xs;
        this.ys = ys;
        this.z = z;
    }

    /** f sampled on an n x n grid over [xMin, xMax] x [yMin, yMax], ends included. */
    public static Surface of(DoubleBinaryOperator f, double xMin, double xMax, double yMin, double yMax, int n) {
        HeatMap grid = HeatMap.of(f, xMin, xMax, yMin, yMax, n);  // samples f once, with the same argument checks
        return new Surface(grid.xs, grid.ys, grid.z);
    }

    /** Heights z[j][i] at (xs[i], ys[j]), as for {@link HeatMap#of(double[], double[], double[][])}. */
    public static Surface of(double[] xs, double[] ys, double[][] z) {
        HeatMap.of(xs, ys, z);  // same checks
        double[][] copy = new double[z.length][];
        for (int j = 0; j < z.length; j++) {
            copy[j] = z[j].clone();
        }
        return new Surface(xs.clone(), ys.clone(), copy);
    }

    /** The view: degrees around the vertical axis and above the horizontal. */
    public Surface view(double azimuthDegrees, double elevationDegrees) {
        if (!(elevationDegrees >= 0 && elevationDegrees <= 90)) {
            throw new IllegalArgumentException("Surface.view: elevation " + elevationDegrees
                + " is not in [0, 90] degrees");
        }
        this.azimuth = azimuthDegrees;
        this.elevation = elevationDegrees;
        return this;
    }

    /** The colour scale for heights (default {@link ColorScale#COOL_WARM}). */
    public Surface colorScale(ColorScale scale) {
        this.scale = scale;
        return this;
    }

    /** The drawn surface with a colour bar; zLabel says what the height is. */
    public Figure figure(String title, String xLabel, String yLabel, String zLabel) {
        double[] mm = minMax();
        Figure f = Figure.painted("surface", title, xLabel, yLabel,
            (g, w, h) -> paint(g, w, h, title, xLabel, yLabel, zLabel, mm));
        f.group(xs.length + "x" + ys.length + " grid, " + zLabel + " from " + Ticks.label(mm[0]) + " to "
            + Ticks.label(mm[1]));
        return f;
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
            throw new IllegalArgumentException("Surface: no finite value on the grid to draw");
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        return new double[] {lo, hi};
    }

    /** Projects normalised coordinates (u, v, w in [-1, 1], w the height) to {screen x, screen up, depth}. */
    private double[] project(double u, double v, double w) {
        double a = Math.toRadians(azimuth);
        double e = Math.toRadians(elevation);
        double px = u * Math.cos(a) - v * Math.sin(a);
        double py = u * Math.sin(a) + v * Math.cos(a);
        double height = 0.7 * w;  // the box is flatter than it is wide
        return new double[] {px, height * Math.cos(e) + py * Math.sin(e), py * Math.cos(e) - height * Math.sin(e)};
    }

    private void paint(Graphics2D g, int w, int h, String title, String xLabel, String yLabel, String zLabel,
                       double[] mm) {
        int barW = Figure.COLOR_BAR_WIDTH;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        g.setFont(titleFont);
        FontMetrics tfm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(title, Math.max(4, (w - barW - tfm.stringWidth(title)) / 2), 8 + tfm.getAscent());
        int top = 16 + tfm.getHeight();
        int left = 60;
        int right = w - barW - 30;
        int bottom = h - 40;
        double x0 = xs[0];
        double x1 = xs[xs.length - 1];
        double y0 = ys[0];
        double y1 = ys[ys.length - 1];
        // fit the projected box into the drawing area
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int c = 0; c < 8; c++) {
            double[] p = project((c & 1) == 0 ? -1 : 1, (c & 2) == 0 ? -1 : 1, (c & 4) == 0 ? -1 : 1);
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double s = Math.min((right - left) / (maxX - minX), (bottom - top) / (maxY - minY));
        double cx = (left + right) / 2.0 - s * (minX + maxX) / 2;
        double cy = (top + bottom) / 2.0 + s * (minY + maxY) / 2;
        Screen screen = (u, v, hw) -> {
            double[] p = project(u, v, hw);
            return new double[] {cx + s * p[0], cy - s * p[1], p[2]};
        };

        // the floor and the back walls' edges, behind the surface
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(170, 170, 170));
        double[][] floor = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (int k = 0; k < 4; k++) {
            line(g, screen.at(floor[k][0], floor[k][1], -1), screen.at(floor[(k + 1) % 4][0], floor[(k + 1) % 4][1], -1));
        }
        // the vertical axis stands at the floor corner furthest left on screen, drawn behind the surface
        int far = 0;
        double leftmost = Double.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            double sx = screen.at(floor[k][0], floor[k][1], -1)[0];
            if (sx < leftmost) {
                leftmost = sx;
                far = k;
            }
        }
        line(g, screen.at(floor[far][0], floor[far][1], -1), screen.at(floor[far][0], floor[far][1], 1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        for (double t : Ticks.between(mm[0], mm[1], 4)) {
            double[] p = screen.at(floor[far][0], floor[far][1], norm(t, mm[0], mm[1]));
            line(g, p, new double[] {p[0] - 4, p[1]});
            g.drawString(Ticks.label(t), (float) (p[0] - g.getFontMetrics().stringWidth(Ticks.label(t)) - 7),
                (float) p[1] + 4);
        }
        g.setColor(new Color(170, 170, 170));

        // cells, farthest first
        int nx = xs.length;
        int ny = ys.length;
        int cells = (nx - 1) * (ny - 1);
        double[] depth = new double[cells];
        Integer[] order = new Integer[cells];
        double[][][] corners = new double[cells][][];
        double[] shade = new double[cells];
        double[] mean = new double[cells];
        double[] light = normalise(new double[] {-0.4, -0.6, 1.0});
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                int k = j * (nx - 1) + i;
                order[k] = k;
                double[] uv = {norm(xs[i], x0, x1), norm(xs[i + 1], x0, x1), norm(ys[j], y0, y1), norm(ys[j + 1], y0, y1)};
                double za = norm(z[j][i], mm[0], mm[1]);
                double zb = norm(z[j][i + 1], mm[0], mm[1]);
                double zc = norm(z[j + 1][i + 1], mm[0], mm[1]);
                double zd = norm(z[j + 1][i], mm[0], mm[1]);
                corners[k] = new double[][] {
                    screen.at(uv[0], uv[2], za), screen.at(uv[1], uv[2], zb),
                    screen.at(uv[1], uv[3], zc), screen.at(uv[0], uv[3], zd)};
                depth[k] = (corners[k][0][2] + corners[k][1][2] + corners[k][2][2] + corners[k][3][2]) / 4;
                // normal from the diagonals, in the box's proportions (height scaled as drawn)
                double[] d1 = {uv[1] - uv[0], uv[3] - uv[2], 0.7 * (zc - za)};
                double[] d2 = {uv[0] - uv[1], uv[3] - uv[2], 0.7 * (zd - zb)};
                double[] n = normalise(cross(d1, d2));
                if (n[2] < 0) {
                    n = new double[] {-n[0], -n[1], -n[2]};
                }
                shade[k] = 0.45 + 0.55 * Math.max(0, n[0] * light[0] + n[1] * light[1] + n[2] * light[2]);
                mean[k] = (z[j][i] + z[j][i + 1] + z[j + 1][i + 1] + z[j + 1][i]) / 4;
            }
        }
        Arrays.sort(order, (a, b) -> Double.compare(depth[b], depth[a]));
        for (int k : order) {
            if (Double.isNaN(mean[k])) {
                continue;
            }
            Path2D.Double quad = new Path2D.Double();
            quad.moveTo(corners[k][0][0], corners[k][0][1]);
            for (int c = 1; c < 4; c++) {
                quad.lineTo(corners[k][c][0], corners[k][c][1]);
            }
            quad.closePath();
            Color base = scale.at(mean[k], mm[0], mm[1]);
            Color lit = new Color((int) (base.getRed() * shade[k]), (int) (base.getGreen() * shade[k]),
                (int) (base.getBlue() * shade[k]));
            g.setColor(lit);
            g.fill(quad);
            g.draw(quad);  // closes the hairline gaps between neighbouring cells
        }

        // tick labels along two floor edges and the vertical edge, then the axis labels
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(tickFont);
        g.setColor(Color.DARK_GRAY);
        // the x ticks go on the nearer of the edges v = -1 and v = 1; y ticks on the nearer of u = -1, u = 1
        double vEdge = screen.at(0, -1, -1)[2] < screen.at(0, 1, -1)[2] ? -1 : 1;
        double uEdge = screen.at(-1, 0, -1)[2] < screen.at(1, 0, -1)[2] ? -1 : 1;
        for (double t : Ticks.between(x0, x1, 4)) {
            double[] p = screen.at(norm(t, x0, x1), vEdge * 1.12, -1);
            centred(g, Ticks.label(t), p[0], p[1] + 4);
        }
        for (double t : Ticks.between(y0, y1, 4)) {
            double[] p = screen.at(uEdge * 1.12, norm(t, y0, y1), -1);
            centred(g, Ticks.label(t), p[0], p[1] + 4);
        }
        g.setFont(labelFont);
        g.setColor(Color.BLACK);
        double[] xp = screen.at(0, vEdge * 1.35, -1);
        centred(g, xLabel, xp[0], xp[1] + 8);
        double[] yp = screen.at(uEdge * 1.35, 0, -1);
        centred(g, yLabel, yp[0], yp[1] + 8);
        Rectangle2D plot = new Rectangle2D.Double(left, top, right - left, bottom - top);
        Figure.paintColorBar(g, new Figure.ColorBar(scale, mm[0], mm[1], zLabel), w - barW, plot, w);
    }

    private interface Screen {
        double[] at(double u, double v, double w);
    }

    private static double norm(double v, double lo, double hi) {
        return hi > lo ? 2 * (v - lo) / (hi - lo) - 1 : 0;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return n == 0 ? new double[] {0, 0, 1} : new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static void line(Graphics2D g, double[] a, double[] b) {
        g.draw(new java.awt.geom.Line2D.Double(a[0], a[1], b[0], b[1]));
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) (y + fm.getAscent() / 2.0));
    }
}
