package cadl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.notebook.Displayable;
import cadl.plot.Panels;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TrainTest {

    @Test
    void inOrderBatchesOfTenCoverHundredIndices() {
        List<int[]> b = Minibatches.inOrder(100, 10).epoch();
        assertEquals(10, b.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, b.get(0));
        assertArrayEquals(new int[] {90, 91, 92, 93, 94, 95, 96, 97, 98, 99}, b.get(9));
    }

    @Test
    void lastPartialBatchIsKeptUnlessDropped() {
        Minibatches m = Minibatches.inOrder(25, 10);
        assertEquals(3, m.count());
        assertArrayEquals(new int[] {20, 21, 22, 23, 24}, m.epoch().get(2));
        Minibatches d = m.dropLast();
        assertEquals(2, d.count());
        assertEquals(2, d.epoch().size());
    }

    @Test
    void shuffledEpochsArePermutationsFreshEachEpochAndReproducibleUnderASeed() {
        Rng.seed(11);
        Minibatches m = Minibatches.shuffled(50, 7);
        int[] e1 = flatten(m.epoch()), e2 = flatten(m.epoch());
        assertFalse(Arrays.equals(e1, e2), "a new order each epoch");
        int[] sorted = e1.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) assertEquals(i, sorted[i]);
        Rng.seed(11);
        assertArrayEquals(e1, flatten(Minibatches.shuffled(50, 7).epoch()), "same seed, same order");
        int epochs = 0;
        for (int[] batch : m) epochs += batch.length;
        assertEquals(50, epochs, "iterating visits every index once");
    }

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void minibatchesValidateSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Minibatches.shuffled(10, 0));
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void accuracyFromLogitsProbabilitiesAndOneHot() {
        Tensor logits = Tensor.of(new float[][] {{2, 1, 0}, {0, 3, 1}, {5, 0, 9}, {1, 0, 0}});
        int[] labels = {0, 1, 0, 0};
        assertEquals(0.75, Accuracy.of(logits, labels), 1e-12);
        assertEquals(0.75, Accuracy.of(logits.softmax(1), labels), 1e-12);
        Tensor oneHot = Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 0, 0}});
        assertEquals(0.75, Accuracy.of(logits, oneHot), 1e-12);
        assertEquals(0.5, Accuracy.binary(Tensor.of(0.9, 0.2, 0.6, 0.4), new int[] {1, 1, 0, 0}), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> Accuracy.of(logits, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("2 labels"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Accuracy.of(Tensor.zeros(4, 1), labels));
        assertTrue(e2.getMessage().contains("Accuracy.binary"), e2.getMessage());
    }

    @Test
    void historyTableHasTheMeasuredColumns() {
        History h = new History().add(1, 0.5, History.NONE, 0.90).add(2, 0.3, History.NONE, 0.95);
        Table t = h.toTable();
        assertEquals(List.of("epoch", "cost", "valid accuracy"), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(0.95, t.doubleColumn("valid accuracy").get(1), 1e-12);
        assertTrue(h.toString().contains("valid accuracy"), h.toString());
        assertEquals(2, h.last().epoch());
        assertThrows(IllegalArgumentException.class, () -> h.add(3, 0.1, 95.0, History.NONE));
    }

    @Test
    void historyPlotsRenderCostAndAccuracy() {
        History costOnly = new History().add(1, 0.5).add(2, 0.4);
        Displayable p = costOnly.plot();
        assertTrue(p instanceof cadl.plot.Figure);
        Displayable both = new History().add(1, 0.5, 0.8, 0.7).add(2, 0.4, 0.9, 0.8).plot();
        assertTrue(both instanceof Panels);
        assertTrue(costOnly.plotCost().toImage().getWidth() > 0);
    }

    @Test
    void progressPrintsTimeSoFarAndTimeLeftThenTheTotal() {
        long[] now = {0};
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress("epoch", 4, 1, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> now[0]);
        now[0] = 2_000_000_000L;
        String line = p.step("cost %.3f", 0.5);
        assertEquals("epoch 1/4  cost 0.500  [2.0 s so far, about 6.0 s left]", line);
        now[0] = 100_000_000_000L;
        p.step();
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("epoch 2/4  [1 min 40 s so far, about 1 min 40 s left]"), buf.toString(StandardCharsets.UTF_8));
        now[0] = 160_000_000_000L;
        p.step();
        assertEquals("epoch 4/4  cost 0.100  [done in 2 min 40 s]", p.step("cost %.3f", 0.1));
        Progress every = new Progress("iteration", 5, 2, new PrintStream(new ByteArrayOutputStream()), () -> 0L);
        assertNull(every.step());
        assertTrue(every.step() != null);
    }

    @Test
    void anInterruptStopsAMinibatchLoopBetweenTwoSteps() {
        int seen = 0;
        try {
            for (int[] batch : Minibatches.inOrder(100, 10)) {
                seen++;
                if (seen == 3) Thread.currentThread().interrupt();
            }
            org.junit.jupiter.api.Assertions.fail("the loop should have stopped");
        } catch (java.util.concurrent.CancellationException e) {
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Interrupt"), e.getMessage());
        } finally {
            Thread.interrupted();   // clear the flag for the next test
        }
        org.junit.jupiter.api.Assertions.assertEquals(3, seen, "stopped before the fourth batch");
    }
}
