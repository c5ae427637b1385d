package cadl.tensor;

import java.util.Random;
import java.util.function.Function;

/**
 * Checks backward rules against central finite differences in float64:
 * {@code dL/dx_i ~ (L(x + h e_i) - L(x - h e_i)) / 2h} for every element of every input. The rules are the
 * ones float32 runs (one rule per primitive, for both dtypes), so a passing check speaks for both.
 *
 * <p>The scalar checked is {@code L = sum(f(inputs) * R)} with a fixed random {@code R} of the output's shape, so
 * every entry of the Jacobian is exercised with a different weight (a plain {@code sum} would hide errors that
 * cancel, such as a wrong softmax gradient).
 */
public final class GradCheck {
    /** The default step h. */
    public static final double STEP = 1e-6;

    private GradCheck() {
    }

    /**
     * The largest error {@code |a - n| / max(1, |a|, |n|)} (relative for gradients above 1, absolute below) between
     * backward()'s gradients and the numerical ones. Inputs are copied to float64; throws IllegalStateException if
     * an input gets no gradient.
     */
    public static double maxRelativeError(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) xs[i] = Tensor.leaf(inputs[i].toDoubleArray(), inputs[i].shape, "input").requiresGrad(true);
        Tensor out = f.apply(xs);
        Random rnd = new Random(1234);
        double[] rv = new double[(int) out.numel()];
        for (int i = 0; i < rv.length; i++) rv[i] = rnd.nextDouble() * 2 - 1;
        Tensor weights = Tensor.leaf(rv, out.shape, "input");
        out.mul(weights).sum().backward();
        double worst = 0;
        for (Tensor x : xs) {
            if (x.grad() == null) throw Errors.state("GradCheck", "input " + x.describe() + " received no gradient", null);
            double[] grad = (double[]) x.grad().data, value = (double[]) x.data;
            for (int i = 0; i < value.length; i++) {
                double orig = value[i];
                value[i] = orig + STEP;
                double plus = NoGrad.run(() -> f.apply(xs).mul(weights).sum().item());
                value[i] = orig - STEP;
                double minus = NoGrad.run(() -> f.apply(xs).mul(weights).sum().item());
                value[i] = orig;
                double num = (plus - minus) / (2 * STEP);
                double err = Math.abs(grad[i] - num) / Math.max(1, Math.max(Math.abs(grad[i]), Math.abs(num)));
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }
}
