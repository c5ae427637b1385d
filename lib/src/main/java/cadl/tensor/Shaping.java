package cadl.tensor;

import java.util.Arrays;

/**
 * The rules of the matrix product and of the ops that move, join or select elements. Their backward rules
 * move the gradient back the other way; the matrix product's use GEMM transpose flags, never a copied transpose.
 */
final class Shaping {
    private Shaping() {
    }

    /**
     * op(A) op(B), where op(X) is X or, when its flag is set, X^T read in place (TensorFlow's transpose_a /
     * transpose_b; the GEMM's own flags, no transposed copy). With C = op(A) op(B) [m, n] and upstream g:
     * d/dop(A) = g op(B)^T and d/dop(B) = op(A)^T g; a transposed operand gets the transpose of that, which is
     * again one product with flags: d/dA = op(B) g^T when A is read transposed, d/dB = g^T op(A) when B is.
     */
    static Tensor matmul(Tensor a, boolean ta, Tensor b, boolean tb) {
        Elementwise.checkDtypes("matmul", a, b);
        if (a.rank() != 2 || b.rank() != 2) {
            throw Errors.arg("matmul", "cannot multiply " + Errors.shape(a.shape) + " by " + Errors.shape(b.shape) + ": both operands must be 2-D",
                    "reshape to 2-D first");
        }
        int m = (int) a.shape[ta ? 1 : 0], k = (int) a.shape[ta ? 0 : 1], kb = (int) b.shape[tb ? 1 : 0], n = (int) b.shape[tb ? 0 : 1];
        if (k != kb) {
            throw Errors.arg("matmul", "cannot multiply " + Errors.shape(a.shape) + (ta ? "^T" : "") + " by " + Errors.shape(b.shape) + (tb ? "^T" : "")
                    + ": inner sizes " + k + " and " + kb + " differ", "the columns of the left must equal the rows of the right; transpose one?");
        }
        long[] out = {m, n};
        Shapes.allocatable("matmul", out, a.dtype());
        Kernel K = a.k();
        return Tensor.record("matmul", K.gemm(a.data, ta, b.data, tb, m, n, k), out, g -> new Object[] {
            !a.requiresGrad() ? null : ta ? K.gemm(b.data, tb, g, true, k, m, n) : K.gemm(g, false, b.data, !tb, m, k, n),
            !b.requiresGrad() ? null : tb ? K.gemm(g, true, a.data, ta, n, k, m) : K.gemm(a.data, !ta, g, false, k, n, m)}, a, b);
    }

