package cadl.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by the rules and kernels: element counts in long (refusing what a Java array
 * cannot hold or the heap cannot allocate), numpy broadcasting, negative axes, kept shapes of reductions.
 */
final class Shapes {
    /** The most elements one Java array can hold on common JVMs. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {
    }

    /** The number of elements of {@code shape}, in long; refuses negative sizes. */
    static long count(String op, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw Errors.arg(op, "negative size " + d + " in shape " + Arrays.toString(shape), "sizes are >= 0");
            n = d == 0 || n == 0 ? 0 : Math.multiplyHigh(n, d) != 0 || n * d < 0 ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    /**
     * The element count of a new array of {@code shape} and {@code dtype} as an int, refusing (with the shape and
     * the bytes) what one Java array cannot hold or what is larger than the heap could ever give.
     */
    static int allocatable(String op, long[] shape, DType dtype) {
        long n = count(op, shape);
        long bytes = n == Long.MAX_VALUE ? Long.MAX_VALUE : n * dtype.bytes;
        if (n > MAX_ELEMENTS || bytes > Runtime.getRuntime().maxMemory()) {
            throw Errors.arg(op, "shape " + Arrays.toString(shape) + " holds " + (n == Long.MAX_VALUE ? "more than 9.2e18" : String.valueOf(n))
                    + " elements (" + human(bytes) + " as " + dtype + "), more than one tensor can hold (at most "
                    + MAX_ELEMENTS + " elements, and at most the JVM's heap of " + human(Runtime.getRuntime().maxMemory()) + ")",
                    "use smaller sizes");
        }
        return (int) n;
    }

    private static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 9.2e18 bytes";
        return String.format(java.util.Locale.ROOT, "%,d bytes = %.1f GB", bytes, bytes / 1e9);
    }

    static long[] longs(String op, int[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) throw Errors.arg(op, "negative size " + s[i] + " in shape " + Arrays.toString(s), "sizes are >= 0");
            r[i] = s[i];
        }
        return r;
    }

    static int[] ints(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = (int) s[i];
        return r;
    }

    /** numpy's broadcast of two shapes, or an error naming both. */
    static long[] broadcast(String op, long[] a, long[] b) {
        if (Arrays.equals(a, b)) return a;
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            long y = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw Errors.arg(op, "cannot broadcast " + Errors.shape(a) + " with " + Errors.shape(b)
                        + ": sizes " + x + " and " + y + " differ in dimension " + i,
                        "sizes must match or be 1; reshape one operand, e.g. to a column with reshape(-1, 1)");
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }

    /** {@code s} with leading 1s up to {@code rank}. */
    static long[] toRank(long[] s, int rank) {
        if (s.length == rank) return s;
        long[] r = new long[rank];
        Arrays.fill(r, 1);
        System.arraycopy(s, 0, r, rank - s.length, s.length);
        return r;
    }

    /** The axes given (negative ones counted from the end, numpy-style), or all axes when none are given. */
    static int[] axesOrAll(String op, int rank, int... axes) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            r[i] = Errors.axis(op, axes[i], rank);
            if (seen[r[i]]) throw Errors.arg(op, "axis " + axes[i] + " given twice in " + Arrays.toString(axes), null);
            seen[r[i]] = true;
        }
        return r;
    }

    /** {@code s} with size 1 on {@code axes} (the shape a reduction keeps). */
    static long[] kept(long[] s, int[] axes) {
        long[] k = s.clone();
        for (int a : axes) k[a] = 1;
        return k;
    }

    /** {@code s} without {@code axes}. */
    static long[] drop(long[] s, int[] axes) {
        boolean[] drop = new boolean[s.length];
        for (int a : axes) drop[a] = true;
        int n = 0;
        for (boolean d : drop) if (!d) n++;
        long[] r = new long[n];
        for (int i = 0, j = 0; i < s.length; i++) if (!drop[i]) r[j++] = s[i];
        return r;
    }

    /** Row-major strides of {@code s}, with 0 where the size is 1 (so a broadcast read repeats). */
    static long[] broadcastStrides(long[] s) {
        long[] st = new long[s.length];
        long m = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            st[i] = s[i] == 1 ? 0 : m;
            m *= s[i];
        }
        return st;
    }
}
