package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The bad inputs of issue 10, each with a clear error or the right result, on both dtypes. */
class BadInputTest {
    private static void refused(Executable e, String... parts) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        for (String p : parts) assertTrue(x.getMessage().contains(p), "message lacks '" + p + "': " + x.getMessage());
    }

    private static Tensor[] bothDtypes(float[] values, int... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return new Tensor[] {Tensor.of(values, shape), Tensor.of(DType.FLOAT64, d, shape)};
    }

    @Test
    void elementCountsThatOverflowAnIntAreRefusedWithTheShapeAndTheBytes() {
        // 65537^2 = 4,295,098,369 elements: an int count wraps to 131,073 (and sgemm then crashed the JVM)
        refused(() -> Tensor.normal(0, 1, 65537, 65537), "normal", "[65537, 65537]", "4295098369 elements", "17,180,393,476 bytes");
        refused(() -> Tensor.zeros(65536, 65536), "[65536, 65536]", "4294967296 elements");
        refused(() -> Tensor.ones(46341, 46341), "2147488281 elements");
        refused(() -> Tensor.uniform(0, 1, 1 << 20, 1 << 20, 1 << 20), "elements");
        refused(() -> Tensor.full(1, 3, 1 << 30), "3221225472 elements");
        // the crash: a layer whose weights cannot exist is refused before any product runs
        refused(() -> cadl.nn.Linear.of("b", 65537, 65537).forward(Tensor.ones(1, 65537)), "[65537, 65537]", "elements");
        // a product whose result cannot exist is refused before any work
        Tensor tall = Tensor.zeros(65537, 1), wide = Tensor.zeros(1, 65537);
        refused(() -> tall.matmul(wide), "matmul", "[65537, 65537]");
    }

    @Test
    void negativeAxesCountFromTheEndEverywhereOnBothDtypes() {
        float[] v = new float[12];
        for (int i = 0; i < v.length; i++) v[i] = i;
        for (Tensor x : bothDtypes(v, 3, 4)) {
            assertArrayEquals(new int[] {3, 4}, x.permute(-2, -1).shape(), x.dtype() + " permute(-2, -1) keeps the order");
            assertArrayEquals(new int[] {4, 3}, x.permute(-1, -2).shape());
            assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, x.permute(-1, 0).toFloatArray());
            assertArrayEquals(new float[] {6, 22, 38}, x.sum(-1).toFloatArray());
            assertArrayEquals(new float[] {3, 7, 11}, x.max(-1).toFloatArray());
            assertArrayEquals(new float[] {3, 3, 3}, x.argmax(-1).toFloatArray());
            assertArrayEquals(x.softmax(1).toFloatArray(), x.softmax(-1).toFloatArray());
            assertArrayEquals(x.slice(1, 1, 2).toFloatArray(), x.slice(-1, 1, 2).toFloatArray());
            assertEquals(11, x.get(-1, -1));
            assertEquals(4, x.size(-1));
            refused(() -> x.permute(-3, 0), "permute", "axis -3", "rank 2");
            refused(() -> x.sum(2), "sum", "axis 2");
            refused(() -> x.permute(0, -2), "permute", "named twice");
        }
    }

    @Test
    void requiresGradMakesALeafThatOptimizersAccept() {
        Tensor w = Tensor.normal(0, 1, 3, 3).mul(0.01).requiresGrad(true);
        assertTrue(w.isLeaf());
        new SGD(List.of(w), 0.1);
        new SGD(List.of(Tensor.normal(0, 1, 3, 3).toDouble().requiresGrad(true)), 0.1);
        new SGD(List.of(Tensor.normal(0, 1, 3, 3).reshape(9).requiresGrad(true)), 0.1);
    }

    @Test
    void nanPropagatesAsInPyTorchOnBothDtypes() {
        for (Tensor x : bothDtypes(new float[] {Float.NaN, 1, -2}, 3)) {
            String d = x.dtype() + " ";
            assertArrayEquals(new float[] {Float.NaN, 1, 0}, x.relu().toFloatArray(), d + "relu");
            assertTrue(Double.isNaN(x.max().item()), d + "max");
            assertArrayEquals(new float[] {Float.NaN}, x.max(0).toFloatArray(), d + "max(0)");
            assertTrue(Double.isNaN(x.sum().item()), d + "sum");
            assertArrayEquals(new float[] {Float.NaN, 1, -0.5f}, x.clip(-0.5, 1).toFloatArray(), d + "clip");
            assertArrayEquals(new float[] {Float.NaN, 1, -0.2f}, x.leakyRelu(0.1).toFloatArray(), 1e-7f, d + "leakyRelu");
            assertArrayEquals(new float[] {Float.NaN, 1, 2}, x.abs().toFloatArray(), d + "abs");
            assertTrue(Double.isNaN(x.softmax(0).get(1)), d + "softmax");
            assertArrayEquals(new float[] {0, 0, 0}, x.gt(0.5).sub(x.gt(0.5)).toFloatArray(), d + "gt");
            assertArrayEquals(new float[] {0, 1, 0}, x.gt(0.5).toFloatArray(), d + "gt: NaN is not greater");
            assertArrayEquals(new float[] {0, 0, 1}, x.lt(0.5).toFloatArray(), d + "lt: NaN is not less");
        }
        // the engine's locator still names the op where the first NaN appears
        for (Tensor w : bothDtypes(new float[] {-1, 2}, 2)) {
            Tensor p = w.requiresGrad(true);
            Tensor loss = p.log().relu().sum();
            IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
            assertTrue(e.getMessage().contains("first NaN/Inf appears in op 'log'"), e.getMessage());
        }
    }

    @Test
    void badShapesNullsAndMixedDtypesAreClearErrors() {
        refused(() -> Tensor.zeros(-1, 3), "negative size -1", "[-1, 3]");
        refused(() -> Tensor.normal(0, 1, 2, -5), "negative size -5");
        refused(() -> Tensor.of(new float[3], -3), "negative size");
        refused(() -> Tensor.ones(2, 3).reshape(-2, 3), "negative size -2");
        Tensor images = Tensor.zeros(1, 4, 4, 1), filters = Tensor.zeros(2, 2, 1, 1);
        refused(() -> images.conv2d(filters, 1, null), "conv2d", "padding is null", "Padding.SAME");
        refused(() -> images.conv2d(null, 1, Padding.SAME), "conv2d", "filters are null");
        refused(() -> images.conv2dTranspose(filters, new int[] {1, 4, 4, 1}, 1, null), "conv2dTranspose", "padding is null");
        refused(() -> images.conv2d(filters.toDouble(), 1, Padding.SAME), "float32", "float64");
        Tensor f32 = Tensor.ones(2), f64 = Tensor.ones(2).toDouble();
        refused(() -> f32.add(f64), "add", "float32 [2] and float64 [2]", "toDouble()");
        refused(() -> f64.mul(f32), "mul", "float64");
        refused(() -> f32.matmul(Tensor.ones(2, 1).toDouble()), "matmul", "different dtypes");
        refused(() -> Tensor.concat(0, f32, f64), "concat", "different dtypes");
        refused(() -> f32.add((Tensor) null), "add", "null");
        refused(() -> f32.cast(null), "cast", "null");
        refused(() -> Tensor.ones(3).clip(Double.NaN, 1), "clip");
    }

    @Test
    void detachSharesCopyCopiesAndNoOpMovesAnotherTensorsValues() {
        Tensor w = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor shared = w.detach(), copied = w.copy(), reshaped = w.reshape(3, 1);
        w.copyFrom(Tensor.of(7, 8, 9));
        assertArrayEquals(new float[] {7, 8, 9}, shared.toFloatArray(), "detach shares");
        assertArrayEquals(new float[] {7, 8, 9}, reshaped.toFloatArray(), "reshape shares");
        assertArrayEquals(new float[] {1, 2, 3}, copied.toFloatArray(), "copy copies");
        assertTrue(shared.isLeaf() && !shared.requiresGrad());
        // ops read their inputs and never change them, whatever the dtype and the op
        Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, -2, 3, -4}, 2, 2);
        float[] before = x.toFloatArray();
        x.relu().add(x).matmul(x).permute(1, 0).softmax(-1).sum();
        x.reshape(1, 2, 2, 1).conv2d(Tensor.ones(1, 1, 1, 1).toDouble(), 1, Padding.SAME).sum();
        assertArrayEquals(before, x.toFloatArray());
        refused(() -> w.copyFrom(Tensor.ones(2)), "copyFrom", "[2]", "[3]");
        assertThrows(IllegalStateException.class, () -> w.mul(2).copyFrom(Tensor.ones(3)));
    }
}
