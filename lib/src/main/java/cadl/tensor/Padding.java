package cadl.tensor;

/**
 * Padding of a convolution, as TensorFlow defines it.
 * <ul>
 *   <li>{@code SAME}: pad so that {@code H_out = ceil(H / stride)}; the extra row or column goes at the end.</li>
 *   <li>{@code VALID}: no padding; {@code H_out = floor((H - kh) / stride) + 1}.</li>
 * </ul>
 */
public enum Padding {
    /** Zero-pad so that {@code H_out = ceil(H / stride)}; an odd total puts the extra pixel bottom/right. */
    SAME,
    /** No padding: only positions where the whole filter fits, {@code H_out = floor((H - kh) / stride) + 1}. */
    VALID;

    /** Output length of one spatial dimension of a convolution. */
    public int outputSize(int in, int kernel, int stride) {
        return this == SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
    }
}
