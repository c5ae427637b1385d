package cadl.tensor;


import java.util.Arrays;

/**
 * The float32 kernel: values in {@code float[]}, elementwise work as plain loops the JIT vectorises (one
 * loop per arithmetic, chosen before the loop; no branches on the data, split across {@link Parallel}'s
 * threads above its grain), matrix products in OpenBLAS's sgemm through {@link Blas}. An ND4J call costs 12-110 us before it works (a native buffer, its deallocator, an op
 * context); these cost about a microsecond plus the arithmetic, which is what small networks such as
 * Session 2's painting net need. Convolutions are {@link FloatConv}'s (im2col + sgemm, the batch split across
 * threads); random masks come from {@link Nd4jKernel}.
 */
final class HeapKernel extends Nd4jKernel {
    @Override
    Object full(int n, double v) {
        float[] f = new float[n];
        if (v != 0) Arrays.fill(f, (float) v);
        return f;
    }

    /**
     * Size of the repeating block when {@code small} tiles {@code big} (numpy broadcasting in which {@code small}'s
     * shape, after leading 1s, equals {@code big}'s trailing dimensions), else -1.
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

    /** True when {@code small} equals {@code big} up to some axis and is 1 after it (each value repeats in a run). */
    private static boolean repeats(long[] big, long[] small) {
        long[] s = Shapes.toRank(small, big.length);
        int i = 0;
        while (i < big.length && s[i] == big[i]) i++;
        for (int j = i; j < big.length; j++) if (s[j] != 1) return false;
        return true;
    }

    @Override
    Object binary(Arith op, Object ao, long[] as, Object bo, long[] bs, long[] out) {
        float[] a = (float[]) ao, b = (float[]) bo;
        if (a.length == 0 || b.length == 0) return new float[(int) Shapes.count("binary", out)];
        if (out == as || Arrays.equals(out, as)) {
            if (tile(out, bs) >= 0) return tiled(op, a, b, false);
        } else if (Arrays.equals(out, bs) && tile(out, as) >= 0) {
            return tiled(op, b, a, true);
        }
        // both broadcast, or a pattern that is not a trailing block: expand both, then one flat loop
        return tiled(op, (float[]) broadcastTo(a, as, out), (float[]) broadcastTo(b, bs, out), false);
    }

    /**
     * {@code big op small} (or {@code small op big} when {@code swap}), small repeating along big: one loop per
     * arithmetic, chosen before the loop, over pieces of big split across threads when it is large.
     */
    private static float[] tiled(Arith op, float[] big, float[] small, boolean swap) {
        int n = big.length, m = small.length;
        float[] y = new float[n];
        if (m == 1 || m == n) {
            Parallel.range(n, Parallel.GRAIN, (lo, hi) -> {
                if (m == 1) scalar(op, big, small[0], swap, y, lo, hi);
                else same(op, big, small, swap, y, lo, hi);
            });
        } else if (m >= RUN || n < 4 * RUN) {
            Parallel.range(n / m, Math.max(1, Parallel.GRAIN / m), (lo, hi) -> {
                for (int r = lo * m; r < hi * m; r += m) row(op, big, small, swap, y, r);
            });
        } else {
            // short rows (a bias over channels): small repeated into one run of whole rows, and big's runs copied to
            // offset 0 first, so the loop reads both at the same index and the JIT vectorises it (it does not when
            // the two offsets differ: 184 -> 103 us for [50, 14, 14, 32] + [32])
            float[] tile = rowsOf(small, m);
            int run = tile.length, runs = n / run;
            Parallel.range(runs, Math.max(1, Parallel.GRAIN / run), (lo, hi) -> {
                float[] t = new float[run];
                for (int r = lo * run; r < hi * run; r += run) {
                    System.arraycopy(big, r, t, 0, run);
                    same(op, t, tile, swap, t, 0, run);
                    System.arraycopy(t, 0, y, r, run);
                }
            });
            for (int r = runs * run; r < n; r += m) row(op, big, small, swap, y, r);
        }
        return y;
    }

