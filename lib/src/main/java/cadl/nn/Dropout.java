package cadl.nn;

import cadl.tensor.Tensor;

/**
 * Dropout (Srivastava et al. 2014), in TensorFlow 1's terms: in training mode each value is kept with probability
 * {@code keepProb} and scaled by {@code 1 / keepProb}, else set to 0; in evaluation mode the input passes
 * unchanged. Shape-preserving: {@code [...] -> [...]}. Masks come from the seeded {@code Rng}.
 */
public final class Dropout extends Module {
    private final double keepProb;

    /** Keeps each value with probability {@code keepProb} in (0, 1]. */
    public Dropout(String name, double keepProb) {
        super(name);
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("Dropout '" + name + "': keepProb must be in (0, 1], got " + keepProb);
        }
        this.keepProb = keepProb;
    }

    /** An unnamed dropout layer (a container names it). */
    public Dropout(double keepProb) {
        this("", keepProb);
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.dropout(keepProb, isTraining());
    }

    /** The probability of keeping a value. */
    public double keepProb() {
        return keepProb;
    }

    @Override
    public String describe() {
        return "Dropout(keepProb=" + keepProb + ")";
    }
}
