package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Arrays;

/** Flattens every example: {@code [N, d1, d2, ...] -> [N, d1 d2 ...]} (e.g. {@code [N, 7, 7, 64] -> [N, 3136]}). */
public final class Flatten extends Module {
    /** A named flatten layer. */
    public Flatten(String name) {
        super(name);
    }

    /** An unnamed flatten layer (a container names it). */
    public Flatten() {
        this("");
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() < 1) throw new IllegalArgumentException(label() + ": expected input [N, ...] but got a scalar " + Arrays.toString(x.shape()));
        return x.rank() == 2 ? x : x.reshape(x.size(0), -1);
    }

    @Override
    public String describe() {
        return "Flatten()";
    }
}