    /** Rows shorter than this are handled in runs of whole rows of about this length. */
    private static final int RUN = 2048;

    /** {@code small} (a row of m values) repeated into a run of whole rows of about {@link #RUN} values. */
    private static float[] rowsOf(float[] small, int m) {
        float[] t = new float[m * Math.max(1, RUN / m)];
        for (int i = 0; i < t.length; i += m) System.arraycopy(small, 0, t, i, m);
        return t;
    }

    private static void scalar(Arith op, float[] big, float c, boolean swap, float[] y, int lo, int hi) {
        switch (op) {
            case ADD: for (int i = lo; i < hi; i++) y[i] = big[i] + c; break;
            case SUB: if (swap) { for (int i = lo; i < hi; i++) y[i] = c - big[i]; break; }
                for (int i = lo; i < hi; i++) y[i] = big[i] - c; break;
            case MUL: for (int i = lo; i < hi; i++) y[i] = big[i] * c; break;
            case DIV: if (swap) { for (int i = lo; i < hi; i++) y[i] = c / big[i]; break; }
                for (int i = lo; i < hi; i++) y[i] = big[i] / c; break;
            default: for (int i = lo; i < hi; i++) y[i] = big[i] == c ? 1f : 0f;
        }
    }

    private static void same(Arith op, float[] big, float[] small, boolean swap, float[] y, int lo, int hi) {
        switch (op) {
            case ADD: for (int i = lo; i < hi; i++) y[i] = big[i] + small[i]; break;
            case SUB: if (swap) { for (int i = lo; i < hi; i++) y[i] = small[i] - big[i]; break; }
                for (int i = lo; i < hi; i++) y[i] = big[i] - small[i]; break;
            case MUL: for (int i = lo; i < hi; i++) y[i] = big[i] * small[i]; break;
            case DIV: if (swap) { for (int i = lo; i < hi; i++) y[i] = small[i] / big[i]; break; }
                for (int i = lo; i < hi; i++) y[i] = big[i] / small[i]; break;
            default: for (int i = lo; i < hi; i++) y[i] = big[i] == small[i] ? 1f : 0f;
        }
    }

    /** One row {@code big[r .. r + small.length)} against all of small. */
    private static void row(Arith op, float[] big, float[] small, boolean swap, float[] y, int r) {
        int m = small.length;
        switch (op) {
            case ADD: for (int j = 0; j < m; j++) y[r + j] = big[r + j] + small[j]; break;
            case SUB: if (swap) { for (int j = 0; j < m; j++) y[r + j] = small[j] - big[r + j]; break; }
                for (int j = 0; j < m; j++) y[r + j] = big[r + j] - small[j]; break;
            case MUL: for (int j = 0; j < m; j++) y[r + j] = big[r + j] * small[j]; break;
            case DIV: if (swap) { for (int j = 0; j < m; j++) y[r + j] = small[j] / big[r + j]; break; }
                for (int j = 0; j < m; j++) y[r + j] = big[r + j] / small[j]; break;
            default: for (int j = 0; j < m; j++) y[r + j] = big[r + j] == small[j] ? 1f : 0f;
        }
    }

    // ---------------------------------------------------------------- convolutions: im2col + sgemm on every core

    @Override
    Object conv2d(Object x, long[] xs, Object w, long[] ws, int stride, Padding p) {
        return FloatConv.conv2d((float[]) x, xs, (float[]) w, ws, stride, p);
    }

    @Override
    Object conv2dInputGrad(Object g, long[] gs, Object w, long[] ws, long[] xs, int stride, Padding p) {
        return FloatConv.inputGrad((float[]) g, xs, (float[]) w, ws, stride, p);
    }

    @Override
    Object conv2dFilterGrad(Object x, long[] xs, Object g, long[] gs, long[] ws, int stride, Padding p) {
        return FloatConv.filterGrad((float[]) x, xs, (float[]) g, ws, stride, p);
    }

