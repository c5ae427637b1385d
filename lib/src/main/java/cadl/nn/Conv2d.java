package cadl.nn;

import cadl.tensor.Padding;
import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * A 2-D convolution layer in TensorFlow's layout: {@code h = activation(conv2d(x, W) + b)}.
 * <ul>
 *   <li>input {@code x}: {@code [N, H, W, C_in]} (NHWC)</li>
 *   <li>filters {@code W}: {@code [kh, kw, C_in, C_out]} (default {@link Init#DEFAULT_WEIGHTS}),
 *       bias {@code b}: {@code [C_out]} (optional)</li>
 *   <li>output: {@code [N, H_out, W_out, C_out]} with {@code H_out = ceil(H / stride)} for
 *       {@link Padding#SAME} and {@code floor((H - kh) / stride) + 1} for {@link Padding#VALID}</li>
 * </ul>
 * The layer remembers the shape of its last input ({@link #lastInputShape()}), which a tied
 * {@link ConvTranspose2d} uses to map back to it.
 *
 * <pre>{@code
 * Conv2d conv1 = Conv2d.builder("conv1", 5, 5, 1, 32).stride(2).activation(Activation.RELU).build();
 * Tensor h = conv1.forward(x);   // [N, 28, 28, 1] -> [N, 14, 14, 32]
 * }</pre>
 */
public final class Conv2d extends Module {
    /** The padding unless set: SAME, as the lessons use. */
    public static final Padding DEFAULT_PADDING = Padding.SAME;

    private final int kh, kw, cIn, cOut, stride;
    private final Padding padding;
    private final Activation activation;
    private final Tensor w, b;
    private int[] lastInputShape;

    private Conv2d(Builder k) {
        super(k.name);
        this.kh = k.kh;
        this.kw = k.kw;
        this.cIn = k.cIn;
        this.cOut = k.cOut;
        this.stride = k.stride;
        this.padding = k.padding;
        this.activation = k.activation;
        this.w = addParameter("W", k.weights.create(kh, kw, cIn, cOut));
        this.b = k.bias ? addParameter("b", k.biasInit.create(cOut)) : null;
    }

    /** A square {@code kernel x kernel} convolution {@code C_in -> C_out} with bias, SAME padding and {@code activation}. */
    public static Conv2d of(String name, int kernel, int cIn, int cOut, int stride, Activation activation) {
        return builder(name, kernel, kernel, cIn, cOut).stride(stride).activation(activation).build();
    }

    /** A builder for filters {@code [kh, kw, cIn, cOut]}; stride 1, SAME padding, bias, no activation unless set. */
    public static Builder builder(String name, int kh, int kw, int cIn, int cOut) {
        return new Builder(name, kh, kw, cIn, cOut);
    }

    /** Settings of a {@link Conv2d}; {@link #build()} validates them. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final int kh, kw, cIn, cOut;
        private int stride = 1;
        private Padding padding = DEFAULT_PADDING;

        private Builder(String name, int kh, int kw, int cIn, int cOut) {
            super(name);
            this.kh = kh;
            this.kw = kw;
            this.cIn = cIn;
            this.cOut = cOut;
        }

        /** Step between filter positions, in both directions (default 1). */
        public Builder stride(int s) {
            this.stride = s;
            return this;
        }

        /** SAME or VALID (default {@link #DEFAULT_PADDING}). */
        public Builder padding(Padding p) {
            this.padding = p;
            return this;
        }

        /** The layer. */
        public Conv2d build() {
            String who = who("Conv2d");
            if (kh < 1 || kw < 1 || cIn < 1 || cOut < 1) {
                throw new IllegalArgumentException(who + ": filter shape [kh, kw, C_in, C_out] must be positive, got ["
                        + kh + ", " + kw + ", " + cIn + ", " + cOut + "]");
            }
            if (stride < 1) throw new IllegalArgumentException(who + ": stride must be >= 1, got " + stride);
            if (padding == null) throw new IllegalArgumentException(who + ": padding must not be null (Padding.SAME or Padding.VALID)");
            checkShared(who);
            return new Conv2d(this);
        }
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() != 4 || x.size(3) != cIn) {
            throw new IllegalArgumentException(label() + ": expected input [N, H, W, " + cIn + "] but got " + Arrays.toString(x.shape())
                    + (x.rank() == 2 ? " (reshape flat images first, e.g. x.reshape(-1, 28, 28, 1) or a Reshape layer)" : ""));
        }
        lastInputShape = x.shape();
        Tensor h = x.conv2d(w, stride, padding);
        if (b != null) h = h.add(b);
        return activation.apply(h);
    }

    /** Output shape for an input {@code [N, H, W, C_in]}. */
    public int[] outputShape(int[] inputShape) {
        return new int[] {inputShape[0], padding.outputSize(inputShape[1], kh, stride), padding.outputSize(inputShape[2], kw, stride), cOut};
    }

    /** The shape of the last input seen by {@link #forward}, or null before the first call. */
    public int[] lastInputShape() {
        return lastInputShape == null ? null : lastInputShape.clone();
    }

    /** The filters {@code [kh, kw, C_in, C_out]}. */
    public Tensor weights() {
        return w;
    }

    /** The bias {@code [C_out]}, or null. */
    public Tensor bias() {
        return b;
    }

    /** Filter height. */
    public int kernelHeight() {
        return kh;
    }

    /** Filter width. */
    public int kernelWidth() {
        return kw;
    }

    /** Input channels. */
    public int inChannels() {
        return cIn;
    }

    /** Output channels (number of filters). */
    public int outChannels() {
        return cOut;
    }

    /** The stride. */
    public int stride() {
        return stride;
    }

    /** The padding. */
    public Padding padding() {
        return padding;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String describe() {
        return "Conv2d(" + kh + "x" + kw + ", " + cIn + " -> " + cOut + ", stride " + stride + ", " + padding + ", " + activation
                + (b == null ? ", no bias" : "") + ")";
    }
}
