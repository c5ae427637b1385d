package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** ReLU's and leaky ReLU's branch-free kernels (HeapKernel.gate, clamp) at the edges of the float range. */
class ReluMaskTest {
    private static final float TINY = Float.MIN_VALUE;   // 2^-149, the smallest positive float

    @Test
    void reluLetsTheGradientThroughExactlyWhereTheInputIsPositive() {
        // (the loss must stay finite for backward, so no infinities here: leakyRelu's test has them)
        float[] x = {TINY, 0f, -0f, -TINY, 1e-30f, -5f, 3e38f, -3e38f, 1e-45f, 0.75f};
        float[] g = {2f, 3f, 4f, 5f, -6f, 7f, 1e-20f, 9f, 10f, 1e-40f};
        for (int n : new int[] {1, 100_000}) {                 // inline and split across threads
            float[] xs = new float[x.length * n], gs = new float[x.length * n], want = new float[x.length * n];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = x[i % x.length];
                gs[i] = g[i % g.length];
                want[i] = xs[i] > 0 ? gs[i] : 0f;
            }
            for (DType d : DType.values()) {
                Tensor t = (d == DType.FLOAT32 ? Tensor.of(xs) : Tensor.of(xs).toDouble()).requiresGrad(true);
                t.relu().mul(d == DType.FLOAT32 ? Tensor.of(gs) : Tensor.of(gs).toDouble()).sum().backward();
                assertArrayEquals(want, t.grad().toFloatArray(), d + " relu gradient, n=" + n);
            }
        }
    }

    @Test
    void leakyReluKeepsInfinitiesAndScalesTheNegativeSideExactly() {
        Tensor x = Tensor.of(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -TINY, 2f, -2f);
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 2f, -0.2f},
                x.leakyRelu(0.1).toFloatArray());
        Tensor y = Tensor.of(-3f, 3f).requiresGrad(true);
        y.leakyRelu(0.25).sum().backward();
        assertArrayEquals(new float[] {0.25f, 1f}, y.grad().toFloatArray());
    }
}
