package cadl.nn;

import cadl.tensor.Tensor;

/**
 * Dropout (Srivastava et al. 2014), as PyTorch's {@code nn.Dropout(p)}: in training mode each value is set to 0
 * with probability {@code p} and the others are scaled by {@code 1 / (1 - p)}; in evaluation mode
 * ({@link #eval()}) the input passes unchanged. TensorFlow 1's {@code keep_prob} is {@code 1 - p}.
 * Shape-preserving: {@code [...] -> [...]}. Masks come from the seeded {@code Rng}.
 */
public final class Dropout extends Module {
    private final double p;

    /** Drops each value with probability {@code p} in [0, 1) while training. */
    public Dropout(String name, double p) {
        super(name);
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout '" + name + "': p is the probability of dropping a value and must be in [0, 1), got "
                    + p + " (TensorFlow 1's keep_prob k is p = 1 - k)");
        }
        this.p = p;
    }

    /** An unnamed dropout layer (a container names it). */
    public Dropout(double p) {
        this("", p);
    }

    @Override
    protected Tensor compute(Tensor x) {
        return x.dropout(p, isTraining());
    }

    /** The probability of dropping a value while training. */
    public double p() {
        return p;
    }

    @Override
    public String describe() {
        return "Dropout(p=" + p + ")";
    }
}
