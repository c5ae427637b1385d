package cadl.tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks backward rules against central finite differences in float64:
 * {@code dL/dx_i ~ (L(x + h e_i) - L(x - h e_i)) / 2h} for every element of every input.
 *
 * <p>The scalar checked is {@code L = sum(f(inputs) * R)} with a fixed random {@code R} of the
 * output's shape, so every entry of the Jacobian is exercised with a different weight (a plain
 * {@code sum} would hide errors that cancel, such as a wrong softmax gradient).
 */
public final class GradCheck {
    /** The default step h. */
    public static final double STEP = 1e-6;

    private GradCheck() {
    }

    /**
     * The largest error {@code |a - n| / max(1, |a|, |n|)} (relative for gradients above 1, absolute
     * below) between backward()'s gradients and the numerical ones. Inputs are copied to float64;
     * throws IllegalStateException if an input gets no gradient or one of the wrong shape.
     */
    public static double maxRelativeError(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Tensor.wrap(inputs[i].array().castTo(DataType.DOUBLE).dup('c')).requiresGrad(true);
        }
        Tensor out = f.apply(xs);
        Random rnd = new Random(1234);
        double[] rv = new double[(int) out.numel()];
        for (int i = 0; i < rv.length; i++) rv[i] = rnd.nextDouble() * 2 - 1;
        INDArray r = Nd4j.create(rv, out.array().shape(), DataType.DOUBLE);
        Tensor weights = Tensor.wrap(r);
        out.mul(weights).sum().backward();
        double worst = 0;
        for (Tensor x : xs) {
            if (x.grad() == null) throw Errors.state("GradCheck", "input " + x.describe() + " received no gradient", null);
            INDArray grad = x.grad().array();
            INDArray value = x.array();
            if (!Arrays.equals(grad.shape(), value.shape())) {
                throw Errors.state("GradCheck", "gradient shape " + Errors.shape(grad.shape()) + " differs from input shape "
                        + Errors.shape(value.shape()), null);
            }
            INDArray flat = value.reshape(value.length());
            INDArray gflat = grad.dup('c').reshape(grad.length());
            for (long i = 0; i < flat.length(); i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + STEP);
                double plus = NoGrad.run(() -> f.apply(xs).mul(weights).sum().item());
                flat.putScalar(i, orig - STEP);
                double minus = NoGrad.run(() -> f.apply(xs).mul(weights).sum().item());
                flat.putScalar(i, orig);
                double num = (plus - minus) / (2 * STEP);
                double ana = gflat.getDouble(i);
                double err = Math.abs(ana - num) / Math.max(1, Math.max(Math.abs(ana), Math.abs(num)));
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }
}
