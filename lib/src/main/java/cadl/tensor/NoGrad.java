package cadl.tensor;

import java.util.function.Supplier;

/**
 * Turns off graph recording, for evaluation and for parameter updates:
 * {@code try (var ng = NoGrad.enter()) { ... }} or {@code NoGrad.run(() -> model.forward(x))}.
 * Results computed inside never require gradients.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {
    }

    /** Enters a no-gradient region (nestable). */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** Evaluates {@code body} without recording a graph. */
    public static <T> T run(Supplier<T> body) {
        try (NoGrad ignored = enter()) {
            return body.get();
        }
    }

    /** Runs {@code body} (a statement, e.g. a parameter update) without recording a graph. */
    public static void run(Runnable body) {
        try (NoGrad ignored = enter()) {
            body.run();
        }
    }

    /** True inside a no-gradient region. */
    public static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (!closed) {
            DEPTH.get()[0]--;
            closed = true;
        }
    }
}
