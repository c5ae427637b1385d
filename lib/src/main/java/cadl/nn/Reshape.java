package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * Reshapes every example: {@code [N, ...] -> [N, shape...]}, keeping the batch dimension; one entry of
 * {@code shape} may be -1. Example: {@code new Reshape("image", 28, 28, 1)} maps {@code [N, 784] -> [N, 28, 28, 1]}.
 */
public final class Reshape extends Module {
    private final int[] shape;

    /** Reshapes each example to {@code shape} (without the batch dimension). */
    public Reshape(String name, int... shape) {
        super(name);
        if (shape == null || shape.length == 0) throw new IllegalArgumentException("Reshape '" + name + "': give the shape of one example, e.g. 28, 28, 1");
        int unknown = 0;
        for (int s : shape) {
            if (s == -1) unknown++;
            else if (s < 1) throw new IllegalArgumentException("Reshape '" + name + "': sizes must be >= 1 or -1, got " + Arrays.toString(shape));
        }
        if (unknown > 1) throw new IllegalArgumentException("Reshape '" + name + "': at most one -1 allowed, got " + Arrays.toString(shape));
        this.shape = shape.clone();
    }

    @Override
    protected Tensor compute(Tensor x) {
        int[] s = new int[shape.length + 1];
        s[0] = x.size(0);
        System.arraycopy(shape, 0, s, 1, shape.length);
        long per = x.numel() / Math.max(1, x.size(0));
        long want = 1;
        for (int v : shape) want *= v == -1 ? 1 : v;
        if (Arrays.stream(shape).noneMatch(v -> v == -1) ? want != per : per % want != 0) {
            throw new IllegalArgumentException(label() + ": cannot reshape input " + Arrays.toString(x.shape()) + " ("
                    + per + " values per example) to [N, " + Arrays.toString(shape).substring(1));
        }
        return x.reshape(s);
    }

    /** The shape of one example after reshaping (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String describe() {
        return "Reshape(" + Arrays.toString(shape) + ")";
    }
}
