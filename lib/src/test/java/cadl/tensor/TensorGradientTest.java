package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every primitive's backward rule against central differences in float64 (relative error below 1e-6). */
class TensorGradientTest {
    private static final double TOL = 1e-6;

    @BeforeEach
    void seed() {
        Rng.seed(7);
    }

    private static Tensor r(int... shape) {
        return Tensor.uniform(-1, 1, shape);
    }

    private static Tensor pos(int... shape) {
        return Tensor.uniform(0.5, 2, shape);
    }

    private static void check(String what, Function<Tensor[], Tensor> f, Tensor... in) {
        double e = GradCheck.maxRelativeError(f, in);
        assertTrue(e < TOL, what + ": relative error " + e);
    }

    @Test
    void elementwiseOpsMatchFiniteDifferences() {
        check("add", x -> x[0].add(x[1]), r(3, 4), r(3, 4));
        check("sub", x -> x[0].sub(x[1]), r(3, 4), r(3, 4));
        check("mul", x -> x[0].mul(x[1]), r(3, 4), r(3, 4));
        check("div", x -> x[0].div(x[1]), r(3, 4), pos(3, 4));
        check("neg", x -> x[0].neg(), r(5));
        check("pow", x -> x[0].pow(3), r(2, 3));
        check("square", x -> x[0].square(), r(2, 3));
        check("exp", x -> x[0].exp(), r(2, 3));
        check("log", x -> x[0].log(), pos(2, 3));
        check("sqrt", x -> x[0].sqrt(), pos(2, 3));
        check("abs", x -> x[0].abs(), pos(2, 3).mul(Tensor.of(1, -1, 1)));
        check("sin", x -> x[0].sin(), r(4));
        check("cos", x -> x[0].cos(), r(4));
        check("tanh", x -> x[0].tanh(), r(4));
        check("sigmoid", x -> x[0].sigmoid(), r(4));
        check("relu", x -> x[0].relu(), pos(2, 3).mul(Tensor.of(1, -1, 1)));
        check("leakyRelu", x -> x[0].leakyRelu(0.2), pos(2, 3).mul(Tensor.of(1, -1, 1)));
        check("clip", x -> x[0].clip(-0.5, 0.5), Tensor.of(-0.9, -0.2, 0.1, 0.7));
        check("scalar ops", x -> x[0].add(2).sub(1).mul(3).div(2), r(3));
    }

    @Test
    void broadcastingSumsGradientBackToEachShape() {
        check("add row", x -> x[0].add(x[1]), r(3, 4), r(4));
        check("add column", x -> x[0].add(x[1]), r(3, 4), r(3, 1));
        check("mul outer", x -> x[0].mul(x[1]), r(3, 1), r(1, 4));
        check("sub small first", x -> x[0].sub(x[1]), r(4), r(3, 4));
        check("div small first", x -> x[0].div(x[1]), r(1, 4), pos(3, 4));
        check("mul scalar tensor", x -> x[0].mul(x[1]), r(2, 3), r(1));
        check("4-D bias", x -> x[0].add(x[1]), r(2, 3, 3, 2), r(2));
    }

    @Test
    void reductionsOverEachAxis() {
        for (boolean keep : new boolean[] {false, true}) {
            for (int a = 0; a < 3; a++) {
                int axis = a;
                check("sum axis " + a, x -> x[0].sum(keep, axis).square(), r(2, 3, 4));
                check("mean axis " + a, x -> x[0].mean(keep, axis).square(), r(2, 3, 4));
                check("max axis " + a, x -> x[0].max(keep, axis).square(), r(2, 3, 4));
            }
        }
        check("sum all", x -> x[0].sum().square(), r(3, 2));
        check("softmax", x -> x[0].softmax(1).mul(x[1]), r(3, 5), r(3, 5));
        check("logSoftmax", x -> x[0].logSoftmax(1).mul(x[1]), r(3, 5), r(3, 5));
        check("softmax axis 0", x -> x[0].softmax(0).mul(x[1]), r(3, 5), r(3, 5));
    }

