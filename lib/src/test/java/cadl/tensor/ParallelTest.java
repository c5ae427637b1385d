package cadl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void rangeVisitsEveryIndexOnceForAnySizeAndGrain() {
        for (int n : new int[] {0, 1, 7, 1000, 65_536, 100_003}) {
            for (int grain : new int[] {1, 10, Parallel.GRAIN}) {
                int[] seen = new int[n];
                Parallel.range(n, grain, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) seen[i]++;
                });
                int[] once = new int[n];
                Arrays.fill(once, 1);
                assertArrayEquals(once, seen, "n=" + n + " grain=" + grain);
            }
        }
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Parallel.range(2 * Parallel.GRAIN - 1, Parallel.GRAIN, (lo, hi) -> assertEquals(caller, Thread.currentThread()));
    }

    @Test
    void aFailingChunkFailsTheCallAndLaterCallsStillWork() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.chunks(8, 4, i -> {
            if (i == 5) throw new IllegalStateException("chunk 5");
        }));
        assertEquals("chunk 5", e.getMessage());
        AtomicInteger sum = new AtomicInteger();
        Parallel.chunks(100, 4, sum::addAndGet);
        assertEquals(4950, sum.get());
    }

    @Test
    void callsFromInsideAChunkRunInline() {
        AtomicInteger inner = new AtomicInteger();
        Parallel.chunks(4, 4, i -> Parallel.chunks(10, 4, j -> inner.incrementAndGet()));
        assertEquals(40, inner.get());
    }

    @Test
    void threadCountIsPositive() {
        assertTrue(Parallel.threads() >= 1);
    }
}
