package cadl.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines by marching squares: for each grid cell, where the level crosses an edge
 * (linear interpolation between the corner values), join the crossings with a segment.
 */
final class Contours {
    private Contours() {
    }

    /**
     * Segments {x1, y1, x2, y2} where z = level; z[j][i] is the value at (xs[i], ys[j]).
     * A saddle cell (opposite corners on the same side) is split by the cell's mean value.
     */
    static List<double[]> segments(double[] xs, double[] ys, double[][] z, double level) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                double a = z[j][i];          // (x_i, y_j)       corner 0
                double b = z[j][i + 1];      // (x_i+1, y_j)     corner 1
                double c = z[j + 1][i + 1];  // (x_i+1, y_j+1)   corner 2
                double d = z[j + 1][i];      // (x_i, y_j+1)     corner 3
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
                    continue;
                }
                int code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                double x0 = xs[i];
                double x1 = xs[i + 1];
                double y0 = ys[j];
                double y1 = ys[j + 1];
                // crossing points on the four edges: bottom (a-b), right (b-c), top (d-c), left (a-d)
                double[] bottom = {x0 + t(a, b, level) * (x1 - x0), y0};
                double[] right = {x1, y0 + t(b, c, level) * (y1 - y0)};
                double[] top = {x0 + t(d, c, level) * (x1 - x0), y1};
                double[] left = {x0, y0 + t(a, d, level) * (y1 - y0)};
                boolean centreHigh = (a + b + c + d) / 4 >= level;
                switch (code) {
                    case 1, 14 -> seg(out, left, bottom);
                    case 2, 13 -> seg(out, bottom, right);
                    case 3, 12 -> seg(out, left, right);
                    case 4, 11 -> seg(out, right, top);
                    case 6, 9 -> seg(out, bottom, top);
                    case 7, 8 -> seg(out, left, top);
                    case 5 -> { // a and c high
                        if (centreHigh) {
                            seg(out, left, top);
                            seg(out, bottom, right);
                        } else {
                            seg(out, left, bottom);
                            seg(out, right, top);
                        }
                    }
                    case 10 -> { // b and d high
                        if (centreHigh) {
                            seg(out, left, bottom);
                            seg(out, right, top);
                        } else {
                            seg(out, left, top);
                            seg(out, bottom, right);
                        }
                    }
                    default -> throw new AssertionError(code);
                }
            }
        }
        return out;
    }

    private static double t(double p, double q, double level) {
        return q == p ? 0.5 : (level - p) / (q - p);
    }

    private static void seg(List<double[]> out, double[] p, double[] q) {
        if (p[0] == q[0] && p[1] == q[1]) {
            return;  // the level passes through a grid vertex: nothing to draw in this cell
        }
        out.add(new double[] {p[0], p[1], q[0], q[1]});
    }

    /** The segments as one polyline for XChart: x1, x2, NaN, x1', x2', NaN... (NaN breaks the line). */
    static double[][] polyline(List<double[]> segments) {
        double[] x = new double[segments.size() * 3];
        double[] y = new double[segments.size() * 3];
        int k = 0;
        for (double[] s : segments) {
            x[k] = s[0];
            y[k++] = s[1];
            x[k] = s[2];
            y[k++] = s[3];
            x[k] = s[2];
            y[k++] = Double.NaN;
        }
        return new double[][] {x, y};
    }
}
