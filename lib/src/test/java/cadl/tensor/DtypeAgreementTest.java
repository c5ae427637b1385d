package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every op in float32 against float64 on the same inputs: values and the gradients of sum(out * w) agree to
 * 1e-5 (relative above 1, absolute below). The rules are the same code for both dtypes; the kernels differ
 * (Java loops and sgemm for float32, ND4J and dgemm for float64), so this checks the float32 kernels against
 * an independent implementation, and the float64 gradient checks speak for the rules float32 runs.
 */
class DtypeAgreementTest {
    private static final double TOL = 1e-5;

    @BeforeEach
    void seed() {
        Rng.seed(21);
    }

    private static Tensor r(int... shape) {
        return Tensor.uniform(-1, 1, shape);
    }

    private static Tensor pos(int... shape) {
        return Tensor.uniform(0.5, 2, shape);
    }

    private static void agree(String what, Function<Tensor[], Tensor> f, Tensor... in) {
        Tensor[] f32 = new Tensor[in.length], f64 = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            f32[i] = Tensor.of(in[i].toFloatArray(), in[i].shape()).requiresGrad(true);
            f64[i] = Tensor.of(DType.FLOAT64, in[i].toDoubleArray(), in[i].shape()).requiresGrad(true);
        }
        Tensor a = f.apply(f32), b = f.apply(f64);
        assertEquals(DType.FLOAT32, a.dtype(), what);
        assertEquals(DType.FLOAT64, b.dtype(), what);
        assertArrayEquals(b.shape(), a.shape(), what + ": shape");
        close(what + " values", b.toDoubleArray(), a.toDoubleArray());
        double[] w = Tensor.uniform(-1, 1, a.shape()).toDoubleArray();
        a.mul(Tensor.of(w, a.shape())).sum().backward();
        b.mul(Tensor.of(DType.FLOAT64, w, b.shape())).sum().backward();
        for (int i = 0; i < in.length; i++) {
            assertEquals(DType.FLOAT32, f32[i].grad().dtype());
            close(what + " gradient " + i, f64[i].grad().toDoubleArray(), f32[i].grad().toDoubleArray());
        }
    }

    private static void close(String what, double[] want, double[] got) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]) / Math.max(1, Math.abs(want[i]));
            assertTrue(err <= TOL, what + " [" + i + "]: float64 " + want[i] + ", float32 " + got[i]);
        }
    }

    @Test
    void arithmeticWithEveryBroadcastingPattern() {
        long[][] shapes = {{3, 4}, {4}, {3, 1}, {1, 4}, {1}};
        for (long[] s : shapes) {
            int[] sb = java.util.Arrays.stream(s).mapToInt(v -> (int) v).toArray();
            agree("add " + java.util.Arrays.toString(sb), x -> x[0].add(x[1]), r(3, 4), r(sb));
            agree("sub (small first) " + java.util.Arrays.toString(sb), x -> x[1].sub(x[0]), r(3, 4), r(sb));
            agree("mul " + java.util.Arrays.toString(sb), x -> x[0].mul(x[1]), r(3, 4), r(sb));
            agree("div " + java.util.Arrays.toString(sb), x -> x[0].div(x[1]), r(3, 4), pos(sb));
            agree("div (small first) " + java.util.Arrays.toString(sb), x -> x[1].div(x[0]), pos(3, 4), r(sb));
        }
        agree("outer [3,1] x [1,4]", x -> x[0].mul(x[1]), r(3, 1), r(1, 4));
        agree("4-D bias", x -> x[0].add(x[1]), r(2, 3, 3, 2), r(2));
        agree("middle axis [2,1,4] with [2,3,4]", x -> x[0].sub(x[1]), r(2, 1, 4), r(2, 3, 4));
        agree("scalar forms", x -> x[0].add(2).sub(0.5).mul(3).div(7).neg(), r(3, 4));
    }

    @Test
    void unaryOps() {
        agree("pow", x -> x[0].pow(3), r(3, 4));
        agree("pow 0.5", x -> x[0].pow(0.5), pos(3, 4));
        agree("square", x -> x[0].square(), r(3, 4));
        agree("exp", x -> x[0].exp(), r(3, 4));
        agree("log", x -> x[0].log(), pos(3, 4));
        agree("sqrt", x -> x[0].sqrt(), pos(3, 4));
        agree("abs", x -> x[0].abs(), r(3, 4));
        agree("sin", x -> x[0].sin(), r(3, 4));
        agree("cos", x -> x[0].cos(), r(3, 4));
        agree("tanh", x -> x[0].tanh(), r(3, 4));
        agree("sigmoid", x -> x[0].sigmoid(), r(3, 4));
        agree("relu", x -> x[0].relu(), r(3, 4));
        agree("leakyRelu", x -> x[0].leakyRelu(0.1), r(3, 4));
        agree("clip", x -> x[0].clip(-0.5, 0.3), r(3, 4));
    }

    @Test
    void reductionsAndSoftmax() {
        for (int axis = -3; axis < 3; axis++) {
            final int a = axis;
            agree("sum axis " + a, x -> x[0].sum(a), r(2, 3, 4));
            agree("sum keepDims axis " + a, x -> x[0].sum(true, a), r(2, 3, 4));
            agree("mean axis " + a, x -> x[0].mean(a), r(2, 3, 4));
            agree("max axis " + a, x -> x[0].max(a), r(2, 3, 4));
            agree("softmax axis " + a, x -> x[0].softmax(a), r(2, 3, 4));
            agree("logSoftmax axis " + a, x -> x[0].logSoftmax(a), r(2, 3, 4));
        }
        agree("sum all", x -> x[0].sum(), r(3, 4));
        agree("sum two axes", x -> x[0].sum(0, 2), r(2, 3, 4));
        agree("max all", x -> x[0].max(), r(3, 4));
        agree("softmaxCrossEntropy", x -> x[0].softmaxCrossEntropy(x[1]), r(5, 4).mul(3), pos(5, 4));
    }

    @Test
    void productsMovesAndSelections() {
        agree("matmul", x -> x[0].matmul(x[1]), r(5, 7), r(7, 3));
        agree("matmul with a transpose", x -> x[0].matmul(x[1].transpose()), r(5, 7), r(3, 7));
        agree("permute", x -> x[0].permute(2, 0, 1), r(2, 3, 4));
        agree("permute 2-D", x -> x[0].permute(-1, -2), r(3, 5));
        agree("reshape", x -> x[0].reshape(4, -1), r(2, 3, 4));
        agree("expandDims/squeeze", x -> x[0].expandDims(1).squeeze(1), r(3, 4));
        agree("concat", x -> Tensor.concat(1, x[0], x[1]), r(2, 3), r(2, 2));
        agree("stack", x -> Tensor.stack(-1, x[0], x[1]), r(2, 3), r(2, 3));
        agree("slice", x -> x[0].slice(-1, 1, 3), r(2, 4));
        agree("rows", x -> x[0].rows(new int[] {2, 0, 2}), r(3, 2));
        agree("rows range", x -> x[0].rows(1, 3), r(4, 2));
        agree("cast round trip", x -> x[0].cast(DType.FLOAT64).mul(2).cast(x[0].dtype()), r(3));
    }

    @Test
    void convolutions() {
        for (Padding p : Padding.values()) {
            agree("conv2d " + p, x -> x[0].conv2d(x[1], 2, p), r(2, 7, 7, 3), r(3, 3, 3, 4));
            agree("conv2dTranspose " + p, x -> x[0].conv2dTranspose(x[1], new int[] {2, 7, 7, 3}, 2, p),
                    r(2, p.outputSize(7, 3, 2), p.outputSize(7, 3, 2), 4), r(3, 3, 3, 4));
        }
    }

    @Test
    void noGradHelpers() {
        Tensor a = r(3, 4);
        Tensor b = Tensor.of(DType.FLOAT64, a.toDoubleArray(), 3, 4);
        assertArrayEquals(b.argmax(-1).toFloatArray(), a.argmax(-1).toFloatArray());
        assertArrayEquals(b.argmax(0).toFloatArray(), a.argmax(0).toFloatArray());
        assertArrayEquals(b.gt(0.1).toFloatArray(), a.gt(0.1).toFloatArray());
        assertArrayEquals(b.lt(0.1).toFloatArray(), a.lt(0.1).toFloatArray());
        assertArrayEquals(b.equal(b.max(true, 1)).toFloatArray(), a.equal(a.max(true, 1)).toFloatArray());
    }
}
