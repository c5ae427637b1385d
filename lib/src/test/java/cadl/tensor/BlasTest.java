package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Blas.sgemm against a triple loop in double precision, for every transpose flag, on shapes below and above
 * the split grain (split by rows and by columns), odd sizes, empty products and products too large for the
 * kept buffers; split results equal unsplit ones to float rounding.
 */
class BlasTest {

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat() * 2 - 1;
        return v;
    }

    /** C = op(A) op(B) in double precision, and the bound on |rounding| per element: the sum of |a||b|. */
    private static double[][] loop(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
        double[] c = new double[m * n], bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[p * m + i] : a[i * k + p], y = tb ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                c[i * n + j] = s;
                bound[i * n + j] = abs;
            }
        }
        return new double[][] {c, bound};
    }

    private static void assertClose(double[][] expected, float[] actual, String what) {
        assertEquals(expected[0].length, actual.length, what + ": length");
        for (int i = 0; i < actual.length; i++) {
            double tol = 1e-6 * expected[1][i] + 1e-30;
            assertTrue(Math.abs(expected[0][i] - actual[i]) <= tol,
                    what + ": element " + i + " is " + actual[i] + ", expected " + expected[0][i] + " +- " + tol);
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    @Test
    void everyTransposeFlagMatchesTheLoopOnSmallOddAndSplitShapes() {
        Random r = new Random(1);
        // {m, n, k}: tiny and odd; paint's [50, 64]; ae's products (split by columns, then by rows); odd sizes above the grain
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {1, 9, 4}, {50, 64, 64}, {100, 512, 784}, {784, 512, 100}, {333, 77, 401}, {61, 259, 257}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(r, m * k), b = random(r, k * n);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    String what = "sgemm " + m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb;
                    double[][] expected = loop(a, ta, b, tb, m, n, k);
                    for (int threads : new int[] {1, 2, 3}) {
                        assertClose(expected, Blas.sgemm(a, ta, b, tb, m, n, k, threads), what + " on " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void splitProductsEqualUnsplitOnesToFloatRoundingAndSmallOnesExactly() {
        Random r = new Random(2);
        int[][] shapes = {{100, 512, 784}, {784, 512, 100}, {257, 3, 20_000}, {3, 257, 20_000}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            assertTrue(2L * m * n * k >= 2 * Blas.GRAIN_FLOPS, "shape " + m + "x" + n + "x" + k + " must be split");
            float[] a = random(r, m * k), b = random(r, k * n);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    // the unsplit result, with the loop's rounding bound: split and unsplit may round differently
                    double[][] one = {toDoubles(Blas.sgemm(a, ta, b, tb, m, n, k, 1)), loop(a, ta, b, tb, m, n, k)[1]};
                    for (int threads : new int[] {2, 4}) {
                        assertClose(one, Blas.sgemm(a, ta, b, tb, m, n, k, threads),
                                m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + ", " + threads + " threads vs 1");
                    }
                }
            }
        }
        float[] a = random(r, 50 * 64), b = random(r, 64 * 64);
        assertArrayEquals(Blas.sgemm(a, false, b, false, 50, 64, 64, 1), Blas.sgemm(a, false, b, false, 50, 64, 64, 2),
                "a product below the grain runs unsplit");
    }

    @Test
    void emptyProductsGiveZerosOfTheRightShape() {
        assertArrayEquals(new float[6], Blas.sgemm(new float[0], false, new float[0], false, 2, 3, 0));
        assertArrayEquals(new float[6], Blas.sgemm(new float[0], true, new float[0], true, 2, 3, 0));
        assertEquals(0, Blas.sgemm(new float[0], false, new float[12], false, 0, 3, 4).length);
        assertEquals(0, Blas.sgemm(new float[8], false, new float[0], true, 2, 0, 4).length);
    }

    @Test
    void productsLargerThanTheKeptBuffersAndSmallOnesAfterThemAreRight() {
        Random r = new Random(3);
        int m = 2050, n = 3, k = 2100;                 // A holds 4.3M floats, more than a thread keeps
        assertTrue((long) m * k > NativeBuffers.KEEP_FLOATS);
        float[] a = random(r, m * k), b = random(r, k * n);
        assertClose(loop(a, false, b, false, m, n, k), Blas.sgemm(a, false, b, false, m, n, k), "large A");
        assertClose(loop(b, true, a, true, n, m, k), Blas.sgemm(b, true, a, true, n, m, k), "large B");
        float[] sa = random(r, 6), sb = random(r, 6);      // reuses buffers that held larger operands
        assertClose(loop(sa, false, sb, false, 2, 2, 3), Blas.sgemm(sa, false, sb, false, 2, 2, 3), "small after large");
    }

    @Test
    void productsRunConcurrentlyOnPoolThreadsAndOtherThreads() throws InterruptedException {
        Random r = new Random(4);
        int m = 120, n = 90, k = 300;
        float[] a = random(r, m * k), b = random(r, k * n);
        // 6.5 MFLOP: split on 2 or more threads; the same chunks whichever thread calls, so equal bit for bit
        float[] expected = Blas.sgemm(a, false, b, true, m, n, k);
        AtomicReferenceArray<float[]> got = new AtomicReferenceArray<>(8);
        Parallel.chunks(4, 4, i -> got.set(i, Blas.sgemm(a, false, b, true, m, n, k)));
        Thread[] others = new Thread[4];
        for (int t = 0; t < others.length; t++) {
            int slot = 4 + t;
            others[t] = new Thread(() -> got.set(slot, Blas.sgemm(a, false, b, true, m, n, k)));
            others[t].start();
        }
        for (Thread t : others) t.join();
        for (int i = 0; i < 8; i++) assertArrayEquals(expected, got.get(i), "call " + i);
    }
}
