package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Forward values by hand, autodiff bookkeeping, noise, seeds, scopes, printing and error messages. */
class TensorTest {

    @BeforeEach
    void seed() {
        Rng.seed(3);
    }

    private static void assertMessage(Executable e, Class<? extends RuntimeException> type, String... parts) {
        RuntimeException ex = assertThrows(type, e);
        for (String p : parts) assertTrue(ex.getMessage().contains(p), "missing \"" + p + "\" in: " + ex.getMessage());
    }

    // ---------------------------------------------------------------- forward values

    @Test
    void matmulWithTransposeFlagsEqualsTheProductOfTransposedCopies() {
        for (DType d : DType.values()) {
            Tensor a = Tensor.normal(0, 1, 5, 3).cast(d), b = Tensor.normal(0, 1, 4, 3).cast(d);
            assertArrayEquals(a.matmul(b.transpose()).toDoubleArray(), a.matmul(b, false, true).toDoubleArray(), 1e-5, d + " B^T");
            assertArrayEquals(a.transpose().matmul(a).toDoubleArray(), a.matmul(a, true, false).toDoubleArray(), 1e-5, d + " A^T");
            assertArrayEquals(b.matmul(a.transpose()).transpose().toDoubleArray(), a.matmul(b, false, true).toDoubleArray(), 1e-5, d + " (B A^T)^T");
            Tensor c = Tensor.normal(0, 1, 4, 5).cast(d);
            assertArrayEquals(a.transpose().matmul(c.transpose()).toDoubleArray(), a.matmul(c, true, true).toDoubleArray(), 1e-5, d + " A^T C^T");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(5, 3).matmul(Tensor.zeros(5, 3), true, true));
        assertTrue(e.getMessage().contains("[5, 3]^T by [5, 3]^T") && e.getMessage().contains("inner sizes 5 and 3"), e.getMessage());
    }

