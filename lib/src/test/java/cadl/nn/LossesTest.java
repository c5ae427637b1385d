package cadl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.GradCheck;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values against hand computation, their gradients against finite differences in float64. */
class LossesTest {
    private static final double TOL = 1e-6;

    @Test
    void valuesMatchHandComputation() {
        Tensor p = Tensor.of(new float[][] {{1, 2}, {3, 5}});
        Tensor t = Tensor.of(new float[][] {{0, 2}, {4, 1}});
        assertEquals((1 + 0 + 1 + 4) / 4.0, Losses.l1(p, t).item(), 1e-6);
        assertEquals((1 + 0 + 1 + 16) / 4.0, Losses.mse(p, t).item(), 1e-6);
        assertEquals(((1 + 0) + (1 + 4)) / 2.0, Losses.l1Sum(p, t, 1).item(), 1e-6);
        assertEquals(16, Losses.squaredDifference(p, t).get(1, 1), 1e-6);
        Tensor probs = Tensor.of(new float[][] {{0.25f, 0.75f}});
        Tensor y = Tensor.of(new float[][] {{0, 1}});
        assertEquals(-Math.log(0.75), Losses.crossEntropy(probs, y).item(), 1e-6);
        assertEquals(-Math.log(0.75), Losses.binaryCrossEntropy(Tensor.of(0.75f), Tensor.of(1f)).item(), 1e-6);
        // logits [0, ln 3] -> softmax [0.25, 0.75]
        Tensor logits = Tensor.of(new float[][] {{0, (float) Math.log(3)}, {0, (float) Math.log(3)}});
        assertEquals(-Math.log(0.75), Losses.softmaxCrossEntropy(logits, Tensor.of(new float[][] {{0, 1}, {0, 1}})).item(), 1e-6);
    }

    @Test
    void crossEntropyAveragesOverExamplesAndItsSumFormDoesNot() {
        Tensor probs = Tensor.of(new float[][] {{0.25f, 0.75f}, {0.5f, 0.5f}, {0.9f, 0.1f}});
        Tensor y = Tensor.of(new float[][] {{0, 1}, {1, 0}, {1, 0}});
        double total = -(Math.log(0.75) + Math.log(0.5) + Math.log(0.9));
        assertEquals(total / 3, Losses.crossEntropy(probs, y).item(), 1e-6);
        assertEquals(total, Losses.crossEntropySum(probs, y).item(), 1e-6);
    }

    @Test
    void softmaxCrossEntropyIsStableForHugeLogits() {
        Tensor logits = Tensor.of(new float[][] {{1000, 0, -1000}});
        Tensor y = Tensor.of(new float[][] {{0, 1, 0}});
        assertEquals(1000, Losses.softmaxCrossEntropy(logits, y).item(), 1e-3);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng.seed(5);
        Tensor a = Tensor.uniform(-1, 1, 4, 3), b = Tensor.uniform(-1, 1, 4, 3);
        Tensor probs = Tensor.uniform(0.1, 0.9, 4, 3);
        Tensor oneHot = Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
        check("l1", GradCheck.maxRelativeError(x -> Losses.l1(x[0], x[1]), a, b));
        check("l1Sum", GradCheck.maxRelativeError(x -> Losses.l1Sum(x[0], x[1], 1), a, b));
        check("mse", GradCheck.maxRelativeError(x -> Losses.mse(x[0], x[1]), a, b));
        check("softmaxCrossEntropy", GradCheck.maxRelativeError(x -> Losses.softmaxCrossEntropy(x[0], x[1]), a, probs));
        check("softmaxCrossEntropy batch 1", GradCheck.maxRelativeError(x -> Losses.softmaxCrossEntropy(x[0], x[1]),
                a.rows(0, 1), oneHot.rows(0, 1)));
        check("binaryCrossEntropy", GradCheck.maxRelativeError(x -> Losses.binaryCrossEntropy(x[0], x[1]), probs, oneHot));
        check("crossEntropy", GradCheck.maxRelativeError(x -> Losses.crossEntropy(x[0], x[1]), probs, oneHot));
    }

    @Test
    void mismatchedShapesNameBoth() {
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.mse(Tensor.zeros(10, 1), Tensor.zeros(10)));
        assertTrue(e.getMessage().contains("[10, 1]") && e.getMessage().contains("[10]") && e.getMessage().contains("mse"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class, () -> Losses.softmaxCrossEntropy(Tensor.zeros(5, 10), Tensor.zeros(5, 9)));
        assertTrue(s.getMessage().contains("[5, 10]") && s.getMessage().contains("[5, 9]"), s.getMessage());
    }

    private static void check(String what, double err) {
        assertTrue(err < TOL, what + ": relative error " + err);
    }
}
