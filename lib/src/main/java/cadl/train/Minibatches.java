package cadl.train;

import cadl.notebook.Interrupts;
import cadl.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Splits the indices {@code 0 .. n-1} into batches of {@code batchSize}: minibatch stochastic gradient descent.
 * In order ({@link #inOrder}) or shuffled ({@link #shuffled}) with a fresh permutation from the course's seeded
 * {@link Rng} every time an epoch starts, so {@code Rng.seed(...)} makes the order reproducible.
 *
 * <p><b>The last batch.</b> When {@code batchSize} does not divide {@code n}, the last batch of an epoch is smaller
 * ({@code n % batchSize} indices) and is kept, so every example is seen once per epoch; with
 * {@link #dropLast()} it is left out (every batch then has exactly {@code batchSize} indices).
 *
 * <pre>{@code
 * Minibatches batches = Minibatches.shuffled(1000, 50);
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     for (int[] idx : batches) {            // a new permutation each epoch
 *         Tensor xb = x.rows(idx), yb = y.rows(idx);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class Minibatches implements Iterable<int[]> {
    private final int n, batchSize;
    private final boolean shuffle, dropLast;

    private Minibatches(int n, int batchSize, boolean shuffle, boolean dropLast) {
        if (n < 1) throw new IllegalArgumentException("Minibatches: n (the number of examples) must be >= 1, got " + n);
        if (batchSize < 1) throw new IllegalArgumentException("Minibatches: batchSize must be >= 1, got " + batchSize);
        if (dropLast && batchSize > n) {
            throw new IllegalArgumentException("Minibatches: with dropLast, batchSize " + batchSize + " larger than n " + n + " leaves no batch");
        }
        this.n = n;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
    }

    /** Batches {@code [0 .. b-1], [b .. 2b-1], ...} in the same order every epoch. */
    public static Minibatches inOrder(int n, int batchSize) {
        return new Minibatches(n, batchSize, false, false);
    }

    /** Batches of a new random permutation of {@code 0 .. n-1} each epoch. */
    public static Minibatches shuffled(int n, int batchSize) {
        return new Minibatches(n, batchSize, true, false);
    }

    /** The same batches without the smaller last one. */
    public Minibatches dropLast() {
        return new Minibatches(n, batchSize, shuffle, true);
    }

    /** The batches of one epoch (a new permutation each call when shuffled). */
    public List<int[]> epoch() {
        int[] order = shuffle ? Rng.permutation(n) : identity(n);
        List<int[]> out = new ArrayList<>(count());
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            if (dropLast && to - from < batchSize) break;
            out.add(Arrays.copyOfRange(order, from, to));
        }
        return out;
    }

    /**
     * The batches of a new epoch. Taking each batch checks for Kernel &gt; Interrupt
     * ({@link cadl.notebook.Interrupts#check()}), so a training loop over minibatches stops between two steps.
     */
    @Override
    public Iterator<int[]> iterator() {
        Iterator<int[]> batches = epoch().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public int[] next() {
                Interrupts.check();
                return batches.next();
            }
        };
    }

    /** Batches per epoch: {@code ceil(n / batchSize)}, or {@code floor} with dropLast. */
    public int count() {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The number of examples. */
    public int n() {
        return n;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    @Override
    public String toString() {
        return "Minibatches(n=" + n + ", batchSize=" + batchSize + ", " + (shuffle ? "shuffled" : "in order")
                + (dropLast ? ", dropLast" : "") + ", " + count() + " per epoch)";
    }
}