    @Test
    void shapeOpsAndMatmul() {
        check("matmul", x -> x[0].matmul(x[1]), r(3, 4), r(4, 2));
        check("matmul batch 1", x -> x[0].matmul(x[1]), r(1, 4), r(4, 2));
        check("matmul A^T", x -> x[0].matmul(x[1], true, false), r(4, 3), r(4, 2));
        check("matmul B^T", x -> x[0].matmul(x[1], false, true), r(3, 4), r(2, 4));
        check("matmul A^T B^T", x -> x[0].matmul(x[1], true, true), r(4, 3), r(2, 4));
        check("transpose", x -> x[0].transpose().mul(x[1]), r(3, 4), r(4, 3));
        check("permute", x -> x[0].permute(2, 0, 1).mul(x[1]), r(2, 3, 4), r(4, 2, 3));
        check("reshape", x -> x[0].reshape(-1, 2).mul(x[1]), r(2, 3, 4), r(12, 2));
        check("concat", x -> Tensor.concat(1, x[0], x[1]).mul(x[2]), r(2, 3), r(2, 2), r(2, 5));
        check("stack", x -> Tensor.stack(0, x[0], x[1]).mul(x[2]), r(2, 3), r(2, 3), r(2, 2, 3));
        check("slice", x -> x[0].slice(1, 1, 3).mul(x[1]), r(2, 4), r(2, 2));
        check("rows", x -> x[0].rows(new int[] {2, 0, 2}).mul(x[1]), r(3, 2), r(3, 2));
    }

    @Test
    void convolutionsMatchFiniteDifferences() {
        for (Padding p : Padding.values()) {
            for (int s = 1; s <= 2; s++) {
                int stride = s;
                check("conv2d " + p + " stride " + s, x -> x[0].conv2d(x[1], stride, p).mul(x[2]),
                        r(2, 5, 5, 2), r(3, 3, 2, 3), r(2, p.outputSize(5, 3, s), p.outputSize(5, 3, s), 3));
                int o = p.outputSize(5, 3, s);
                check("conv2dTranspose " + p + " stride " + s, x -> x[0].conv2dTranspose(x[1], new int[] {2, 5, 5, 2}, stride, p).mul(x[2]),
                        r(2, o, o, 3), r(3, 3, 2, 3), r(2, 5, 5, 2));
            }
        }
    }

    @Test
    void conv2dForwardMatchesHandComputation() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2, 1, 1);
        assertArrayEquals(new float[] {6, 8, 12, 14}, x.conv2d(w, 1, Padding.VALID).toFloatArray(), 1e-6f);
        assertArrayEquals(new int[] {1, 2, 2, 1}, x.conv2d(w, 2, Padding.SAME).shape());
        assertArrayEquals(new float[] {6, 3, 7, 9}, x.conv2d(w, 2, Padding.SAME).toFloatArray(), 1e-6f);
    }

    @Test
    void matmulShapeErrorNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(100, 3).matmul(Tensor.zeros(2, 10)));
        assertTrue(e.getMessage().contains("[100, 3]") && e.getMessage().contains("[2, 10]") && e.getMessage().contains("matmul"), e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).add(Tensor.zeros(5)));
        assertTrue(b.getMessage().contains("[3, 4]") && b.getMessage().contains("[5]"), b.getMessage());
    }

    @Test
    void backwardOnNonScalarAndReleasedGraphFailClearly() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        Tensor y = w.mul(2);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        Tensor loss = y.sum();
        loss.backward();
        var again = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(again.getMessage().contains("released"), again.getMessage());
    }

    @Test
    void nanInForwardIsNamedAtBackward() {
        Tensor w = Tensor.of(-1, 2).requiresGrad(true);
        Tensor loss = w.log().sum();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("log"), e.getMessage());
    }

    @Test
    void repeatedBackwardAccumulatesAndDeepGraphsWork() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        w.mul(3).sum().backward();
        w.mul(3).sum().backward();
        assertArrayEquals(new float[] {6, 6}, w.grad().toFloatArray());
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.add(1e-4);
        y.backward();
        assertEquals(1.0, x.grad().item(), 1e-6);
    }

    @Test
    void noGradRecordsNothingAndScopesNameOps() {
        Tensor w = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y = NoGrad.run(() -> w.mul(2));
        assertTrue(!y.requiresGrad());
        try (Scope s = Scope.named("layer1")) {
            Tensor z = w.matmul(w);
            assertEquals("layer1/matmul", z.op());
            assertEquals("layer1/W", Tensor.zeros(1).named("W").name());
        }
        assertEquals("add", w.add(w).op());
    }

    @Test
    void seedMakesDrawsReproducible() {
        Rng.seed(3);
        float[] a = Tensor.normal(0, 1, 5).toFloatArray();
        Rng.seed(3);
        assertArrayEquals(a, Tensor.normal(0, 1, 5).toFloatArray());
    }

    @Test
    void printsLikeNumpy() {
        assertEquals("Tensor[3] float32 [1.0, 2.0, 3.0]", Tensor.of(1, 2, 3).toString());
        assertEquals("Tensor[2, 2] float32\n[[1.0, 2.0],\n [3.0, 4.5]]", Tensor.of(new float[][] {{1, 2}, {3, 4.5f}}).toString());
    }
}
