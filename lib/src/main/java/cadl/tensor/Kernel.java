package cadl.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The kernel layer under the rules: where values live and what computes them. A tensor's values are always
 * a row-major Java array, {@code float[]} for float32 and {@code double[]} for float64 (typed {@code Object}
 * here, "an array"); the rules ({@link Elementwise}, {@link Reductions}, {@link Shaping}, {@link Conv}) compute
 * only through these methods, so one rule serves both dtypes. Two kernels implement them:
 * <ul>
 *   <li>{@link HeapKernel} (float32): plain loops the JIT vectorises, OpenBLAS's sgemm on native copies of the
 *       arrays, split over the engine's threads when large ({@link Blas}), and convolutions as matrix products
 *       on every core ({@link FloatConv});</li>
 *   <li>{@link Nd4jKernel} (float64): ND4J's native ops on copies of the arrays,
 *       12-110 us per call, an implementation independent of the loops, so comparing float32 with float64
 *       results checks the loops too.</li>
 * </ul>
 * A kernel never changes its inputs: every method returns a new array (the only in-place writes are the
 * engine's gradient accumulation, {@link #addInto}).
 *
 * <p>Where later speed work goes: {@link #gemm} takes transpose flags (backward passes never copy a
 * transpose), and large GEMMs and convolutions are single calls here, the one place to split them over
 * threads above a grain size or to change the convolution layout.
 */
abstract class Kernel {
    static final HeapKernel HEAP = new HeapKernel();
    static final Nd4jKernel ND4J = new Nd4jKernel();

    /** The kernel for an array of either dtype. */
    static Kernel of(Object values) {
        return values instanceof float[] ? HEAP : ND4J;
    }

    static DType dtype(Object values) {
        return values instanceof float[] ? DType.FLOAT32 : DType.FLOAT64;
    }

    static int length(Object values) {
        return values instanceof float[] ? ((float[]) values).length : ((double[]) values).length;
    }

    /** A new array of {@code dtype} holding {@code values}, rounded to float32 where asked. */
    static Object of(DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) return values.clone();
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }

    /** The values as doubles (a new array). */
    static double[] doubles(Object values) {
        if (values instanceof double[]) return ((double[]) values).clone();
        float[] f = (float[]) values;
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) d[i] = f[i];
        return d;
    }

    /** The values as floats (a new array). */
    static float[] floats(Object values) {
        if (values instanceof float[]) return ((float[]) values).clone();
        double[] d = (double[]) values;
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) d[i];
        return f;
    }

    static Object cast(Object values, DType to) {
        return to == DType.FLOAT32 ? floats(values) : doubles(values);
    }

    static double get(Object values, int i) {
        return values instanceof float[] ? ((float[]) values)[i] : ((double[]) values)[i];
    }

    /** A copy of an array. */
    static Object copy(Object values) {
        return values instanceof float[] ? ((float[]) values).clone() : ((double[]) values).clone();
    }

    // ---------------------------------------------------------------- creation

    /** {@code n} copies of {@code v} ({@code n} checked by {@link Shapes#allocatable}). */
    abstract Object full(int n, double v);

    // ---------------------------------------------------------------- elementwise

    /** The arithmetic of the binary kernels: a small closed set, each computed by both kernels. */
    enum Arith { ADD, SUB, MUL, DIV, EQ }

    /**
     * {@code a op b} elementwise with numpy broadcasting: {@code a} of shape {@code as}, {@code b} of shape {@code bs},
     * result of shape {@code out} (their broadcast). EQ gives 1 where equal, else 0.
     */
    abstract Object binary(Arith op, Object a, long[] as, Object b, long[] bs, long[] out);

    /** {@code a op b} for arrays of one length. */
    final Object binary(Arith op, Object a, Object b) {
        long[] s = {length(a)};
        return binary(op, a, s, b, s, s);
    }

    final Object add(Object a, Object b) {
        return binary(Arith.ADD, a, b);
    }

    final Object mul(Object a, Object b) {
        return binary(Arith.MUL, a, b);
    }

    final Object div(Object a, Object b) {
        return binary(Arith.DIV, a, b);
    }

    /** {@code acc += x} in place (gradient accumulation; {@code acc} is the engine's own array). */
    static void addInto(Object acc, Object x) {
        if (acc instanceof float[]) {
            float[] a = (float[]) acc, b = (float[]) x;
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        } else {
            double[] a = (double[]) acc, b = (double[]) x;
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        }
    }

    /** {@code s x + t} elementwise. */
    abstract Object affine(Object x, double s, double t);

    /** The elementwise functions of the unary rules. */
    enum Fn { EXP, LOG, SQRT, ABS, SIGN, SIN, COS, TANH, SIGMOID }

    /** {@code f(x)} elementwise (NaN in, NaN out). */
    abstract Object map(Fn f, Object x);

    /** {@code x^p} elementwise. */
    abstract Object pow(Object x, double p);

    /** {@code min(max(x, lo), hi)} elementwise, NaN staying NaN. */
    abstract Object clamp(Object x, double lo, double hi);

    /** {@code x > c ? above : otherwise} elementwise (NaN is not above anything). */
    abstract Object select(Object x, double c, double above, double otherwise);

    /** {@code x > c ? g : below * g} elementwise: a gradient let through where x is above c (relu's, leakyRelu's). */
    abstract Object gate(Object g, Object x, double c, double below);

    /** 1 where {@code lo <= x <= hi}, else 0. */
    abstract Object inside(Object x, double lo, double hi);

    // ---------------------------------------------------------------- reductions and broadcasting

    /** The sum of {@code x} (shape {@code s}) down to {@code kept} (same rank, 1 on the summed axes): the adjoint of broadcastTo. */
    Object sum(Object x, long[] s, long[] kept) {
        return scatterAdd(x, walk(s, Shapes.broadcastStrides(kept)), (int) Shapes.count("sum", kept));
    }

    /** The maximum of {@code x} (shape {@code s}) down to {@code kept}; NaN wins, as in PyTorch. */
    Object max(Object x, long[] s, long[] kept) {
        return scatterMax(x, walk(s, Shapes.broadcastStrides(kept)), (int) Shapes.count("max", kept));
    }

    /** {@code x} of shape {@code s} repeated to shape {@code out} (numpy broadcasting). */
    Object broadcastTo(Object x, long[] s, long[] out) {
        return gather(x, walk(out, Shapes.broadcastStrides(Shapes.toRank(s, out.length))));
    }

    /** Indices of the maxima of {@code x} (shape {@code s}) along {@code axis} (the first of ties; a NaN wins), as values of x's dtype. */
    final Object argmax(Object x, long[] s, int axis) {
        long[] kept = s.clone();
        kept[axis] = 1;
        int[] at = walk(s, Shapes.broadcastStrides(kept));
        int n = Kernel.length(x), outN = (int) Shapes.count("argmax", kept);
        long inner = 1;
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        double[] best = new double[outN], idx = new double[outN];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        for (int e = 0; e < n; e++) {
            double v = get(x, e);
            int o = at[e];
            if (idx[o] < 0 || v > best[o] || v != v && best[o] == best[o]) {
                best[o] = v;
                idx[o] = (e / inner) % s[axis];
            }
        }
        return of(dtype(x), idx);
    }

    /** {@code x[map[i]]} for every i: the one loop behind broadcasting, permutes and selections. */
    abstract Object gather(Object x, int[] map);

    /** An array of {@code n} zeros with {@code x[i]} added at {@code map[i]} (sums; float32 accumulates in double). */
    abstract Object scatterAdd(Object x, int[] map, int n);

    /** An array of {@code n} with the maximum of the {@code x[i]} sent to each {@code map[i]}; NaN wins. */
    abstract Object scatterMax(Object x, int[] map, int n);

    /**
     * For each element of {@code shape} in row-major order, the offset {@code sum(index[d] * strides[d])}: the walk
     * that every broadcast, reduction and permutation reads or writes its elements in.
     */
    static int[] walk(long[] shape, long[] strides) {
        int rank = shape.length;
        int n = (int) Shapes.count("walk", shape);
        int[] at = new int[n];
        int[] idx = new int[rank];
        int o = 0;
        for (int e = 0; e < n; e++) {
            at[e] = o;
            for (int d = rank - 1; d >= 0; d--) {       // odometer step
                idx[d]++;
                o += (int) strides[d];
                if (idx[d] < shape[d]) break;
                o -= (int) (strides[d] * shape[d]);
                idx[d] = 0;
            }
        }
        return at;
    }

    /** Log softmax values along {@code axis} of {@code x} (shape {@code s}): x - max - log(sum(e^(x - max))), the stable form. */
    Object logSoftmax(Object x, long[] s, int axis) {
        long[] kept = s.clone();
        kept[axis] = 1;
        Object shifted = binary(Arith.SUB, x, s, max(x, s, kept), kept, s);
        Object lse = map(Fn.LOG, sum(map(Fn.EXP, shifted), s, kept));
        return binary(Arith.SUB, shifted, s, lse, kept, s);
    }

    // ---------------------------------------------------------------- matrices and moves

    /**
     * Row-major {@code C[m, n] = op(A) op(B)} with {@code op(A)} [m, k] and {@code op(B)} [k, n]; {@code ta} / {@code tb}
     * say the stored matrix is the transpose ([k, m] / [n, k]), so no transpose is ever copied for a product.
     * float32 goes through {@link Blas#sgemm} (native scratch buffers, our threads); float64 calls dgemm on the
     * arrays (JavaCPP copies them; float64 serves the gradient checks, not speed).
     */
    final Object gemm(Object a, boolean ta, Object b, boolean tb, int m, int n, int k) {
        if (a instanceof float[]) return Blas.sgemm((float[]) a, ta, (float[]) b, tb, m, n, k);
        Object c = zerosLike(a, Math.multiplyExact(m, n));
        if (m == 0 || n == 0 || k == 0) return c;
        int opA = ta ? CblasTrans : CblasNoTrans, opB = tb ? CblasTrans : CblasNoTrans, lda = ta ? m : k, ldb = tb ? k : n;
        if (c instanceof float[]) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f, (float[]) a, lda, (float[]) b, ldb, 0f, (float[]) c, n);
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, 1.0, (double[]) a, lda, (double[]) b, ldb, 0.0, (double[]) c, n);
        }
        return c;
    }

    /** {@code x} of shape {@code s} with its axes reordered: axis i of the result is axis {@code dims[i]} of x. */
    Object permute(Object x, long[] s, int[] dims) {
        long[] os = new long[s.length], st = new long[s.length], src = new long[s.length];
        long m = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            src[i] = m;
            m *= s[i];
        }
        for (int i = 0; i < s.length; i++) {
            os[i] = s[dims[i]];
            st[i] = src[dims[i]];
        }
        return gather(x, walk(os, st));
    }

    /** A new zero array of x's dtype and length n. */
    static Object zerosLike(Object x, int n) {
        return x instanceof float[] ? new float[n] : new double[n];
    }

    /**
     * Copies blocks between {@code x} of shape {@code s} and {@code y} of the same shape except {@code len} along
     * {@code axis}: {@code y}'s block at {@code from} of x when {@code out}, else into x at {@code from}.
     */
    private static void blocks(Object x, long[] s, Object y, int axis, long from, long len, boolean out) {
        long outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        for (int i = axis + 1; i < s.length; i++) inner *= s[i];
        int block = (int) (len * inner), xStride = (int) (s[axis] * inner), off = (int) (from * inner);
        for (int o = 0; o < outer; o++) {
            if (out) System.arraycopy(x, o * xStride + off, y, o * block, block);
            else System.arraycopy(y, o * block, x, o * xStride + off, block);
        }
    }

    /** Elements {@code from..to-1} along {@code axis} of {@code x} (shape {@code s}). */
    final Object slice(Object x, long[] s, int axis, long from, long to) {
        Object y = zerosLike(x, (int) (length(x) / Math.max(1, s[axis]) * (to - from)));
        blocks(x, s, y, axis, from, to - from, true);
        return y;
    }

    /** A zero array of shape {@code s} with {@code g} (the slice {@code from..to-1} along {@code axis}) placed inside. */
    final Object unslice(Object g, long[] s, int axis, long from, long to) {
        Object x = zerosLike(g, (int) Shapes.count("slice", s));
        blocks(x, s, g, axis, from, to - from, false);
        return x;
    }

    /** The arrays {@code xs} (shapes equal but along {@code axis}) joined along {@code axis} into shape {@code out}. */
    final Object concat(Object[] xs, long[][] shapes, int axis, long[] out) {
        Object y = zerosLike(xs[0], (int) Shapes.count("concat", out));
        long at = 0;
        for (int i = 0; i < xs.length; i++) {
            blocks(y, out, xs[i], axis, at, shapes[i][axis], false);
            at += shapes[i][axis];
        }
        return y;
    }

    /** The rows {@code idx} of {@code x} viewed as [rows, rowLength]. */
    final Object gatherRows(Object x, int rowLength, int[] idx) {
        Object y = zerosLike(x, Math.multiplyExact(idx.length, rowLength));
        for (int i = 0; i < idx.length; i++) System.arraycopy(x, idx[i] * rowLength, y, i * rowLength, rowLength);
        return y;
    }

    /** A zero [rows, rowLength] array with row i of {@code g} added into row {@code idx[i]} (repeated rows add up). */
    final Object scatterRows(Object g, int rowLength, int[] idx, int rows) {
        int[] map = new int[idx.length * rowLength];
        for (int i = 0, e = 0; i < idx.length; i++) {
            for (int j = 0; j < rowLength; j++) map[e++] = idx[i] * rowLength + j;
        }
        return scatterAdd(g, map, rows * rowLength);
    }

    // ---------------------------------------------------------------- convolutions (NHWC, filters [kh, kw, in, out])

    /** conv2d(x, w): images x [N, H, W, C_in], filters w [kh, kw, C_in, C_out] -> [N, H_out, W_out, C_out]. */
    abstract Object conv2d(Object x, long[] xs, Object w, long[] ws, int stride, Padding p);

    /**
     * The gradient for images of shape {@code xs} of {@code sum(conv2d(x, w) * g)}: conv2d's backward for its
     * images and conv2dTranspose's forward (the transposed convolution of g).
     */
    abstract Object conv2dInputGrad(Object g, long[] gs, Object w, long[] ws, long[] xs, int stride, Padding p);

    /** The gradient for the filters (shape {@code ws}) of {@code sum(conv2d(x, w) * g)}. */
    abstract Object conv2dFilterGrad(Object x, long[] xs, Object g, long[] gs, long[] ws, int stride, Padding p);

    // ---------------------------------------------------------------- randomness

    /**
     * A mask of n values: 1 (or {@code 1 / keep} when {@code scaled}) with probability {@code keep}, else 0, from the
     * seeded native generator of {@link Rng}.
     */
    abstract Object bernoulli(int n, double keep, boolean scaled);
}
