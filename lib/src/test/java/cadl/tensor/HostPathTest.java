package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.optim.Adam;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The float32 fast path (values on the Java heap, {@link Host}) against the ND4J path, whose rules are
 * checked against finite differences in float64: same values and same gradients, op by op, for every
 * broadcasting pattern the heap loops take, and for mixtures of heap and ND4J inputs.
 */
class HostPathTest {
    private static final float TOL = 2e-5f;

    @BeforeEach
    void seed() {
        Rng.seed(11);
    }

    private static Tensor r(int... shape) {
        return Tensor.uniform(-1, 1, shape);
    }

    private static Tensor pos(int... shape) {
        return Tensor.uniform(0.5, 2, shape);
    }

    /** An ND4J-held float32 copy of {@code t}. */
    private static Tensor nd(Tensor t) {
        return Tensor.wrap(Host.toNd(t.toFloatArray(), t.shapeLong()));
    }

    /**
     * Runs {@code f} on heap copies and on ND4J copies of {@code in} (and on each mixture where only input
     * 0 is on the heap), then compares outputs and the gradients of sum(out * weights).
     */
    private static void same(String what, Function<Tensor[], Tensor> f, Tensor... in) {
        Tensor[] heap = new Tensor[in.length], nd = new Tensor[in.length], mixed = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            heap[i] = Tensor.of(in[i].toFloatArray(), in[i].shape()).requiresGrad(true);
            nd[i] = nd(in[i]).requiresGrad(true);
            mixed[i] = (i == 0 ? Tensor.of(in[i].toFloatArray(), in[i].shape()) : nd(in[i])).requiresGrad(true);
        }
        assertTrue(heap[0].onHeap() && !nd[0].onHeap(), "test set-up: storage");
        Tensor a = f.apply(heap), b = f.apply(nd), c = f.apply(mixed);
        if (!what.contains("through ND4J")) assertTrue(a.onHeap(), what + ": heap inputs should give a heap result");
        assertFalse(b.onHeap(), what + ": ND4J inputs should stay in ND4J");
        assertArrayEquals(b.shape(), a.shape(), what + ": shape");
        assertClose(what + " value", b.toFloatArray(), a.toFloatArray());
        assertClose(what + " value (mixed)", b.toFloatArray(), c.toFloatArray());
        Tensor w = Tensor.uniform(-1, 1, a.shape());
        a.mul(w).sum().backward();
        b.mul(nd(w)).sum().backward();
        c.mul(w).sum().backward();
        for (int i = 0; i < in.length; i++) {
            assertNotNull(heap[i].grad(), what + ": input " + i + " got no gradient on the heap path");
            assertArrayEquals(in[i].shape(), heap[i].grad().shape(), what + ": gradient shape of input " + i);
            assertClose(what + " gradient " + i, nd[i].grad().toFloatArray(), heap[i].grad().toFloatArray());
            assertClose(what + " gradient " + i + " (mixed)", nd[i].grad().toFloatArray(), mixed[i].grad().toFloatArray());
        }
    }

    private static void assertClose(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            float tol = TOL * Math.max(1, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + " at " + i + ": ND4J " + want[i] + ", heap " + got[i]);
        }
    }

    @Test
    void elementwiseOpsAgree() {
        for (int[] s : new int[][] {{3, 4}, {7}, {2, 3, 4}, {}}) {
            same("add", x -> x[0].add(x[1]), r(s), r(s));
            same("sub", x -> x[0].sub(x[1]), r(s), r(s));
            same("mul", x -> x[0].mul(x[1]), r(s), r(s));
            same("div", x -> x[0].div(x[1]), r(s), pos(s));
        }
        same("neg", x -> x[0].neg(), r(3, 5));
        same("square", x -> x[0].square(), r(3, 5));
        same("exp", x -> x[0].exp(), r(3, 5));
        same("log", x -> x[0].log(), pos(3, 5));
        same("abs", x -> x[0].abs(), r(3, 5));
        same("tanh", x -> x[0].tanh(), r(3, 5));
        same("sigmoid", x -> x[0].sigmoid(), r(3, 5));
        same("relu", x -> x[0].relu(), r(3, 5));
        same("scalars", x -> x[0].add(0.5).sub(0.25).mul(3).div(2), r(3, 5));
    }

    @Test
    void broadcastingPatternsAgree() {
        same("bias row [N,M]+[M]", x -> x[0].add(x[1]), r(5, 4), r(4));
        same("[M]+[N,M]", x -> x[0].add(x[1]), r(4), r(5, 4));
        same("[1,M]-[N,M]", x -> x[0].sub(x[1]), r(1, 4), r(5, 4));
        same("[N,M]-[1,M]", x -> x[0].sub(x[1]), r(5, 4), r(1, 4));
        same("[M]/[N,M]", x -> x[0].div(x[1]), r(4), pos(5, 4));
        same("[N,M]/[M]", x -> x[0].div(x[1]), r(5, 4), pos(4));
        same("[N,M]*[]", x -> x[0].mul(x[1]), r(5, 4), r());
        same("[]*[N,M]", x -> x[0].mul(x[1]), r(), r(5, 4));
        same("[1,1]-[N,M]", x -> x[0].sub(x[1]), r(1, 1), r(5, 4));
        same("[2,3,4]*[3,4]", x -> x[0].mul(x[1]), r(2, 3, 4), r(3, 4));
        // patterns the heap loops do not take (both sides broadcast, a middle axis): ND4J computes them
        same("[3,1]+[1,4] (through ND4J)", x -> x[0].add(x[1]).add(x[0].mul(0)), r(3, 1), r(1, 4));
    }

    @Test
    void reductionsShapesAndProductsAgree() {
        same("sum all", x -> x[0].sum(), r(4, 3));
        same("sum axis 0", x -> x[0].sum(0), r(4, 3));
        same("sum axis 1 keepDims", x -> x[0].sum(true, 1), r(4, 3));
        same("sum 3-D middle axis", x -> x[0].sum(1), r(2, 3, 4));
        same("sum 3-D axes 0,2 keepDims", x -> x[0].sum(true, 0, 2), r(2, 3, 4));
        same("mean axis 0", x -> x[0].mean(0), r(4, 3));
        same("matmul", x -> x[0].matmul(x[1]), r(5, 3), r(3, 7));
        same("matmul by a transpose", x -> x[0].matmul(x[1].transpose()), r(5, 3), r(7, 3));
        same("transpose", x -> x[0].transpose(), r(5, 3));
        same("reshape", x -> x[0].reshape(3, -1), r(2, 6));
        same("softmaxCrossEntropy", x -> x[0].softmaxCrossEntropy(x[1].softmax(1)), r(6, 4), r(6, 4));
        same("a small network", x -> x[0].matmul(x[1]).add(x[2]).relu().matmul(x[1].transpose()).sub(x[0]).abs().sum(1).mean(),
                r(8, 3), r(3, 5), r(5));
    }

    @Test
    void aValueUsedTwiceAccumulatesItsGradient() {
        same("x * x + x", x -> x[0].mul(x[0]).add(x[0]), r(3, 4));
        same("shared weights", x -> x[0].matmul(x[1]).matmul(x[1]), r(4, 4), r(4, 4));
    }

    @Test
    void heapValuesMoveToNd4jOnceAndBackForTheOptimizer() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        assertTrue(w.onHeap());
        float[] before = w.toFloatArray();
        w.array().addi(1);                       // library code writing through the live ND4J buffer
        assertFalse(w.onHeap());
        assertEquals(before[3] + 1, w.get(1, 1), 0);
        Tensor loss = Tensor.of(new float[] {1, 1}, 1, 2).matmul(w).sum();
        loss.backward();
        assertArrayEquals(new float[] {1, 1, 1, 1}, w.grad().toFloatArray());
        Adam adam = new Adam(List.of(w), 0.1);
        adam.step();                             // moves the values back to the heap and updates them there
        assertTrue(w.onHeap());
        assertArrayEquals(new float[] {1.9f, 2.9f, 3.9f, 4.9f}, w.toFloatArray(), 1e-6f);
    }

    @Test
    void heapAndNd4jTrainingGiveTheSameWeights() {
        float[] init = Tensor.uniform(-1, 1, 3, 4).toFloatArray();
        Tensor x = r(10, 3), y = r(10, 4);
        Tensor wh = Tensor.of(init.clone(), 3, 4).requiresGrad(true);
        Tensor wn = nd(Tensor.of(init.clone(), 3, 4)).requiresGrad(true);
        Adam ah = new Adam(List.of(wh), 0.01), an = new Adam(List.of(wn), 0.01);
        for (int i = 0; i < 20; i++) {
            ah.zeroGrad();
            x.matmul(wh).sub(y).square().mean().backward();
            ah.step();
            an.zeroGrad();
            nd(x).matmul(wn).sub(nd(y)).square().mean().backward();
            an.step();
        }
        assertClose("weights after 20 Adam steps", wn.toFloatArray(), wh.toFloatArray());
    }
}