    @Override
    Object affine(Object xo, double s, double t) {
        float[] x = (float[]) xo, y = new float[x.length];
        float fs = (float) s, ft = (float) t;
        Parallel.range(x.length, Parallel.GRAIN, (lo, hi) -> {
            for (int i = lo; i < hi; i++) y[i] = fs * x[i] + ft;
        });
        return y;
    }

    @Override
    Object map(Fn f, Object xo) {
        float[] x = (float[]) xo, y = new float[x.length];
        Parallel.range(x.length, f == Fn.ABS || f == Fn.SQRT ? Parallel.GRAIN : Parallel.GRAIN / 8, (lo, hi) -> map(f, x, y, lo, hi));
        return y;
    }

    /** The transcendental functions cost tens of nanoseconds each, so their loops split at an eighth of the grain. */
    private static void map(Fn f, float[] x, float[] y, int lo, int hi) {
        switch (f) {
            case EXP: for (int i = lo; i < hi; i++) y[i] = (float) Math.exp(x[i]); break;
            case LOG: for (int i = lo; i < hi; i++) y[i] = (float) Math.log(x[i]); break;
            case SQRT: for (int i = lo; i < hi; i++) y[i] = (float) Math.sqrt(x[i]); break;
            case ABS: for (int i = lo; i < hi; i++) y[i] = Math.abs(x[i]); break;
            case SIGN: for (int i = lo; i < hi; i++) y[i] = Math.signum(x[i]); break;
            case SIN: for (int i = lo; i < hi; i++) y[i] = (float) Math.sin(x[i]); break;
            case COS: for (int i = lo; i < hi; i++) y[i] = (float) Math.cos(x[i]); break;
            case TANH: for (int i = lo; i < hi; i++) y[i] = (float) Math.tanh(x[i]); break;
            default: for (int i = lo; i < hi; i++) y[i] = (float) (1 / (1 + Math.exp(-x[i])));
        }
    }

    @Override
    Object pow(Object xo, double p) {
        float[] x = (float[]) xo, y = new float[x.length];
        Parallel.range(x.length, Parallel.GRAIN / 8, (lo, hi) -> {
            for (int i = lo; i < hi; i++) y[i] = (float) Math.pow(x[i], p);
        });
        return y;
    }

    @Override
    Object clamp(Object xo, double lo, double hi) {
        float[] x = (float[]) xo, y = new float[x.length];
        float l = (float) lo, h = (float) hi;
        // Math.max/min keep NaN and compile to vector max/min: no branch to mispredict on data whose sign is random
        Parallel.range(x.length, Parallel.GRAIN, (a, b) -> {
            for (int i = a; i < b; i++) y[i] = Math.min(Math.max(x[i], l), h);
        });
        return y;
    }

    @Override
    Object select(Object xo, double c, double above, double otherwise) {
        float[] x = (float[]) xo, y = new float[x.length];
        float fc = (float) c, a = (float) above, o = (float) otherwise;
        for (int i = 0; i < x.length; i++) y[i] = x[i] > fc ? a : o;
        return y;
    }

    /**
     * Without a branch: {@code x > c ? g : below g} as {@code g (m + (1 - m) below)} with the mask
     * {@code m = min(1, max(0, (x - c) 2^127 2^127))}, exactly 1 where x &gt; c (x - c is then positive, at least
     * 2^-149, and the scaling lifts it to 1 or more) and exactly 0 elsewhere. A branch on the sign of x, as in
     * ReLU's backward, is mispredicted half the time on real activations: 15x slower on [50, 14, 14, 32].
     * A NaN x gives a NaN gradient.
     */
    @Override
    Object gate(Object go, Object xo, double c, double below) {
        float[] g = (float[]) go, x = (float[]) xo, y = new float[g.length];
        float fc = (float) c, b = (float) below, big = 0x1p127f;
        Parallel.range(g.length, Parallel.GRAIN, (lo, hi) -> {
            if (b == 0f) {
                for (int i = lo; i < hi; i++) y[i] = g[i] * Math.min(1f, Math.max(0f, (x[i] - fc) * big * big));
            } else {
                for (int i = lo; i < hi; i++) {
                    float m = Math.min(1f, Math.max(0f, (x[i] - fc) * big * big));
                    y[i] = g[i] * (m + (1f - m) * b);
                }
            }
        });
        return y;
    }

