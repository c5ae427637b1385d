package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * conv2d against a direct loop with TensorFlow's padding rule (SAME puts the odd extra pixel at the
 * bottom/right), conv2dTranspose as its exact adjoint with the same (tied) filter tensor, and both
 * gradients against finite differences, including the S3 autoencoder's 7 -> 4 odd SAME step.
 */
class ConvTest {

    @BeforeEach
    void seed() {
        Rng.seed(11);
    }

    /** out[n, i, j, o] = sum x[n, i*s + di - padTop, j*s + dj - padLeft, c] w[di, dj, c, o]. */
    static double[] naiveConv(Tensor x, Tensor w, int s, Padding p) {
        int n = x.size(0), h = x.size(1), wd = x.size(2), c = x.size(3);
        int kh = w.size(0), kw = w.size(1), co = w.size(3);
        int ho = p.outputSize(h, kh, s), wo = p.outputSize(wd, kw, s);
        int padTop = p == Padding.SAME ? Math.max((ho - 1) * s + kh - h, 0) / 2 : 0;
        int padLeft = p == Padding.SAME ? Math.max((wo - 1) * s + kw - wd, 0) / 2 : 0;
        double[] out = new double[n * ho * wo * co];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < ho; i++)
                for (int j = 0; j < wo; j++)
                    for (int o = 0; o < co; o++) {
                        double acc = 0;
                        for (int di = 0; di < kh; di++)
                            for (int dj = 0; dj < kw; dj++) {
                                int r = i * s + di - padTop, q = j * s + dj - padLeft;
                                if (r < 0 || r >= h || q < 0 || q >= wd) continue;
                                for (int ci = 0; ci < c; ci++) acc += x.get(b, r, q, ci) * w.get(di, dj, ci, o);
                            }
                        out[((b * ho + i) * wo + j) * co + o] = acc;
                    }
        return out;
    }

    /** {H, W, kh, kw, stride}: even and odd SAME splits, non-square images and filters. */
    private static final int[][] CASES = {
        {7, 7, 4, 4, 2},   // S3's 7 -> 4: total SAME padding 3, split 1 top / 2 bottom
        {6, 6, 4, 4, 2},   // total 2: 1 / 1
        {4, 4, 3, 3, 2},   // total 1: 0 / 1
        {5, 6, 3, 2, 1},
        {5, 5, 5, 5, 2},
        {28, 28, 4, 4, 2},
    };

    @Test
    void conv2dMatchesDirectLoopWithTensorFlowPadding() {
        for (int[] c : CASES) {
            for (Padding p : Padding.values()) {
                Tensor x = Tensor.uniform(-1, 1, 2, c[0], c[1], 3).toDouble();
                Tensor w = Tensor.uniform(-1, 1, c[2], c[3], 3, 2).toDouble();
                Tensor y = x.conv2d(w, c[4], p);
                assertArrayEquals(new int[] {2, p.outputSize(c[0], c[2], c[4]), p.outputSize(c[1], c[3], c[4]), 2}, y.shape());
                assertArrayEquals(naiveConv(x, w, c[4], p), y.toDoubleArray(), 1e-9, java.util.Arrays.toString(c) + " " + p);
            }
        }
    }

    @Test
    void conv2dTransposeIsTheAdjointWithTheSameFilters() {
        // <conv(x, w), y> == <x, convT(y, w)> for every x, y: the tied decoder of S3
        for (int[] c : CASES) {
            for (Padding p : Padding.values()) {
                Tensor x = Tensor.uniform(-1, 1, 2, c[0], c[1], 3).toDouble();
                Tensor w = Tensor.uniform(-1, 1, c[2], c[3], 3, 5).toDouble();
                Tensor cx = x.conv2d(w, c[4], p);
                Tensor y = Tensor.uniform(-1, 1, cx.shape()).toDouble();
                Tensor ty = y.conv2dTranspose(w, x.shape(), c[4], p);
                assertArrayEquals(x.shape(), ty.shape());
                double left = cx.mul(y).sum().item(), right = x.mul(ty).sum().item();
                assertEquals(left, right, 1e-9 * Math.max(1, Math.abs(left)), java.util.Arrays.toString(c) + " " + p);
            }
        }
    }

    @Test
    void conv2dTransposeForwardMatchesHandComputation() {
        // one 1x1 input pixel spread by a 2x2 filter, stride 2, VALID: the filter itself, scaled
        Tensor y = Tensor.of(new float[] {3}, 1, 1, 1, 1);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1, 1);
        assertArrayEquals(new float[] {3, 6, 9, 12}, y.conv2dTranspose(w, new int[] {1, 2, 2, 1}, 2, Padding.VALID).toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferencesIncludingBatchOneAndOddSamePadding() {
        for (int[] c : new int[][] {{7, 7, 4, 4, 2}, {4, 4, 3, 3, 2}, {5, 6, 3, 2, 1}}) {
            for (Padding p : Padding.values()) {
                for (int batch : new int[] {1, 2}) {
                    int ho = p.outputSize(c[0], c[2], c[4]), wo = p.outputSize(c[1], c[3], c[4]);
                    int[] xs = {batch, c[0], c[1], 2};
                    double e = GradCheck.maxRelativeError(t -> t[0].conv2d(t[1], c[4], p),
                            Tensor.uniform(-1, 1, xs), Tensor.uniform(-1, 1, c[2], c[3], 2, 3));
                    assertTrue(e < 1e-6, "conv2d " + java.util.Arrays.toString(c) + " " + p + " batch " + batch + ": " + e);
                    double et = GradCheck.maxRelativeError(t -> t[0].conv2dTranspose(t[1], xs, c[4], p),
                            Tensor.uniform(-1, 1, batch, ho, wo, 3), Tensor.uniform(-1, 1, c[2], c[3], 2, 3));
                    assertTrue(et < 1e-6, "conv2dTranspose " + java.util.Arrays.toString(c) + " " + p + " batch " + batch + ": " + et);
                }
            }
        }
    }

    @Test
    void tiedEncoderDecoderGradientSumsBothUses() {
        // the same filter in conv2d and in conv2dTranspose: its gradient gets both contributions
        double e = GradCheck.maxRelativeError(t -> t[0].conv2d(t[1], 2, Padding.SAME).relu()
                .conv2dTranspose(t[1], new int[] {1, 7, 7, 2}, 2, Padding.SAME),
                Tensor.uniform(-1, 1, 1, 7, 7, 2), Tensor.uniform(-1, 1, 4, 4, 2, 3));
        assertTrue(e < 1e-6, "tied: " + e);
    }

    @Test
    void shapeErrorsNameShapesAndFix() {
        var ch = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(1, 8, 8, 3).conv2d(Tensor.zeros(3, 3, 1, 4), 1, Padding.SAME));
        assertTrue(ch.getMessage().contains("[1, 8, 8, 3]") && ch.getMessage().contains("[3, 3, 1, 4]"), ch.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(8, 8).conv2d(Tensor.zeros(3, 3, 1, 4), 1, Padding.SAME));
        assertTrue(rank.getMessage().contains("[8, 8]") && rank.getMessage().contains("reshape"), rank.getMessage());
        var out = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(1, 4, 4, 4).conv2dTranspose(Tensor.zeros(3, 3, 1, 4), new int[] {1, 9, 9, 1}, 2, Padding.SAME));
        assertTrue(out.getMessage().contains("[1, 9, 9, 1]") && out.getMessage().contains("[1, 4, 4, 4]"), out.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 4, 4, 1).conv2d(Tensor.zeros(3, 3, 1, 1), 0, Padding.SAME));
    }
}
