package cadl.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kernels of the float32 fast path: values held in Java arrays (row-major), elementwise ops as plain loops
 * the JIT vectorises, matrix products through the OpenBLAS that ships with ND4J (called on the Java arrays
 * directly). Why: an ND4J call costs 12-110 us before it does any work (a native result buffer, its
 * deallocator, an op context), which dominates networks of small matrices such as Session 2's painting net;
 * these kernels cost about a microsecond plus the arithmetic. Results match ND4J's to float rounding
 * (checked in HostPathTest). Shapes outside what these loops handle go through ND4J as before.
 */
final class Host {
    private Host() {
    }

    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    /** The values of an array as float32, row-major, in a new Java array (one bulk copy when contiguous). */
    static float[] read(INDArray a) {
        if (a.dataType() != DataType.FLOAT) a = a.castTo(DataType.FLOAT);
        float[] out = new float[Math.toIntExact(a.length())];
        if (out.length == 0) return out;
        if (!a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.data().length() == a.length()) {
            a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        } else {
            System.arraycopy(a.dup('c').data().asFloat(), 0, out, 0, out.length);
        }
        return out;
    }

    /** A new float32 ND4J array of {@code shape} holding {@code values} (row-major). */
    static INDArray toNd(float[] values, long[] shape) {
        return shape.length == 0 ? Nd4j.scalar(DataType.FLOAT, values[0]) : Nd4j.create(values, shape, 'c');
    }

    /**
     * Size of the repeating block when {@code small} tiles {@code big} (numpy broadcasting in which
     * {@code small}'s shape, after leading 1s, equals {@code big}'s trailing dimensions), else -1.
     * Equal shapes give the whole length; a one-element {@code small} gives 1.
     */
    static long tile(long[] big, long[] small) {
        if (small.length > big.length) return -1;
        int k = 0;
        while (k < small.length && small[k] == 1) k++;
        long n = 1;
        for (int i = k; i < small.length; i++) {
            if (small[i] != big[big.length - small.length + i]) return -1;
            n *= small[i];
        }
        return n;
    }