    @Override
    Object inside(Object xo, double lo, double hi) {
        float[] x = (float[]) xo, y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] >= lo && x[i] <= hi ? 1f : 0f;
        return y;
    }

    /**
     * Sums in float32 keep count of long runs by adding float partial sums of at most {@link #BLOCK} values into a
     * double: a float partial is exact to about 1e-5 of its size, and the double total keeps counting past 2^24
     * values. Partials run in eight independent lanes (a single running sum waits on each addition before the
     * next), and the blocks, fixed in size, do not depend on the thread count, so neither does the result.
     */
    private static final int BLOCK = 512;

    /** The sum of {@code x[lo .. hi)} (see {@link #BLOCK}). */
    private static double sum(float[] x, int lo, int hi) {
        double t = 0;
        for (int b = lo; b < hi; b += BLOCK) {
            int end = Math.min(hi, b + BLOCK), i = b;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (; i + 8 <= end; i += 8) {
                s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3];
                s4 += x[i + 4]; s5 += x[i + 5]; s6 += x[i + 6]; s7 += x[i + 7];
            }
            for (; i < end; i++) s0 += x[i];
            t += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
        return t;
    }

    @Override
    Object sum(Object xo, long[] s, long[] kept) {
        float[] x = (float[]) xo;
        long outN = Shapes.count("sum", kept);
        if (x.length == 0) return new float[(int) outN];   // a sum over nothing is 0 (and an empty result stays empty)
        if (outN == 1) return new float[] {(float) sum(x, 0, x.length)};
        int m = (int) outN;
        if (tile(s, kept) == outN) {                        // leading axes summed, e.g. [N, H, W, C] -> [1, 1, 1, C]
            return x.length < 4 * RUN ? sumRows(x, m) : sumRowsInRuns(x, m);
        }
        if (repeats(s, kept)) {                             // trailing axes summed, e.g. [N, K] -> [N, 1]
            int run = x.length / m;
            float[] out = new float[m];
            Parallel.range(m, Math.max(1, Parallel.GRAIN / Math.max(1, run)), (lo, hi) -> {
                for (int i = lo; i < hi; i++) out[i] = (float) sum(x, i * run, i * run + run);
            });
            return out;
        }
        return super.sum(xo, s, kept);
    }

    /** Column sums of x viewed as rows of m values, in one pass of double adds (few values). */
    private static float[] sumRows(float[] x, int m) {
        double[] acc = new double[m];
        for (int r = 0; r < x.length; r += m) {
            for (int j = 0; j < m; j++) acc[j] += x[r + j];
        }
        return Kernel.floats(acc);
    }

    /** Column sums of x viewed as rows of m values, for many values (split across threads). */
    private static float[] sumRowsInRuns(float[] x, int m) {
        // runs of whole rows (about RUN values) copied to offset 0 and added lane by lane into float partials,
        // the same index on both sides so the adds vectorise; each group of 64 runs is folded into doubles in
        // order, so the result does not depend on the thread count
        int run = m * Math.max(1, RUN / m), runs = x.length / run, groups = (runs + 63) / 64;
        double[][] folded = new double[groups][];
        Parallel.range(groups, 1, (lo, hi) -> {
            float[] t = new float[run], part = new float[run];
            for (int gi = lo; gi < hi; gi++) {
                Arrays.fill(part, 0f);
                for (int r = gi * 64; r < Math.min(runs, gi * 64 + 64); r++) {
                    System.arraycopy(x, r * run, t, 0, run);
                    for (int j = 0; j < run; j++) part[j] += t[j];
                }
                double[] f = new double[m];
                for (int j = 0; j < run; j++) f[j % m] += part[j];
                folded[gi] = f;
            }
        });
        double[] acc = new double[m];
        for (double[] f : folded) {
            for (int j = 0; j < m; j++) acc[j] += f[j];
        }
        for (int i = runs * run; i < x.length; i++) acc[i % m] += x[i];
        return Kernel.floats(acc);
    }

    @Override
    Object logSoftmax(Object xo, long[] s, int axis) {
        if (axis != s.length - 1) return super.logSoftmax(xo, s, axis);
        float[] x = (float[]) xo, y = new float[x.length];             // the last axis: one pass per row
        int k = (int) s[axis];
        for (int o = 0; k > 0 && o < x.length; o += k) {
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = o; j < o + k; j++) mx = Math.max(mx, x[j]);   // Math.max keeps NaN
            double se = 0;
            for (int j = o; j < o + k; j++) se += Math.exp(x[j] - mx);
            float lse = (float) Math.log(se);
            for (int j = o; j < o + k; j++) y[j] = x[j] - mx - lse;
        }
        return y;
    }

    @Override
    Object max(Object xo, long[] s, long[] kept) {
        float[] x = (float[]) xo;
        int m = (int) Shapes.count("max", kept);
        if (m == 0 || !repeats(s, kept)) return super.max(xo, s, kept);
        int run = x.length / m;                                     // trailing axes, e.g. the rows of logits
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            float b = Float.NEGATIVE_INFINITY;
            for (int j = i * run, end = j + run; j < end; j++) {
                if (x[j] > b) b = x[j];
                else if (x[j] != x[j]) {                            // NaN wins
                    b = x[j];
                    break;
                }
            }
            y[i] = b;
        }
        return y;
    }

    @Override
    Object broadcastTo(Object xo, long[] s, long[] out) {
        float[] x = (float[]) xo;
        if (Arrays.equals(s, out)) return x;
        float[] y = new float[(int) Shapes.count("broadcast", out)];
        if (y.length == 0) return y;                                   // an empty result (e.g. a batch of 0 rows)
        if (x.length == 1) {
            Arrays.fill(y, x[0]);
        } else if (tile(out, s) > 0) {                                // e.g. [1, c] over [r, c]
            for (int r = 0; r < y.length; r += x.length) System.arraycopy(x, 0, y, r, x.length);
        } else if (y.length % x.length == 0 && repeats(out, s)) {    // e.g. [r, 1] over [r, c]
            int k = y.length / x.length;
            for (int i = 0; i < x.length; i++) Arrays.fill(y, i * k, i * k + k, x[i]);
        } else {
            return super.broadcastTo(xo, s, out);
        }
        return y;
    }

    @Override
    Object gather(Object xo, int[] map) {
        float[] x = (float[]) xo, y = new float[map.length];
        for (int i = 0; i < map.length; i++) y[i] = x[map[i]];
        return y;
    }

    @Override
    Object scatterAdd(Object xo, int[] map, int n) {
        float[] x = (float[]) xo;
        double[] acc = new double[n];
        for (int i = 0; i < map.length; i++) acc[map[i]] += x[i];
        return Kernel.floats(acc);
    }

    @Override
    Object scatterMax(Object xo, int[] map, int n) {
        float[] x = (float[]) xo, y = new float[n];
        Arrays.fill(y, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < map.length; i++) {
            float v = x[i], m = y[map[i]];
            if (v > m || v != v) y[map[i]] = m != m ? m : v;
        }
        return y;
    }

    @Override
    Object permute(Object xo, long[] s, int[] dims) {
        if (s.length != 2 || dims[0] == 0) return super.permute(xo, s, dims);
        float[] x = (float[]) xo, y = new float[x.length];              // a blocked 2-D transpose
        int r = (int) s[0], c = (int) s[1];
        final int blk = 32;
        for (int i0 = 0; i0 < r; i0 += blk) {
            for (int j0 = 0; j0 < c; j0 += blk) {
                for (int i = i0, i1 = Math.min(r, i0 + blk); i < i1; i++) {
                    for (int j = j0, j1 = Math.min(c, j0 + blk); j < j1; j++) y[j * r + i] = x[i * c + j];
                }
            }
        }
        return y;
    }
}
