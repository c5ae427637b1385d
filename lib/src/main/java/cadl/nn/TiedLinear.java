package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * A fully connected layer that reuses another {@link Linear}'s weights transposed, for the tied decoder of an
 * autoencoder (S3): {@code h = activation(x W^T + b)}.
 * <ul>
 *   <li>input: {@code [N, tied.nOut]}; output: {@code [N, tied.nIn]}</li>
 *   <li>weights: the tied layer's {@code W [tied.nIn, tied.nOut]} (the same tensor: training either layer
 *       trains both; listed once in a model's parameters, under the tied layer's name)</li>
 *   <li>bias (optional, default none as in the lesson): {@code [tied.nIn]}, named {@code name + "/b"}</li>
 * </ul>
 */
public final class TiedLinear extends Module {
    private final Linear tied;
    private final Activation activation;
    private final Tensor b;

    private TiedLinear(String name, Linear tied, Activation activation, boolean bias) {
        super(name);
        if (tied == null) throw new IllegalArgumentException("TiedLinear '" + name + "': the tied Linear is null");
        if (activation == null) throw new IllegalArgumentException("TiedLinear '" + name + "': activation is null (use Activation.NONE)");
        this.tied = tied;
        this.activation = activation;
        addParameter("W", tied.weights());
        this.b = bias ? addParameter("b", Init.DEFAULT_BIAS.create(tied.nIn())) : null;
    }

    /** A decoder layer {@code [N, tied.nOut] -> [N, tied.nIn]} using {@code tied}'s W transposed, without bias. */
    public static TiedLinear of(String name, Linear tied, Activation activation) {
        return new TiedLinear(name, tied, activation, false);
    }

    /** As {@link #of}, with a bias of {@code tied.nIn} values starting at {@link Init#DEFAULT_BIAS}. */
    public static TiedLinear withBias(String name, Linear tied, Activation activation) {
        return new TiedLinear(name, tied, activation, true);
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() != 2 || x.size(1) != tied.nOut()) {
            throw new IllegalArgumentException(label() + ": expected input [N, " + tied.nOut() + "] but got " + Arrays.toString(x.shape()));
        }
        Tensor h = x.matmul(tied.weights(), false, true);   // x W^T, W read transposed in place
        if (b != null) h = h.add(b);
        return activation.apply(h);
    }

    /** The layer whose weights this one uses. */
    public Linear tied() {
        return tied;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The bias, or null. */
    public Tensor bias() {
        return b;
    }

    @Override
    public String describe() {
        return "TiedLinear(" + tied.nOut() + " -> " + tied.nIn() + ", " + activation + (b == null ? ", no bias" : "")
                + ", W^T of '" + tied.fullName() + "')";
    }
}
