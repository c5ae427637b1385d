package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Large tensors with a short repeating operand (a bias over channels) take HeapKernel's run-by-run paths, split
 * across threads, with rows left over at the end: values and the bias gradient agree with float64.
 */
class LongBroadcastTest {
    @Test
    void biasAddAndItsGradientOnLongTensorsAgreeWithFloat64() {
        for (int[] shape : new int[][] {{3, 1001, 7}, {50, 14, 14, 32}, {2, 4099, 1}}) {
            int c = shape[shape.length - 1];
            Tensor x = Tensor.normal(0, 1, shape), b = Tensor.normal(0, 1, c).requiresGrad(true), g = Tensor.normal(0, 1, shape);
            Tensor b64 = b.toDouble().detach().requiresGrad(true);
            for (Kernel.Arith op : new Kernel.Arith[] {Kernel.Arith.ADD, Kernel.Arith.SUB, Kernel.Arith.MUL}) {
                Tensor y = apply(op, x, b), y64 = apply(op, x.toDouble(), b64), yr = apply(op, b, x), yr64 = apply(op, b64, x.toDouble());
                assertArrayEquals(y64.toFloatArray(), y.toFloatArray(), 1e-6f, op + " " + java.util.Arrays.toString(shape));
                assertArrayEquals(yr64.toFloatArray(), yr.toFloatArray(), 1e-6f, op + " swapped");
            }
            x.add(b).mul(g).sum().backward();
            x.toDouble().add(b64).mul(g.toDouble()).sum().backward();
            assertArrayEquals(b64.grad().toFloatArray(), b.grad().toFloatArray(), 2e-4f, "bias gradient " + java.util.Arrays.toString(shape));
        }
    }

    private static Tensor apply(Kernel.Arith op, Tensor a, Tensor b) {
        switch (op) {
            case ADD: return a.add(b);
            case SUB: return a.sub(b);
            default: return a.mul(b);
        }
    }
}
