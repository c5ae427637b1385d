package cadl.nn;

import cadl.tensor.Errors;
import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * Loss functions ("cost", "training signal"): each turns predictions and targets into one number to
 * minimise. All are built from {@link Tensor} primitives (no backward rules of their own), except
 * {@link #softmaxCrossEntropy}, which calls the fused, numerically stable primitive.
 *
 * <p>Shapes: {@code pred} and {@code target} must have the same shape unless stated; every loss
 * returns a scalar tensor. Every loss is a mean over the examples unless its name ends in {@code Sum}.
 */
public final class Losses {
    /** Added inside logarithms of probabilities so that log(0) never happens (the lectures' 1e-12). */
    public static final double LOG_EPSILON = 1e-12;

    private Losses() {
    }

    /** Mean absolute difference over all elements: mean(|pred - target|) (S2's first cost). */
    public static Tensor l1(Tensor pred, Tensor target) {
        return pred.sub(same("l1", pred, target)).abs().mean();
    }

    /**
     * Absolute differences summed over {@code axis}, then averaged over everything else: S2's
     * painting cost, mean over pixels of sum over r, g, b of |pred - target|.
     */
    public static Tensor l1Sum(Tensor pred, Tensor target, int axis) {
        return pred.sub(same("l1Sum", pred, target)).abs().sum(axis).mean();
    }

    /** Elementwise (pred - target)^2, TensorFlow's squared_difference (not reduced). */
    public static Tensor squaredDifference(Tensor pred, Tensor target) {
        return pred.sub(same("squaredDifference", pred, target)).square();
    }

    /** Mean squared error over all elements: mean((pred - target)^2). */
    public static Tensor mse(Tensor pred, Tensor target) {
        return pred.sub(same("mse", pred, target)).square().mean();
    }

    /**
     * Softmax cross entropy from logits [N, K] and one-hot targets [N, K], averaged over the batch:
     * {@code -(1/N) sum y log softmax(logits)}. Stable for large logits (log-softmax inside).
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor oneHot) {
        return logits.softmaxCrossEntropy(oneHot);
    }

    /**
     * Binary cross entropy of probabilities {@code p} in (0, 1) against labels {@code y} in {0, 1},
     * averaged over all elements: {@code -mean(y log(p + eps) + (1 - y) log(1 - p + eps))}.
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor y) {
        same("binaryCrossEntropy", p, y);
        Tensor pos = y.mul(p.add(LOG_EPSILON).log());
        Tensor neg = y.neg().add(1).mul(p.neg().add(1 + LOG_EPSILON).log());
        return pos.add(neg).mean().neg();
    }

    /**
     * Cross entropy of probabilities {@code p} (e.g. a softmax output) against one-hot {@code y}, both
     * {@code [N, K]}: {@code -(1/N) sum y log(p + 1e-12)}, summed over the K classes and averaged over the N
     * examples, like every loss here. A rank-1 {@code [K]} input is one example. The lectures' summed form is
     * {@link #crossEntropySum}.
     */
    public static Tensor crossEntropy(Tensor p, Tensor y) {
        int n = p.rank() < 2 ? 1 : Math.max(1, p.size(0));
        return crossEntropySum(p, y).div(n);
    }

    /**
     * The lectures' cross entropy {@code -sum y log(p + 1e-12)}, summed over the examples and the classes
     * (so it grows with the batch size; {@link #crossEntropy} averages over the examples instead).
     */
    public static Tensor crossEntropySum(Tensor p, Tensor y) {
        same("crossEntropySum", p, y);
        return y.mul(p.add(LOG_EPSILON).log()).sum().neg();
    }

    private static Tensor same(String op, Tensor pred, Tensor target) {
        if (!Arrays.equals(pred.shape(), target.shape())) {
            throw Errors.arg(op, "predictions " + Errors.shape(pred.shape()) + " and targets "
                    + Errors.shape(target.shape()) + " differ in shape",
                    "reshape one of them (e.g. targets.reshape(-1, 1)) so that they match");
        }
        return target;
    }
}
