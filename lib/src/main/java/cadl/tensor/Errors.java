package cadl.tensor;

import java.util.Arrays;

/**
 * Builds every error message of the library, so each names the op, what it expected and what it got
 * (shapes and values) and, where there is an obvious one, the fix:
 * {@code "matmul: cannot multiply [100, 3] by [2, 10]: inner sizes 3 and 2 differ (the columns of the
 * left must equal the rows of the right; transpose one?)"}.
 */
public final class Errors {
    private Errors() {
    }

    /** A shape as {@code [2, 3]}. */
    public static String shape(long[] s) {
        return Arrays.toString(s);
    }

    /** A shape as {@code [2, 3]}. */
    public static String shape(int[] s) {
        return Arrays.toString(s);
    }

    /** {@code op: problem (fix)} as an IllegalArgumentException (bad arguments); fix may be null. */
    public static IllegalArgumentException arg(String op, String problem, String fix) {
        return new IllegalArgumentException(op + ": " + problem + (fix == null || fix.isEmpty() ? "" : " (" + fix + ")"));
    }

    /** {@code op: problem (fix)} as an IllegalStateException (bad state); fix may be null. */
    public static IllegalStateException state(String op, String problem, String fix) {
        return new IllegalStateException(op + ": " + problem + (fix == null || fix.isEmpty() ? "" : " (" + fix + ")"));
    }

    static void checkRank(String op, Tensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw arg(op, "expected " + what + " of rank " + rank + " but got shape " + shape(t.shape()), null);
        }
    }

    static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw arg(op, "axis " + axis + " is out of range for a tensor of rank " + rank, "use 0.." + (rank - 1) + " or -1 for the last");
        }
        return a;
    }
}