    @Test
    void creationValuesAndAttributes() {
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5).toFloatArray(), 1e-7f);
        Tensor f = Tensor.full(7, 2, 3);
        assertArrayEquals(new int[] {2, 3}, f.shape());
        assertEquals(6, f.numel());
        assertEquals(2, f.rank());
        assertEquals(3, f.size(-1));
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(DType.FLOAT64, f.toDouble().dtype());
        assertEquals(7.0, f.get(1, 2));
        assertEquals(0, Tensor.scalar(2.5).rank());
        assertEquals(2.5, Tensor.scalar(2.5).item());
        int[] s = f.shape();
        s[0] = 99;
        assertArrayEquals(new int[] {2, 3}, f.shape(), "shape() returns a copy");
        assertArrayEquals(new float[][] {{1, 2}, {3, 4}}, Tensor.of(new double[][] {{1, 2}, {3, 4}}).toFloatMatrix());
        assertEquals(DType.FLOAT32, Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).dtype(), "every Tensor.of gives float32");
        assertEquals(DType.FLOAT64, Tensor.of(DType.FLOAT64, new double[] {1, 2, 3, 4}, 2, 2).dtype());
    }

    @Test
    void elementwiseAndReductionsByHand() {
        Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(Tensor.of(10, 20, 30)).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4}, a.sub(Tensor.of(new float[][] {{1}, {2}})).toFloatArray());
        assertArrayEquals(new float[] {5, 7, 9}, a.sum(0).toFloatArray());
        assertArrayEquals(new int[] {2, 1}, a.sum(true, 1).shape());
        assertArrayEquals(new float[] {2, 5}, a.mean(1).toFloatArray());
        assertEquals(3.5, a.mean().item(), 1e-6);
        assertArrayEquals(new float[] {3, 6}, a.max(1).toFloatArray());
        assertEquals(6, a.max().item());
        assertArrayEquals(new float[] {0, 0, 0.5f, 2}, Tensor.of(-1, 0, 0.5f, 2).relu().toFloatArray());
        assertArrayEquals(new float[] {-0.1f, 0, 2}, Tensor.of(-1, 0, 2).leakyRelu(0.1).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {-1, 0.5f, 1}, Tensor.of(-3, 0.5f, 2).clip(-1, 1).toFloatArray());
        assertEquals(0.5, Tensor.scalar(0).sigmoid().item(), 1e-7);
        // softmax of [0, ln 3] is [1/4, 3/4]; logSoftmax is its log
        Tensor z = Tensor.of(new float[][] {{0, (float) Math.log(3)}});
        assertArrayEquals(new float[] {0.25f, 0.75f}, z.softmax(1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, z.logSoftmax(1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f}, Tensor.of(new float[][] {{1000, 1000}}).softmax(1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[][] {{14, 32}, {32, 77}}, a.matmul(a.transpose()).toFloatMatrix());
    }

    @Test
    void noGradHelpersByHand() {
        Tensor a = Tensor.of(new float[][] {{1, 9, 3}, {7, 2, 2}});
        assertArrayEquals(new float[] {1, 0}, a.argmax(1).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 0}, a.argmax(0).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, a.gt(5).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1, 0, 1, 1}, a.lt(5).toFloatArray());
        assertArrayEquals(new float[] {1, 0}, a.argmax(1).equal(Tensor.of(1, 1)).toFloatArray());
        Tensor w = Tensor.ones(3).requiresGrad(true);
        assertFalse(w.mul(2).argmax(0).requiresGrad());
        assertFalse(w.gt(0).requiresGrad());
    }

    @Test
    void shapeOpsByHand() {
        Tensor a = Tensor.arange(0, 6, 1).reshape(2, -1);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new int[] {1, 2, 3}, a.expandDims(0).shape());
        assertArrayEquals(new int[] {2, 3}, a.expandDims(-1).squeeze(2).shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, a.transpose().toFloatArray());
        assertArrayEquals(new float[] {1, 2, 4, 5}, a.slice(1, 1, 3).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2, 3, 4, 5}, a.rows(new int[] {1, 0, 1}).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 5}, a.rows(1, 2).toFloatArray());
        assertArrayEquals(new int[] {4, 3}, Tensor.concat(0, a, a).shape());
        assertArrayEquals(new int[] {2, 2, 3}, Tensor.stack(0, a, a).shape());
        assertArrayEquals(new int[] {2, 3, 2}, Tensor.stack(-1, a, a).shape());
        assertArrayEquals(new int[] {3, 1, 2}, Tensor.zeros(1, 2, 3).permute(2, 0, 1).shape());
    }

    // ---------------------------------------------------------------- autodiff bookkeeping

    @Test
    void gradientsByHand() {
        Tensor w = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        x.mul(w).sum().backward();
        assertArrayEquals(new float[] {5, 7, 9}, w.grad().toFloatArray(), "broadcast [3] summed over the rows");
        Tensor m = Tensor.of(new float[][] {{1, 5, 5}, {7, 2, 0}}).requiresGrad(true);
        m.max(1).sum().backward();
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 1, 0, 0}, m.grad().toFloatArray(), "ties share the gradient");
    }

    @Test
    void matmulWithATransposedViewHasRightGradients() {
        double e = GradCheck.maxRelativeError(t -> t[0].matmul(t[1].transpose()).relu().matmul(t[1]),
                Tensor.uniform(-1, 1, 3, 4), Tensor.uniform(-1, 1, 5, 4));
        assertTrue(e < 1e-6, "tied matmul: " + e);
        double e2 = GradCheck.maxRelativeError(t -> t[0].transpose().matmul(t[1]),
                Tensor.uniform(-1, 1, 4, 3), Tensor.uniform(-1, 1, 4, 2));
        assertTrue(e2 < 1e-6, "transposed left: " + e2);
    }

    @Test
    void remainingOpsMatchFiniteDifferences() {
        // random ops are differentiable for a fixed mask: reseed inside f so every call draws the same one
        check("dropout", t -> {
            Rng.seed(5);
            return t[0].dropout(0.3, true);
        }, Tensor.uniform(-1, 1, 4, 5));
        check("maskingNoise", t -> {
            Rng.seed(5);
            return t[0].maskingNoise(0.4);
        }, Tensor.uniform(-1, 1, 4, 5));
        check("expandDims/squeeze", t -> t[0].expandDims(1).mul(t[1]).squeeze(1), Tensor.uniform(-1, 1, 1, 3), Tensor.uniform(-1, 1, 3, 1, 3));
        check("mean all", t -> t[0].mean().mul(t[0]), Tensor.uniform(-1, 1, 2, 3));
        check("max keepDims then broadcast", t -> t[0].sub(t[0].max(true, 1)).exp(), Tensor.uniform(-1, 1, 3, 4));
        check("matmul batch 1 both sides", t -> t[0].matmul(t[1]), Tensor.uniform(-1, 1, 1, 1), Tensor.uniform(-1, 1, 1, 3));
        check("softmaxCrossEntropy", t -> t[0].softmaxCrossEntropy(t[1]), Tensor.uniform(-3, 3, 5, 4),
                Tensor.of(new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}}));
    }

    @Test
    void castPassesTheGradientBackInTheInputsType() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        w.toDouble().mul(3).sum().backward();
        assertEquals(DType.FLOAT32, w.grad().dtype());
        assertArrayEquals(new float[] {3, 3}, w.grad().toFloatArray());
    }

    private static void check(String what, java.util.function.Function<Tensor[], Tensor> f, Tensor... in) {
        double e = GradCheck.maxRelativeError(f, in);
        assertTrue(e < 1e-6, what + ": relative error " + e);
    }

    @Test
    void repeatedBackwardAccumulatesAndZeroGradClears() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor loss = w.square().sum();
        loss.backward(true);
        loss.backward();
        assertArrayEquals(new float[] {4, 8}, w.grad().toFloatArray(), "two backward passes add up");
        w.zeroGrad();
        assertNull(w.grad());
        w.mul(3).sum().backward();
        assertArrayEquals(new float[] {3, 3}, w.grad().toFloatArray());
    }

    @Test
    void zeroUpstreamGradientGivesZeroGradients() {
        Tensor w = Tensor.of(1, -2, 3).requiresGrad(true);
        w.abs().log().exp().mul(0).sum().backward();
        assertArrayEquals(new float[] {0, 0, 0}, w.grad().toFloatArray(), 0f);
    }

    @Test
    void deepChainOf20000OpsDoesNotOverflowTheStack() {
        // 20,000 adds in a chain, each also reading the leaf x: x's gradient sums 20,001 paths
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.add(x);
        Tensor loss = y.sum();
        assertEquals(20_001, opNames(loss).size());
        loss.backward();
        assertArrayEquals(new float[] {20_001, 20_001}, x.grad().toFloatArray());
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        try (NoGrad a = NoGrad.enter()) {
            try (NoGrad b = NoGrad.enter()) {
                assertFalse(w.mul(2).requiresGrad());
            }
            Tensor y = w.mul(2);
            assertFalse(y.requiresGrad());
            assertTrue(y.history().size() == 1 && y.isLeaf());
        }
        assertTrue(w.mul(2).requiresGrad());
        NoGrad.run(() -> {
            w.copyFrom(w.sub(1));
        });
        assertEquals(0, w.get(0));
        assertFalse(w.mul(2).detach().requiresGrad());
    }

    @Test
    void scopesNestAndNameOpsAndTensors() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        try (Scope a = Scope.named("encoder")) {
            try (Scope b = Scope.named("layer1")) {
                assertEquals("encoder/layer1/mul", w.mul(2).op());
                assertEquals("encoder/layer1/W", Tensor.zeros(1).named("W").name());
                assertEquals("encoder/layer1", Scope.current());
            }
            assertEquals("encoder/add", w.add(1).op());
        }
        assertEquals("", Scope.current());
        assertEquals(List.of("outer/mul", "sum"), opNames(NoGradFree.scoped(w)));
    }

    /** Helper that opens a scope for one op only. */
    static final class NoGradFree {
        static Tensor scoped(Tensor w) {
            Tensor y;
            try (Scope s = Scope.named("outer")) {
                y = w.mul(3);
            }
            return y.sum();
        }
    }

    // ---------------------------------------------------------------- randomness

    @Test
    void oneSeedReproducesEveryDraw() {
        Rng.seed(42);
        float[] n = Tensor.normal(0, 1, 10).toFloatArray();
        float[] u = Tensor.uniform(-1, 1, 10).toFloatArray();
        float[] d = Tensor.ones(100).dropout(0.5, true).toFloatArray();
        float[] m = Tensor.ones(100).maskingNoise(0.3).toFloatArray();
        int[] p = Rng.permutation(10);
        Rng.seed(42);
        assertArrayEquals(n, Tensor.normal(0, 1, 10).toFloatArray());
        assertArrayEquals(u, Tensor.uniform(-1, 1, 10).toFloatArray());
        assertArrayEquals(d, Tensor.ones(100).dropout(0.5, true).toFloatArray());
        assertArrayEquals(m, Tensor.ones(100).maskingNoise(0.3).toFloatArray());
        assertArrayEquals(p, Rng.permutation(10));
        Rng.seed(43);
        assertFalse(java.util.Arrays.equals(n, Tensor.normal(0, 1, 10).toFloatArray()));
    }

    @Test
    void anEmptyBatchBackpropagatesAnEmptyGradient() {
        for (Tensor x : new Tensor[] {Tensor.zeros(0, 5).requiresGrad(true), Tensor.zeros(0, 5).toDouble().requiresGrad(true)}) {
            Tensor total = x.sum(1).sum();
            assertEquals(0, total.item(), 0);
            total.backward();
            assertArrayEquals(new int[] {0, 5}, x.grad().shape(), x.dtype().toString());
        }
    }

    @Test
    void float32SumsOfMoreThan2To24ValuesKeepCounting() {
        // a float32 running sum stops growing at 2^24 = 16,777,216 (adding 1 no longer changes it); the engine adds in double
        int n = (1 << 24) + (1 << 23);
        assertEquals(n, Tensor.ones(n).sum().item(), 0);
        assertEquals(1, Tensor.ones(n).mean().item(), 0);
        assertEquals(n, Tensor.ones(2, n / 2).sum(1).sum().item(), 0);
    }

    @Test
    void normalAndUniformHaveTheRequestedMoments() {
        Tensor n = Tensor.normal(2, 0.5, 20_000);
        assertEquals(2, n.mean().item(), 0.02);
        assertEquals(0.25, n.sub(n.mean()).square().mean().item(), 0.01);
        Tensor u = Tensor.uniform(-1, 3, 20_000);
        assertTrue(u.max().item() < 3 && u.neg().max().item() <= 1);
        assertEquals(1, u.mean().item(), 0.05);
    }

    @Test
    void dropoutScalesKeptUnitsAndPassesGradientThroughTheMask() {
        Tensor x = Tensor.full(2, 1000).requiresGrad(true);
        Tensor y = x.dropout(0.2, true);
        float[] v = y.toFloatArray();
        int kept = 0;
        for (float f : v) {
            assertTrue(f == 0f || Math.abs(f - 2.5f) < 1e-6, "kept units are scaled by 1/(1 - p): " + f);
            if (f != 0) kept++;
        }
        assertEquals(800, kept, 60);
        y.sum().backward();
        float[] g = x.grad().toFloatArray();
        for (int i = 0; i < v.length; i++) assertEquals(v[i] == 0 ? 0 : 1.25f, g[i], 1e-6f);
        assertTrue(x.dropout(0.2, false) == x, "outside training dropout is the identity");
        assertTrue(x.dropout(0, true) == x, "p = 0 drops nothing");
        assertMessage(() -> x.dropout(1, true), IllegalArgumentException.class, "dropout", "p", "1.0", "keep_prob");
    }

    @Test
    void maskingNoiseZeroesPixelsWithoutScaling() {
        float[] v = Tensor.full(0.7, 1000).maskingNoise(0.5).toFloatArray();
        int zeros = 0;
        for (float f : v) {
            assertTrue(f == 0f || Math.abs(f - 0.7f) < 1e-6, "no scaling: " + f);
            if (f == 0) zeros++;
        }
        assertEquals(500, zeros, 60);
    }

    // ---------------------------------------------------------------- printing

    @Test
    void printsLikeNumpyWithEllipsisForLargeTensors() {
        assertEquals("Tensor[2, 3] float32\n[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]",
                Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).toString());
        assertEquals("Tensor[] float32 2.5", Tensor.scalar(2.5).toString());
        assertEquals("Tensor[4] float64 [0.5, -1.25, 1.0e-05, 3.0]",
                Tensor.of(0.5, -1.25, 1e-5, 3).toDouble().toString());
        String big = Tensor.zeros(40, 50).toString();
        assertTrue(big.startsWith("Tensor[40, 50] float32\n[[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0],"), big);
        assertTrue(big.contains(" ...,\n"), big);
        assertEquals(7, big.split("\n").length - 1, big);
        String ten = Tensor.arange(0, 10, 1).toString();
        assertEquals("Tensor[10] float32 [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]", ten);
        assertTrue(Tensor.ones(2).named("b").requiresGrad(true).toString().contains("'b'"));
        assertTrue(Tensor.zeros(2, 2, 2).toString().contains("]],\n\n [["), "blank line between blocks");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void errorsNameTheOpTheShapesAndTheFix() {
        assertMessage(() -> Tensor.zeros(100, 3).matmul(Tensor.zeros(2, 10)), IllegalArgumentException.class,
                "matmul", "[100, 3]", "[2, 10]", "inner sizes 3 and 2 differ");
        assertMessage(() -> Tensor.zeros(3, 4).add(Tensor.zeros(3)), IllegalArgumentException.class,
                "add", "[3, 4]", "[3]", "reshape");
        assertMessage(() -> Tensor.zeros(3, 4).mul(Tensor.zeros(2, 1, 5)), IllegalArgumentException.class, "mul", "[3, 4]", "[2, 1, 5]");
        assertMessage(() -> Tensor.zeros(3, 4).reshape(5, -1), IllegalArgumentException.class, "reshape", "[3, 4]", "[5, -1]");
        assertMessage(() -> Tensor.zeros(3, 4).reshape(2, 2), IllegalArgumentException.class, "reshape", "[3, 4]", "[2, 2]");
        assertMessage(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)), IllegalArgumentException.class,
                "concat", "[2, 3]", "[2, 4]");
        assertMessage(() -> Tensor.zeros(2, 3).squeeze(1), IllegalArgumentException.class, "squeeze", "[2, 3]");
        assertMessage(() -> Tensor.zeros(2, 3).sum(2), IllegalArgumentException.class, "sum", "axis 2");
        assertMessage(() -> Tensor.zeros(2, 3).rows(new int[] {0, 2}), IllegalArgumentException.class, "rows", "2", "[2, 3]");
        assertMessage(() -> Tensor.zeros(2, 3).item(), IllegalStateException.class, "item", "[2, 3]");
        assertMessage(() -> Tensor.zeros(2, 3).transpose().permute(0), IllegalArgumentException.class, "permute", "[3, 2]");
        assertMessage(() -> Tensor.of(new float[] {1, 2, 3}, 2, 2), IllegalArgumentException.class, "Tensor.of", "[2, 2]", "3");
    }

    @Test
    void backwardErrorsAreClear() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        assertMessage(() -> w.mul(2).backward(), IllegalStateException.class, "backward", "[3]", "sum()");
        assertMessage(() -> Tensor.ones(3).sum().backward(), IllegalStateException.class, "backward", "requiresGrad");
        Tensor loss = w.mul(2).sum();
        loss.backward();
        assertMessage(loss::backward, IllegalStateException.class, "backward", "released", "backward(true)");
        Tensor bad = w.mul(Tensor.of(1, 0, 1)).log().mul(2).sum();
        assertMessage(bad::backward, IllegalStateException.class, "backward", "log", "-Inf");
        assertMessage(() -> w.mul(2).requiresGrad(false), IllegalStateException.class, "requiresGrad", "detach");
    }

    // ---------------------------------------------------------------- a tiny network

    @Test
    void twoLayerNetworkLearnsXor() {
        Rng.seed(0);
        Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
        Tensor w1 = Tensor.normal(0, 1, 2, 8).requiresGrad(true), b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.normal(0, 1, 8, 1).requiresGrad(true), b2 = Tensor.zeros(1).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};
        double loss = 0;
        for (int step = 0; step < 1000; step++) {
            Tensor p = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();
            Tensor l = p.sub(y).square().mean();
            loss = l.item();
            l.backward();
            NoGrad.run(() -> {
                for (Tensor t : params) {
                    t.copyFrom(t.sub(t.grad().mul(2.0)));
                    t.zeroGrad();
                }
            });
        }
        Tensor p = NoGrad.run(() -> x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid());
        assertArrayEquals(new float[] {0, 1, 1, 0}, p.gt(0.5).toFloatArray(), "XOR solved, loss " + loss + "\n" + p);
        assertTrue(loss < 0.02, "loss " + loss);
    }

    /** The scoped op names behind {@code t}, in run order (what cadl.viz.Graph lists). */
    static java.util.List<String> opNames(Tensor t) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Tensor n : t.history()) if (!n.isLeaf()) names.add(n.op());
        return names;
    }
}
