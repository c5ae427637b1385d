package cadl.tensor;

import cadl.tensor.Kernel.Arith;
import cadl.tensor.Kernel.Fn;
import java.util.Arrays;

/**
 * The rules of the reductions and of the softmax family: forward through the kernel, backward beside it.
 * Axes may be negative (counted from the end, as in numpy). A reduction's backward spreads {@code g} back
 * over the reduced axes ({@code Kernel.broadcastTo}), the adjoint of the sum.
 */
final class Reductions {
    private Reductions() {
    }

    /** sum over axes: d/dx = g copied along the summed axes. */
    static Tensor sum(Tensor x, boolean keepDims, int... axes) {
        int[] ax = Shapes.axesOrAll("sum", x.rank(), axes);
        long[] kept = Shapes.kept(x.shape, ax);
        Kernel k = x.k();
        Object y = k.sum(x.data, x.shape, kept);
        return Tensor.record("sum", y, keepDims ? kept : Shapes.drop(x.shape, ax),
                g -> new Object[] {k.broadcastTo(g, kept, x.shape)}, x);
    }

    /** max over axes (NaN wins): d/dx = g to the maxima, shared equally between ties. */
    static Tensor max(Tensor x, boolean keepDims, int... axes) {
        int[] ax = Shapes.axesOrAll("max", x.rank(), axes);
        long[] kept = Shapes.kept(x.shape, ax);
        Kernel k = x.k();
        if (x.numel() == 0) throw Errors.arg("max", "the tensor " + Errors.shape(x.shape) + " is empty", null);
        Object y = k.max(x.data, x.shape, kept);
        return Tensor.record("max", y, keepDims ? kept : Shapes.drop(x.shape, ax), g -> {
            Object mask = k.binary(Arith.EQ, x.data, x.shape, y, kept, x.shape);
            Object share = k.div(g, k.sum(mask, x.shape, kept));
            return new Object[] {k.binary(Arith.MUL, mask, x.shape, share, kept, x.shape)};
        }, x);
    }

    /** softmax along an axis: y = e^x / sum e^x; d/dx = y (g - sum(g y)). */
    static Tensor softmax(Tensor x, int axis) {
        int a = Errors.axis("softmax", axis, x.rank());
        Kernel k = x.k();
        long[] s = x.shape, kept = Shapes.kept(s, new int[] {a});
        Object y = k.map(Fn.EXP, k.logSoftmax(x.data, s, a));
        return Tensor.record("softmax", y, s, g -> {
            Object dot = k.sum(k.mul(g, y), s, kept);
            return new Object[] {k.mul(k.binary(Arith.SUB, g, s, dot, kept, s), y)};
        }, x);
    }

    /** log softmax along an axis: d/dx = g - softmax(x) sum(g). */
    static Tensor logSoftmax(Tensor x, int axis) {
        int a = Errors.axis("logSoftmax", axis, x.rank());
        Kernel k = x.k();
        long[] s = x.shape, kept = Shapes.kept(s, new int[] {a});
        Object y = k.logSoftmax(x.data, s, a);
        return Tensor.record("logSoftmax", y, s, g -> new Object[] {
            k.binary(Arith.SUB, g, s, k.binary(Arith.MUL, k.map(Fn.EXP, y), s, k.sum(g, s, kept), kept, s), s, s)}, x);
    }

    /**
     * Softmax cross entropy, fused (one graph node instead of six, and stable): for logits z [N, K] and targets
     * y [N, K], {@code -(1/N) sum y log softmax(z)}. d/dz = (softmax(z) sum_k y_k - y) g / N (softmax(z) - y for
     * rows of y that sum to 1); d/dy = -log softmax(z) g / N.
     */
    static Tensor softmaxCrossEntropy(Tensor z, Tensor y) {
        Elementwise.checkDtypes("softmaxCrossEntropy", z, y);
        if (z.rank() != 2 || !Arrays.equals(z.shape, y.shape)) {
            throw Errors.arg("softmaxCrossEntropy", "expected logits [N, K] and targets of the same shape, got "
                    + Errors.shape(z.shape) + " and " + Errors.shape(y.shape),
                    "one-hot encode the labels (Labels.oneHot) to [N, K]; flatten logits to [N, K]");
        }
        Kernel k = z.k();
        long[] s = z.shape, rows = {s[0], 1};
        double n = s[0];
        Object logp = k.logSoftmax(z.data, s, 1);
        Object loss = k.affine(k.sum(k.mul(logp, y.data), s, new long[] {1, 1}), -1 / n, 0);
        return Tensor.record("softmaxCrossEntropy", loss, new long[0], g -> {
            double scale = Kernel.get(g, 0) / n;
            Object dz = z.requiresGrad() ? k.affine(k.binary(Arith.SUB,
                    k.binary(Arith.MUL, k.map(Fn.EXP, logp), s, k.sum(y.data, s, rows), rows, s), s, y.data, s, s), scale, 0) : null;
            return new Object[] {dz, y.requiresGrad() ? k.affine(logp, -scale, 0) : null};
        }, z, y);
    }
}
