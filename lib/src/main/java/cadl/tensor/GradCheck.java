package cadl.tensor;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backward rules against central finite differences, in float64:
 * {@code (f(x + h) - f(x - h)) / 2h} for every element of every input.
 */
public final class GradCheck {
    /** The default step h. */
    public static final double STEP = 1e-6;

    private GradCheck() {
    }

    /**
     * The largest relative error {@code |a - n| / max(1, |a|, |n|)} between the gradients that backward()
     * gives for {@code f(inputs).sum()} and the numerical ones. Inputs are cast to float64 first.
     */
    public static double maxRelativeError(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Tensor.wrap(inputs[i].toDouble().array().dup()).requiresGrad(true);
        }
        Tensor out = f.apply(xs).sum();
        out.backward();
        double worst = 0;
        for (Tensor x : xs) {
            if (x.grad == null) throw Errors.state("GradCheck", "input " + x.describe() + " received no gradient", null);
            if (!java.util.Arrays.equals(x.grad.shape(), x.data.shape())) {
                throw Errors.state("GradCheck", "gradient shape " + Errors.shape(x.grad.shape()) + " differs from input shape " + Errors.shape(x.data.shape()), null);
            }
            INDArray flat = x.data.reshape(x.data.length());
            INDArray gflat = x.grad.reshape(x.grad.length());
            for (long i = 0; i < flat.length(); i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + STEP);
                double plus = NoGrad.run(() -> f.apply(xs).sum().item());
                flat.putScalar(i, orig - STEP);
                double minus = NoGrad.run(() -> f.apply(xs).sum().item());
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
