package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Locale;

/**
 * An elementwise non-linearity applied after a layer's affine map: {@link #RELU}, {@link #TANH},
 * {@link #SIGMOID}, {@link #leakyRelu(double)} or {@link #NONE}. Shape-preserving: {@code [...] -> [...]}.
 * Printed (and stored in exports) as {@code relu}, {@code tanh}, {@code sigmoid}, {@code leakyRelu(0.2)},
 * {@code none}; {@link #parse(String)} reads that text back.
 */
public final class Activation {
    /** The slope for negative inputs of {@link #LEAKY_RELU} (TensorFlow's default). */
    public static final double DEFAULT_LEAKY_ALPHA = 0.2;

    /** The identity: a purely linear layer. */
    public static final Activation NONE = new Activation("none", 0);
    /** max(x, 0). */
    public static final Activation RELU = new Activation("relu", 0);
    /** tanh(x), in (-1, 1). */
    public static final Activation TANH = new Activation("tanh", 0);
    /** 1 / (1 + e^-x), in (0, 1). */
    public static final Activation SIGMOID = new Activation("sigmoid", 0);
    /** x for x &gt; 0, {@link #DEFAULT_LEAKY_ALPHA} x otherwise. */
    public static final Activation LEAKY_RELU = leakyRelu(DEFAULT_LEAKY_ALPHA);

    private final String kind;
    private final double alpha;

    private Activation(String kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** x for x &gt; 0, {@code alpha} x otherwise. */
    public static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("Activation.leakyRelu: alpha must be in [0, 1), got " + alpha);
        }
        return new Activation("leakyRelu", alpha);
    }

    /** Applies the non-linearity to {@code x}. */
    public Tensor apply(Tensor x) {
        switch (kind) {
            case "relu": return x.relu();
            case "tanh": return x.tanh();
            case "sigmoid": return x.sigmoid();
            case "leakyRelu": return x.leakyRelu(alpha);
            default: return x;
        }
    }

    /** True for {@link #NONE}. */
    public boolean isNone() {
        return kind.equals("none");
    }

    /** Reads the text {@link #toString()} writes: "relu", "tanh", "sigmoid", "none", "leakyRelu(0.2)". */
    public static Activation parse(String text) {
        String t = text == null ? "" : text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "none": case "": return NONE;
            case "relu": return RELU;
            case "tanh": return TANH;
            case "sigmoid": return SIGMOID;
            case "leakyrelu": return LEAKY_RELU;
            default:
        }
        if (t.startsWith("leakyRelu(") && t.endsWith(")")) {
            return leakyRelu(Double.parseDouble(t.substring("leakyRelu(".length(), t.length() - 1)));
        }
        throw new IllegalArgumentException("Activation.parse: unknown activation \"" + text
                + "\" (expected relu, tanh, sigmoid, leakyRelu(alpha) or none)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation && ((Activation) o).kind.equals(kind) && ((Activation) o).alpha == alpha;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return kind.equals("leakyRelu") ? "leakyRelu(" + alpha + ")" : kind;
    }
}
