package cadl.nn;

import cadl.tensor.Tensor;

/**
 * Masking noise for denoising autoencoders (Vincent et al. 2010): in training mode sets each value to 0 with
 * probability {@code dropProb} (no rescaling); in evaluation mode passes the input unchanged.
 * Shape-preserving: {@code [...] -> [...]}.
 */
public final class MaskingNoise extends Module {
    private final double dropProb;

    /** Zeroes each value with probability {@code dropProb} in [0, 1). */
    public MaskingNoise(String name, double dropProb) {
        super(name);
        if (!(dropProb >= 0 && dropProb < 1)) {
            throw new IllegalArgumentException("MaskingNoise '" + name + "': dropProb must be in [0, 1), got " + dropProb);
        }
        this.dropProb = dropProb;
    }

    /** An unnamed noise layer (a container names it). */
    public MaskingNoise(double dropProb) {
        this("", dropProb);
    }

    @Override
    protected Tensor compute(Tensor x) {
        return isTraining() && dropProb > 0 ? x.maskingNoise(dropProb) : x;
    }

    /** The probability of zeroing a value. */
    public double dropProb() {
        return dropProb;
    }

    @Override
    public String describe() {
        return "MaskingNoise(dropProb=" + dropProb + ")";
    }
}
