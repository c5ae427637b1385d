package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 convolutions (im2col + sgemm, batch split across threads) against ND4J's float64 ones, for the
 * forward convolution, the image gradient (= the transposed convolution) and the filter gradient: SAME and
 * VALID, stride 1 and 2, odd SAME splits (S3's 7 -> 4 -> 7), batch 1, and batches large enough to be cut into
 * several chunks and threads; and the rule asking only for the gradients someone needs.
 */
class FloatConvTest {

    /** {N, H, W, C_in, kh, kw, C_out, stride}. */
    private static final int[][] CASES = {
        {2, 7, 7, 3, 4, 4, 5, 2},        // S3's autoencoder 7 -> 4 (SAME total padding 3: 1 top, 2 bottom)
        {1, 4, 4, 16, 4, 4, 16, 2},      // the 4 -> 7 transposed step's geometry, batch 1
        {3, 6, 5, 2, 3, 2, 4, 1},        // stride 1, non-square images and filters
        {2, 5, 5, 1, 5, 5, 3, 2},        // filters as large as the image
        {1, 6, 6, 2, 1, 1, 3, 1},        // 1x1 filters
        {50, 28, 28, 1, 5, 5, 32, 2},    // S3's conv net layer 1: split across threads
        {20, 14, 14, 32, 5, 5, 64, 2},   // layer 2 shape: split across threads
        {40, 28, 28, 8, 5, 5, 4, 1},     // col matrix larger than one chunk: several chunks even on one thread
    };

    private static double[] random(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    /** Float32 results within float rounding of float64 ones: error relative to the largest value. */
    private static void close(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double scale = 1e-30, err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(want[i] - got[i]));
        }
        assertTrue(err <= 2e-5 * scale, what + ": max error " + err + " for values up to " + scale);
    }

    @Test
    void forwardImageAndFilterGradientsMatchNd4jInFloat64() {
        Random r = new Random(3);
        for (int[] c : CASES) {
            for (Padding p : Padding.values()) {
                long[] xs = {c[0], c[1], c[2], c[3]}, ws = {c[4], c[5], c[3], c[6]};
                int stride = c[7];
                long[] ys = {c[0], p.outputSize(c[1], c[4], stride), p.outputSize(c[2], c[5], stride), c[6]};
                double[] x = random(r, (int) (xs[0] * xs[1] * xs[2] * xs[3])), w = random(r, (int) (ws[0] * ws[1] * ws[2] * ws[3]));
                double[] g = random(r, (int) (ys[0] * ys[1] * ys[2] * ys[3]));
                String what = Arrays.toString(c) + " " + p;
                close((double[]) Kernel.ND4J.conv2d(x, xs, w, ws, stride, p),
                        (float[]) Kernel.HEAP.conv2d(floats(x), xs, floats(w), ws, stride, p), "conv2d " + what);
                close((double[]) Kernel.ND4J.conv2dInputGrad(g, ys, w, ws, xs, stride, p),
                        (float[]) Kernel.HEAP.conv2dInputGrad(floats(g), ys, floats(w), ws, xs, stride, p), "image gradient " + what);
                close((double[]) Kernel.ND4J.conv2dFilterGrad(x, xs, g, ys, ws, stride, p),
                        (float[]) Kernel.HEAP.conv2dFilterGrad(floats(x), xs, floats(g), ys, ws, stride, p), "filter gradient " + what);
            }
        }
    }

    @Test
    void emptyBatchGivesEmptyResultsAndZeroFilterGradient() {
        long[] xs = {0, 7, 7, 2}, ws = {3, 3, 2, 4}, ys = {0, 4, 4, 4};
        assertEquals(0, ((float[]) Kernel.HEAP.conv2d(new float[0], xs, new float[72], ws, 2, Padding.SAME)).length);
        assertEquals(0, ((float[]) Kernel.HEAP.conv2dInputGrad(new float[0], ys, new float[72], ws, xs, 2, Padding.SAME)).length);
        float[] gf = (float[]) Kernel.HEAP.conv2dFilterGrad(new float[0], xs, new float[0], ys, ws, 2, Padding.SAME);
        assertEquals(72, gf.length);
        for (float v : gf) assertEquals(0f, v);
    }

    @Test
    void conv2dOnDataComputesOnlyTheFilterGradient() {
        Tensor x = Tensor.uniform(-1, 1, 2, 8, 8, 1);                  // data: no gradient wanted
        Tensor w = Tensor.uniform(-1, 1, 3, 3, 1, 4).requiresGrad(true);
        x.conv2d(w, 2, Padding.SAME).sum().backward();
        assertNull(x.grad());
        assertNotNull(w.grad());
        double[] ones = new double[2 * 4 * 4 * 4];
        Arrays.fill(ones, 1);
        double[] want = (double[]) Kernel.ND4J.conv2dFilterGrad(x.toDoubleArray(), new long[] {2, 8, 8, 1}, ones, new long[] {2, 4, 4, 4},
                new long[] {3, 3, 1, 4}, 2, Padding.SAME);
        close(want, w.grad().toFloatArray(), "filter gradient of sum(conv2d(data, w))");
    }
}
