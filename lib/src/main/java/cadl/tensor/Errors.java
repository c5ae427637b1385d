package cadl.tensor;

import java.util.Arrays;

/** Builds every error message of the engine, so each names the op, what it expected and what it got. */
final class Errors {
    private Errors() {
    }

    static String shape(long[] s) {
        return Arrays.toString(s);
    }

    static String shape(int[] s) {
        return Arrays.toString(s);
    }

    static IllegalArgumentException arg(String op, String problem, String fix) {
        return new IllegalArgumentException(op + ": " + problem + (fix == null || fix.isEmpty() ? "" : " (" + fix + ")"));
    }

    static IllegalStateException state(String op, String problem, String fix) {
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
