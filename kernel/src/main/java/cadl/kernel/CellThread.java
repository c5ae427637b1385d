package cadl.kernel;

import java.lang.reflect.Method;

/**
 * The thread one snippet of a cell runs on. It carries the stop request that
 * {@link StopChecks#check()} reads, so a stop never leaks into the next cell's thread.
 */
final class CellThread extends Thread {

    private static final Method THREAD_STOP = threadStop();
    private volatile long stopRequestedAt;
    private volatile boolean hardStopTried;

    CellThread(Runnable body) {
        super(body, "cadl-cell");
        setDaemon(true);
    }

    /** Marks this thread as stopped and interrupts it (wakes sleeps and waits; library loops may poll it). */
    void requestStop() {
        if (stopRequestedAt == 0) {
            stopRequestedAt = System.currentTimeMillis();
        }
        interrupt();
    }

    boolean stopRequested() {
        return stopRequestedAt != 0;
    }

    /** When the stop was requested (epoch ms), or 0. */
    long stopRequestedAt() {
        return stopRequestedAt;
    }

    boolean hardStopTried() {
        return hardStopTried;
    }

    /**
     * {@code Thread.stop()} where the JDK still supports it (17 to 19): it ends a loop inside
     * library code too. On JDK 20+ it throws UnsupportedOperationException, and then only the
     * checks and the interrupt flag remain.
     */
    void tryHardStop() {
        hardStopTried = true;
        if (THREAD_STOP == null || !isAlive()) {
            return;
        }
        try {
            THREAD_STOP.invoke(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // UnsupportedOperationException on JDK 20+: nothing stronger is available
        }
    }

    /** True when {@code Thread.stop()} works on this JDK. */
    static boolean hardStopAvailable() {
        return THREAD_STOP != null && Runtime.version().feature() < 20;
    }

    private static Method threadStop() {
        try {
            return Thread.class.getMethod("stop");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
