package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * A fully connected layer: {@code h = activation(x W + b)}.
 * <ul>
 *   <li>input {@code x}: {@code [N, nIn]}</li>
 *   <li>weights {@code W}: {@code [nIn, nOut]} (default {@link Init#DEFAULT_WEIGHTS}), bias {@code b}:
 *       {@code [nOut]} (default {@link Init#DEFAULT_BIAS}; optional)</li>
 *   <li>output: {@code [N, nOut]}</li>
 * </ul>
 * Parameters are named {@code name + "/W"} and {@code name + "/b"}; ops {@code name + "/matmul"} etc.
 *
 * <pre>{@code
 * Linear layer1 = Linear.of("layer1", 2, 10, Activation.TANH);
 * Tensor h = layer1.forward(x);             // [N, 2] -> [N, 10]
 * Linear enc = Linear.builder("layer1", 784, 512).weights(Init.normal(0.02)).bias(false)
 *                    .activation(Activation.RELU).build();
 * }</pre>
 */
public final class Linear extends Module {
    private final int nIn, nOut;
    private final Activation activation;
    private final Tensor w, b;

    private Linear(Builder k) {
        super(k.name);
        this.nIn = k.nIn;
        this.nOut = k.nOut;
        this.activation = k.activation;
        this.w = addParameter("W", k.weights.create(nIn, nOut));
        this.b = k.bias ? addParameter("b", k.biasInit.create(nOut)) : null;
    }

    /** A layer {@code [N, nIn] -> [N, nOut]} with default initialisers, a bias and no activation. */
    public static Linear of(String name, int nIn, int nOut) {
        return builder(name, nIn, nOut).build();
    }

    /** A layer {@code [N, nIn] -> [N, nOut]} with default initialisers, a bias and {@code activation}. */
    public static Linear of(String name, int nIn, int nOut, Activation activation) {
        return builder(name, nIn, nOut).activation(activation).build();
    }

    /** An unnamed layer (parameters "W" and "b", or named by the open scopes and by its container). */
    public static Linear of(int nIn, int nOut, Activation activation) {
        return builder("", nIn, nOut).activation(activation).build();
    }

    /** A builder for the optional settings: activation, initialisers, no bias. */
    public static Builder builder(String name, int nIn, int nOut) {
        return new Builder(name, nIn, nOut);
    }

    /** Settings of a {@link Linear}; {@link #build()} validates them. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final int nIn, nOut;

        private Builder(String name, int nIn, int nOut) {
            super(name);
            this.nIn = nIn;
            this.nOut = nOut;
        }

        /** The layer. */
        public Linear build() {
            String who = who("Linear");
            if (nIn < 1 || nOut < 1) {
                throw new IllegalArgumentException(who + ": nIn and nOut must be >= 1, got nIn=" + nIn + ", nOut=" + nOut);
            }
            checkShared(who);
            return new Linear(this);
        }
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() != 2 || x.size(1) != nIn) {
            throw new IllegalArgumentException(label() + ": expected input [N, " + nIn + "] but got " + Arrays.toString(x.shape())
                    + (x.rank() > 2 ? " (flatten it first: x.reshape(N, -1) or a Flatten layer)" : ""));
        }
        Tensor h = x.matmul(w);
        if (b != null) h = h.add(b);
        return activation.apply(h);
    }

    /** The weights {@code [nIn, nOut]}. */
    public Tensor weights() {
        return w;
    }

    /** The bias {@code [nOut]}, or null if the layer has none. */
    public Tensor bias() {
        return b;
    }

    /** Input features. */
    public int nIn() {
        return nIn;
    }

    /** Output features. */
    public int nOut() {
        return nOut;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String describe() {
        return "Linear(" + nIn + " -> " + nOut + ", " + activation + (b == null ? ", no bias" : "") + ")";
    }
}
