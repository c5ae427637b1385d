package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ToyDataTest {

    @Test
    void noisySineIsTheLessonsSet() {
        Rng.seed(0);
        ToyData.Regression r = ToyData.noisySine();
        assertEquals(1000, r.n());
        assertArrayEquals(new int[] {1000, 1}, r.x().shape());
        assertArrayEquals(new int[] {1000, 1}, r.y().shape());
        double[] xs = r.xs();
        double[] ys = r.ys();
        assertEquals(-3.0, xs[0], 0.0);
        assertEquals(3.0, xs[999], 1e-12);
        double meanNoise = 0;
        for (int i = 0; i < xs.length; i++) {
            double noise = ys[i] - Math.sin(xs[i]);
            assertTrue(Math.abs(noise) <= 0.5, "noise " + noise + " at " + i);
            meanNoise += noise / xs.length;
        }
        assertEquals(0.0, meanNoise, 0.05, "uniform noise centred on 0");
        assertEquals(ys[10], r.y().get(10, 0), 1e-6);
    }

    @Test
    void sameSeedSameData() {
        Rng.seed(5);
        double[] a = ToyData.noisySine(100).ys();
        float[] h1 = ToyData.housing(20).prices().toFloatArray();
        float[] s1 = ToyData.twoSpirals(30, 0.05).x().toFloatArray();
        Rng.seed(5);
        double[] b = ToyData.noisySine(100).ys();
        float[] h2 = ToyData.housing(20).prices().toFloatArray();
        float[] s2 = ToyData.twoSpirals(30, 0.05).x().toFloatArray();
        assertArrayEquals(a, b);
        assertArrayEquals(h1, h2);
        assertArrayEquals(s1, s2);
        Rng.seed(6);
        assertFalse(Arrays.equals(a, ToyData.noisySine(100).ys()));
    }

    @Test
    void housingRecoversTrueWeightsByLeastSquares() {
        Rng.seed(11);
        ToyData.Housing h = ToyData.housing(4000);
        assertArrayEquals(new int[] {4000, 3}, h.features().shape());
        assertArrayEquals(new int[] {4000, 1}, h.prices().shape());
        double[][] f = h.featureRows();
        double[] p = h.priceValues();
        for (double[] row : f) {
            assertTrue(row[0] >= 800 && row[0] <= 3000, "area " + row[0]);
            assertTrue(row[1] >= 50 && row[1] <= 2000, "distance " + row[1]);
            assertTrue(row[2] >= 1 && row[2] <= 6 && row[2] == Math.rint(row[2]), "rooms " + row[2]);
        }
        // Normal equations on [1, area, distance, rooms].
        double[][] a = new double[4][5];
        for (int i = 0; i < p.length; i++) {
            double[] z = {1, f[i][0], f[i][1], f[i][2]};
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] += z[r] * z[c];
                }
                a[r][4] += z[r] * p[i];
            }
        }
        double[] w = solve(a);
        double[] truth = h.trueWeights();
        assertEquals(h.trueIntercept(), w[0], 3000);
        assertEquals(truth[0], w[1], 2);
        assertEquals(truth[1], w[2], 1);
        assertEquals(truth[2], w[3], 400);
        double sse = 0;
        for (int i = 0; i < p.length; i++) {
            double pred = w[0] + w[1] * f[i][0] + w[2] * f[i][1] + w[3] * f[i][2];
            sse += (p[i] - pred) * (p[i] - pred);
        }
        double rmse = Math.sqrt(sse / p.length);
        assertEquals(h.noiseStd(), rmse, 0.05 * h.noiseStd(), "RMSE at the noise level");
    }

    static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double k = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= k * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }

    @Test
    void spiralsHaveTwoBalancedClassesInTheUnitSquare() {
        Rng.seed(2);
        Dataset s = ToyData.twoSpirals(100, 0.0);
        assertArrayEquals(new int[] {200, 2}, s.x().shape());
        assertArrayEquals(new int[] {100, 100}, Labels.counts(s.labels(), 2));
        float[] xy = s.x().toFloatArray();
        for (int i = 0; i < 200; i++) {
            double r = Math.hypot(xy[2 * i], xy[2 * i + 1]);
            assertTrue(r <= 1.0 + 1e-6, "radius " + r);
        }
        // Without noise, point i of class 1 is point i of class 0 turned by 180 degrees.
        assertEquals(-xy[2 * 50], xy[2 * 150], 1e-5);
        assertEquals(-xy[2 * 50 + 1], xy[2 * 150 + 1], 1e-5);
    }

    @Test
    void circlesSitOnTwoRadii() {
        Rng.seed(2);
        Dataset c = ToyData.circles(50, 0.0);
        float[] xy = c.x().toFloatArray();
        for (int i = 0; i < 100; i++) {
            double r = Math.hypot(xy[2 * i], xy[2 * i + 1]);
            assertEquals(c.label(i) == 0 ? 0.5 : 1.0, r, 1e-5);
        }
    }
}
