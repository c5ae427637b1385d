package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * A transposed convolution that reuses a {@link Conv2d}'s filters, mapping that layer's output shape back to its
 * input shape: the tied decoder of the S3 convolutional autoencoder.
 * {@code h = activation(conv2dTranspose(x, conv.W) + b)}.
 * <ul>
 *   <li>input: {@code [N, H', W', conv.C_out]} (what {@code conv} produces)</li>
 *   <li>filters: {@code conv}'s {@code [kh, kw, C_in, C_out]} (the same tensor, listed once under conv's name)</li>
 *   <li>output: {@code [N, H, W, conv.C_in]}, with {@code H, W} given, or else taken from the shape of
 *       {@code conv}'s last input ({@link Conv2d#lastInputShape()}): SAME padding with stride 2 maps both 27 and 28
 *       to 14, so the shape cannot be worked out from the input alone</li>
 *   <li>bias (optional, default none as in the lesson): {@code [conv.C_in]}</li>
 * </ul>
 */
public final class ConvTranspose2d extends Module {
    private final Conv2d conv;
    private final int[] outputHW;
    private final Activation activation;
    private final Tensor b;

    private ConvTranspose2d(String name, Conv2d conv, int[] outputHW, Activation activation, boolean bias) {
        super(name);
        String who = "ConvTranspose2d '" + name + "'";
        if (conv == null) throw new IllegalArgumentException(who + ": the tied Conv2d is null");
        if (activation == null) throw new IllegalArgumentException(who + ": activation is null (use Activation.NONE)");
        if (outputHW != null && (outputHW.length != 2 || outputHW[0] < 1 || outputHW[1] < 1)) {
            throw new IllegalArgumentException(who + ": output size must be [H, W] with positive sizes, got " + Arrays.toString(outputHW));
        }
        this.conv = conv;
        this.outputHW = outputHW == null ? null : outputHW.clone();
        this.activation = activation;
        addParameter("W", conv.weights());
        this.b = bias ? addParameter("b", Init.DEFAULT_BIAS.create(conv.inChannels())) : null;
    }

    /** Inverts {@code conv}'s shape map, back to the shape of {@code conv}'s last input; no bias. */
    public static ConvTranspose2d tiedTo(String name, Conv2d conv, Activation activation) {
        return new ConvTranspose2d(name, conv, null, activation, false);
    }

    /** Inverts {@code conv}'s shape map to images of {@code height x width}; no bias. */
    public static ConvTranspose2d tiedTo(String name, Conv2d conv, int height, int width, Activation activation) {
        return new ConvTranspose2d(name, conv, new int[] {height, width}, activation, false);
    }

    /** As {@link #tiedTo(String, Conv2d, int, int, Activation)} with a bias of {@code conv.C_in} values. */
    public static ConvTranspose2d tiedToWithBias(String name, Conv2d conv, int height, int width, Activation activation) {
        return new ConvTranspose2d(name, conv, new int[] {height, width}, activation, true);
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() != 4 || x.size(3) != conv.outChannels()) {
            throw new IllegalArgumentException(label() + ": expected input [N, H, W, " + conv.outChannels() + "] (the output of '"
                    + conv.fullName() + "') but got " + Arrays.toString(x.shape()));
        }
        int[] hw = outputHW;
        if (hw == null) {
            int[] last = conv.lastInputShape();
            if (last == null) {
                throw new IllegalStateException(label() + ": the output size comes from the last input of '" + conv.fullName()
                        + "', which has not run yet (run the encoder first, or give the size: ConvTranspose2d.tiedTo(name, conv, H, W, act))");
            }
            hw = new int[] {last[1], last[2]};
        }
        int[] out = {x.size(0), hw[0], hw[1], conv.inChannels()};
        Tensor h = x.conv2dTranspose(conv.weights(), out, conv.stride(), conv.padding());
        if (b != null) h = h.add(b);
        return activation.apply(h);
    }

    /** The convolution whose filters this layer uses. */
    public Conv2d tied() {
        return conv;
    }

    /** The output {@code [H, W]} if fixed, or null if taken from the tied layer's last input. */
    public int[] outputSize() {
        return outputHW == null ? null : outputHW.clone();
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
        return "ConvTranspose2d(" + conv.outChannels() + " -> " + conv.inChannels()
                + (outputHW == null ? "" : ", to " + outputHW[0] + "x" + outputHW[1]) + ", " + activation
                + (b == null ? ", no bias" : "") + ", filters of '" + conv.fullName() + "')";
    }
}