    /** {@code out[i] = a[i] op b[i % bn]} (b tiles a). */
    static float[] binTiled(int op, float[] a, float[] b) {
        int n = a.length, bn = b.length;
        float[] out = new float[n];
        if (bn == n) {
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) out[i] = a[i] + b[i]; break;
                case SUB: for (int i = 0; i < n; i++) out[i] = a[i] - b[i]; break;
                case MUL: for (int i = 0; i < n; i++) out[i] = a[i] * b[i]; break;
                default: for (int i = 0; i < n; i++) out[i] = a[i] / b[i];
            }
            return out;
        }
        if (bn == 1) {
            float s = b[0];
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) out[i] = a[i] + s; break;
                case SUB: for (int i = 0; i < n; i++) out[i] = a[i] - s; break;
                case MUL: for (int i = 0; i < n; i++) out[i] = a[i] * s; break;
                default: for (int i = 0; i < n; i++) out[i] = a[i] / s;
            }
            return out;
        }
        for (int r = 0; r < n; r += bn) {
            switch (op) {
                case ADD: for (int j = 0; j < bn; j++) out[r + j] = a[r + j] + b[j]; break;
                case SUB: for (int j = 0; j < bn; j++) out[r + j] = a[r + j] - b[j]; break;
                case MUL: for (int j = 0; j < bn; j++) out[r + j] = a[r + j] * b[j]; break;
                default: for (int j = 0; j < bn; j++) out[r + j] = a[r + j] / b[j];
            }
        }
        return out;
    }

    /** {@code out[i] = a[i % an] op b[i]} (a tiles b). */
    static float[] binTiledLeft(int op, float[] a, float[] b) {
        switch (op) {
            case ADD: return binTiled(ADD, b, a);
            case MUL: return binTiled(MUL, b, a);
            default: {
                int n = b.length, an = a.length;
                float[] out = new float[n];
                for (int r = 0; r < n; r += an) {
                    if (op == SUB) for (int j = 0; j < an; j++) out[r + j] = a[j] - b[r + j];
                    else for (int j = 0; j < an; j++) out[r + j] = a[j] / b[r + j];
                }
                return out;
            }
        }
    }

    /** Sums {@code g} down to a block of {@code n} that tiles it (the reverse of broadcasting). */
    static float[] reduceTiled(float[] g, int n) {
        if (n == g.length) return g;
        float[] out = new float[n];
        if (n == 1) {
            double s = 0;
            for (float v : g) s += v;
            out[0] = (float) s;
            return out;
        }
        for (int r = 0; r < g.length; r += n) {
            for (int j = 0; j < n; j++) out[j] += g[r + j];
        }
        return out;
    }

    static float[] scale(float[] x, float s) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] * s;
        return out;
    }

    static float[] addScalar(float[] x, float s) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] + s;
        return out;
    }

    /** {@code a + b} into a new array (gradient accumulation). */
    static float[] plus(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + b[i];
        return out;
    }

    /** {@code a * b} elementwise into a new array. */
    static float[] times(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] * b[i];
        return out;
    }

    /**
     * Row-major {@code C[m, n] = op(A) op(B)} with {@code op(A)} of shape [m, k] and {@code op(B)} [k, n];
     * {@code ta}/{@code tb} say the stored matrix is the transpose ([k, m] / [n, k]).
     */
    static float[] gemm(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
        float[] c = new float[m * n];
        if (m == 0 || n == 0 || k == 0) return c;
        openblas_nolapack.cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, a, ta ? m : k, b, tb ? k : n, 0f, c, n);
        return c;
    }

    /** The transpose of a row-major [r, c] matrix. */
    static float[] transpose(float[] x, int r, int c) {
        float[] out = new float[x.length];
        final int blk = 32;
        for (int i0 = 0; i0 < r; i0 += blk) {
            int i1 = Math.min(r, i0 + blk);
            for (int j0 = 0; j0 < c; j0 += blk) {
                int j1 = Math.min(c, j0 + blk);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) out[j * r + i] = x[i * c + j];
                }
            }
        }
        return out;
    }

    /**
     * Sum of a row-major array of {@code shape} down to {@code kept} (the same rank, 1 on the summed axes),
     * row-major. Sums in double for accuracy.
     */
    static float[] sum(float[] x, long[] shape, long[] kept) {
        int rank = shape.length;
        boolean[] red = new boolean[rank];
        long outN = 1;
        for (int i = 0; i < rank; i++) {
            red[i] = kept[i] == 1 && shape[i] != 1;
            outN *= kept[i];
        }
        if (outN == 1) {
            double s = 0;
            for (float v : x) s += v;
            return new float[] {(float) s};
        }
        if (rank == 2 && red[0] && !red[1]) {                // column sums
            int r = (int) shape[0], c = (int) shape[1];
            double[] acc = new double[c];
            for (int i = 0; i < r; i++) {
                int o = i * c;
                for (int j = 0; j < c; j++) acc[j] += x[o + j];
            }
            float[] out = new float[c];
            for (int j = 0; j < c; j++) out[j] = (float) acc[j];
            return out;
        }
        if (rank == 2 && red[1] && !red[0]) {                // row sums
            int r = (int) shape[0], c = (int) shape[1];
            float[] out = new float[r];
            for (int i = 0; i < r; i++) {
                double s = 0;
                int o = i * c;
                for (int j = 0; j < c; j++) s += x[o + j];
                out[i] = (float) s;
            }
            return out;
        }
        // general case: add every element into its position in the kept shape
        int[] at = keptOffsets(shape, kept);
        double[] acc = new double[(int) outN];
        for (int e = 0; e < x.length; e++) acc[at[e]] += x[e];
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) out[i] = (float) acc[i];
        return out;
    }

    /** Copies {@code g} (of the kept shape) along the reduced axes to fill {@code shape}. */
    static float[] expand(float[] g, long[] shape, long[] kept) {
        long n = 1;
        for (long s : shape) n *= s;
        float[] out = new float[(int) n];
        if (g.length == 1) {
            Arrays.fill(out, g[0]);
            return out;
        }
        long t = tile(shape, kept);
        if (t > 0) {                                      // e.g. [1, c] over [r, c]
            for (int r = 0; r < out.length; r += g.length) System.arraycopy(g, 0, out, r, g.length);
            return out;
        }
        int[] at = keptOffsets(shape, kept);
        for (int e = 0; e < out.length; e++) out[e] = g[at[e]];
        return out;
    }

    /**
     * For each element of a row-major array of {@code shape}, in order, its offset in a row-major array of
     * {@code kept} (the same rank, with 1 where {@code shape}'s axis was reduced): where a sum over those
     * axes adds it, and where the sum's gradient is read back from.
     */
    private static int[] keptOffsets(long[] shape, long[] kept) {
        int rank = shape.length;
        long[] stride = new long[rank];
        long st = 1;
        for (int i = rank - 1; i >= 0; i--) {
            stride[i] = kept[i] == 1 && shape[i] != 1 ? 0 : st;
            st *= kept[i];
        }
        long n = 1;
        for (long s : shape) n *= s;
        int[] at = new int[(int) n];
        int[] idx = new int[rank];
        int o = 0;
        for (int e = 0; e < at.length; e++) {
            at[e] = o;
            for (int d = rank - 1; d >= 0; d--) {       // odometer step
                idx[d]++;
                o += (int) stride[d];
                if (idx[d] < shape[d]) break;
                o -= (int) (stride[d] * shape[d]);
                idx[d] = 0;
            }
        }
        return at;
    }

    static final int NEG = 0, SQUARE = 1, EXP = 2, LOG = 3, ABS = 4, TANH = 5, SIGMOID = 6, RELU = 7;

    /** Elementwise f(x) for the unary kinds above. */
    static float[] unary(int kind, float[] x) {
        int n = x.length;
        float[] y = new float[n];
        switch (kind) {
            case NEG: for (int i = 0; i < n; i++) y[i] = -x[i]; break;
            case SQUARE: for (int i = 0; i < n; i++) y[i] = x[i] * x[i]; break;
            case EXP: for (int i = 0; i < n; i++) y[i] = (float) Math.exp(x[i]); break;
            case LOG: for (int i = 0; i < n; i++) y[i] = (float) Math.log(x[i]); break;
            case ABS: for (int i = 0; i < n; i++) y[i] = Math.abs(x[i]); break;
            case TANH: for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(x[i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) y[i] = (float) (1 / (1 + Math.exp(-x[i]))); break;
            default: for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0f;
        }
        return y;
    }

    /** The gradient g f'(x) of a unary kind, from the upstream g, the input x and the output y. */
    static float[] unaryGrad(int kind, float[] g, float[] x, float[] y) {
        int n = g.length;
        float[] r = new float[n];
        switch (kind) {
            case NEG: for (int i = 0; i < n; i++) r[i] = -g[i]; break;
            case SQUARE: for (int i = 0; i < n; i++) r[i] = g[i] * x[i] * 2f; break;
            case EXP: for (int i = 0; i < n; i++) r[i] = g[i] * y[i]; break;
            case LOG: for (int i = 0; i < n; i++) r[i] = g[i] / x[i]; break;
            case ABS: for (int i = 0; i < n; i++) r[i] = x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0f; break;
            case TANH: for (int i = 0; i < n; i++) r[i] = g[i] * (1 - y[i] * y[i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) r[i] = g[i] * y[i] * (1 - y[i]); break;
            default: for (int i = 0; i < n; i++) r[i] = y[i] > 0 ? g[i] : 0f;
        }
        return r;
    }
}
