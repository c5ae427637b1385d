package cadl.tensor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The engine's threads: how the kernels use more than one core. A loop over a large array, a large matrix
 * product or a convolution over a batch is cut into chunks; the calling thread and up to {@link #threads()}
 * - 1 pool threads take chunks one at a time from a shared counter until none is left. Work below a grain
 * runs on the calling thread alone, as PyTorch does: handing work to another thread costs microseconds, more
 * than a small op takes.
 *
 * <p>The count is the environment variable {@code CADL_THREADS} when it holds a positive integer (the
 * course's kernelspec sets it to the number of cores), else every core the JVM sees. A chunk never depends on
 * which thread runs it, so results are the same for any thread count.
 *
 * <p>Why the caller works too and why waiting threads spin briefly: on a busy machine a pool thread may not
 * get a core in time; the caller then simply takes the remaining chunks itself, so the worst case is about
 * the single-threaded time, never a wait for a thread to be scheduled. A pool thread that ran out of work
 * spins for a short while before it sleeps, because waking a sleeping thread costs tens of microseconds, as
 * much as a whole chunk; it yields its core while it spins, so a busy machine's other threads still run.
 */
final class Parallel {
    private Parallel() {
    }

    /** Elements per chunk of an elementwise loop below which a loop is not split (PyTorch's grain size). */
    static final int GRAIN = 32_768;

    private static final int THREADS = configuredThreads();
    private static final long SPIN_NANOS = 100_000L;
    private static final ConcurrentLinkedQueue<Job> JOBS = new ConcurrentLinkedQueue<>();
    private static final Thread[] WORKERS = new Thread[Math.max(0, THREADS - 1)];
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static volatile boolean started;

    /** A loop body over the indices {@code lo} (inclusive) to {@code hi} (exclusive). */
    interface Range {
        void run(int lo, int hi);
    }

    /** Threads the kernels use: {@code CADL_THREADS} if it is a positive integer, else the number of cores. */
    static int threads() {
        return THREADS;
    }

    private static int configuredThreads() {
        String env = System.getenv("CADL_THREADS");
        if (env != null && !env.isBlank()) {
            try {
                int t = Integer.parseInt(env.trim());
                if (t >= 1) return t;
            } catch (NumberFormatException e) {
                System.err.println("cadl: CADL_THREADS='" + env + "' is not a positive integer; using every core");
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into contiguous pieces of at least {@code grain} indices, on up
     * to {@link #threads()} threads; on the calling thread alone when {@code n < 2 * grain}.
     */
    static void range(int n, int grain, Range body) {
        int pieces = (int) Math.min(threads(), n / (long) Math.max(1, grain));
        if (pieces <= 1) {
            if (n > 0) body.run(0, n);
            return;
        }
        int chunks = Math.min(n, 2 * pieces);   // two per thread: a thread that starts late still finds work
        chunks(chunks, pieces, i -> body.run((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks)));
    }

    /**
     * Runs {@code body.accept(i)} for every chunk {@code i = 0 .. chunks - 1} on the calling thread and up to
     * {@code threads - 1} pool threads, and returns when all are done, rethrowing the first failure. Calls
     * made from inside a chunk run on their own thread alone (no nested splitting).
     */
    static void chunks(int chunks, int threads, IntConsumer body) {
        int helpers = Math.min(Math.min(threads, chunks) - 1, WORKERS.length);
        if (helpers <= 0 || INSIDE.get()) {
            for (int i = 0; i < chunks; i++) body.accept(i);
            return;
        }
        start();
        Job job = new Job(chunks, body);
        JOBS.add(job);
        for (int h = 0; h < helpers; h++) LockSupport.unpark(WORKERS[h]);
        INSIDE.set(true);
        try {
            job.work();
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (job.done.get() < chunks) {       // only chunks a pool thread already started are left
                if (System.nanoTime() < spinUntil) Thread.yield();
                else LockSupport.parkNanos(10_000L);
            }
        } finally {
            INSIDE.set(false);
            JOBS.remove(job);
        }
        Throwable t = job.failure.get();
        if (t instanceof RuntimeException) throw (RuntimeException) t;
        if (t instanceof Error) throw (Error) t;
    }

    /** One call's chunks, taken one at a time by whoever is free. */
    private static final class Job {
        final int chunks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
        }

        /** Takes and runs chunks until none is left; true if it ran any. */
        boolean work() {
            boolean ran = false;
            for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
                ran = true;
                try {
                    if (failure.get() == null) body.accept(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
            return ran;
        }
    }

    private static void start() {
        if (started) return;
        synchronized (Parallel.class) {
            if (started) return;
            for (int i = 0; i < WORKERS.length; i++) {
                Thread t = new Thread(Parallel::serve, "cadl-engine-" + (i + 1));
                t.setDaemon(true);
                WORKERS[i] = t;
                t.start();
            }
            started = true;
        }
    }

    /** A pool thread: runs chunks of queued jobs; spins a little when there are none, then sleeps until woken. */
    private static void serve() {
        INSIDE.set(true);
        long idleSince = System.nanoTime();
        while (true) {
            boolean ran = false;
            for (Job j : JOBS) ran |= j.work();
            if (ran) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.yield();
            } else {
                LockSupport.park();
                idleSince = System.nanoTime();
            }
        }
    }
}
