package cadl.notebook;

import java.util.concurrent.CancellationException;

/**
 * Lets a long loop in library code stop when the learner presses Kernel &gt; Interrupt.
 *
 * <p>The course kernel interrupts the thread a cell runs on ({@link Thread#interrupt()}) and
 * stops cell code itself; loops inside the library (training steps, long ops) are not cell
 * code, so on JDK 20+ (no {@code Thread.stop}) they stop only where they call {@link #check()}.
 * Call it once per step or batch: it costs one field read. Outside a kernel, and in kernels that
 * do not interrupt, it never throws.
 */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * Throws when the current thread was interrupted, leaving its interrupt flag set so callers
     * further up stop too.
     *
     * @throws CancellationException when the thread was interrupted (Kernel &gt; Interrupt)
     */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted (Kernel > Interrupt): the loop stopped between two steps");
        }
    }
}