    /** Reordered axes: d/dx = g with the inverse order. */
    static Tensor permute(Tensor x, int... dims) {
        if (dims == null || dims.length != x.rank()) {
            throw Errors.arg("permute", "got " + (dims == null ? 0 : dims.length) + " dimensions " + Arrays.toString(dims) + " for shape "
                    + Errors.shape(x.shape), "name every dimension once");
        }
        int[] d = new int[dims.length], inv = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = Errors.axis("permute", dims[i], x.rank());
            if (seen[d[i]]) throw Errors.arg("permute", "dimension " + d[i] + " named twice in " + Arrays.toString(dims), null);
            seen[d[i]] = true;
            inv[d[i]] = i;
            out[i] = x.shape[d[i]];
        }
        Kernel k = x.k();
        return Tensor.record("permute", k.permute(x.data, x.shape, d), out, g -> new Object[] {k.permute(g, out, inv)}, x);
    }

    /** The same values in a new shape (shared, not copied): d/dx = g (in x's shape). */
    static Tensor reshape(Tensor x, int... shape) {
        long n = x.numel();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) throw Errors.arg("reshape", "only one -1 allowed in " + Arrays.toString(shape), null);
                infer = i;
            } else if (shape[i] < 0) {
                throw Errors.arg("reshape", "negative size " + shape[i] + " in " + Arrays.toString(shape), "sizes are >= 0, or -1 for one inferred size");
            } else {
                known *= shape[i];
            }
        }
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) s[i] = shape[i];
        if (infer >= 0 && known != 0 && n % known == 0) s[infer] = n / known;
        if (infer >= 0 && s[infer] < 0 || Shapes.count("reshape", s) != n) {
            throw Errors.arg("reshape", "cannot reshape " + Errors.shape(x.shape) + " (" + n + " elements) to " + Arrays.toString(shape),
                    "the new shape must hold the same number of elements");
        }
        return Tensor.record("reshape", x.data, s, g -> new Object[] {g}, x);
    }

    /** Joined along an axis: d/dx_i = the slice of g where x_i went. */
    static Tensor concat(int axis, Tensor... ts) {
        if (ts == null || ts.length == 0) throw Errors.arg("concat", "no tensors given", null);
        int a = Errors.axis("concat", axis, ts[0].rank());
        Object[] xs = new Object[ts.length];
        long[][] shapes = new long[ts.length][];
        long[] out = ts[0].shape.clone();
        out[a] = 0;
        for (int i = 0; i < ts.length; i++) {
            Elementwise.checkDtypes("concat", ts[0], ts[i]);
            long[] s0 = ts[0].shape.clone(), si = ts[i].shape.clone();
            if (s0.length != si.length) throw Errors.arg("concat", "tensor " + i + " has shape " + Errors.shape(si) + " but tensor 0 has " + Errors.shape(s0), "give tensors of one rank");
            s0[a] = 0;
            si[a] = 0;
            if (!Arrays.equals(s0, si)) {
                throw Errors.arg("concat", "tensor " + i + " has shape " + Errors.shape(ts[i].shape) + ", tensor 0 " + Errors.shape(ts[0].shape)
                        + ": they may differ only along axis " + a, null);
            }
            xs[i] = ts[i].data;
            shapes[i] = ts[i].shape;
            out[a] += ts[i].shape[a];
        }
        Shapes.allocatable("concat", out, ts[0].dtype());
        Kernel k = ts[0].k();
        return Tensor.record("concat", k.concat(xs, shapes, a, out), out, g -> {
            Object[] r = new Object[ts.length];
            long at = 0;
            for (int i = 0; i < ts.length; i++) {
                r[i] = k.slice(g, out, a, at, at + shapes[i][a]);
                at += shapes[i][a];
            }
            return r;
        }, ts);
    }

    /** Elements from..to-1 along an axis: d/dx = g placed into zeros. */
    static Tensor slice(Tensor x, int axis, int from, int to) {
        int a = Errors.axis("slice", axis, x.rank());
        long n = x.shape[a];
        if (from < 0 || to > n || from >= to) {
            throw Errors.arg("slice", "range [" + from + ", " + to + ") is not inside 0.." + n + " along axis " + a + " of " + Errors.shape(x.shape), null);
        }
        long[] out = x.shape.clone();
        out[a] = to - from;
        Kernel k = x.k();
        return Tensor.record("slice", k.slice(x.data, x.shape, a, from, to), out, g -> new Object[] {k.unslice(g, x.shape, a, from, to)}, x);
    }

    /** The rows at indices: d/dx = each row of g added back into its row. */
    static Tensor rows(Tensor x, int[] indices) {
        if (x.rank() == 0) throw Errors.arg("rows", "a scalar has no rows", null);
        if (indices == null) throw Errors.arg("rows", "indices are null", null);
        int n = (int) x.shape[0];
        for (int i : indices) {
            if (i < 0 || i >= n) throw Errors.arg("rows", "index " + i + " is outside 0.." + (n - 1) + " for shape " + Errors.shape(x.shape), null);
        }
        int rowLength = n == 0 ? 0 : (int) (x.numel() / n);
        long[] out = x.shape.clone();
        out[0] = indices.length;
        Shapes.allocatable("rows", out, x.dtype());
        Kernel k = x.k();
        int[] idx = indices.clone();
        return Tensor.record("rows", k.gatherRows(x.data, rowLength, idx), out, g -> new Object[] {k.scatterRows(g, rowLength, idx, n)}, x);
    }
}
