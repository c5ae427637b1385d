package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** 10 examples of 2 x 2 "images", value i everywhere, labels i % 2; the first 7 train, 3 test. */
    static Dataset partitioned() {
        float[] x = new float[10 * 4];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            java.util.Arrays.fill(x, 4 * i, 4 * i + 4, i);
            labels[i] = i % 2;
        }
        return new Dataset("tiny", Tensor.of(x, 10, 4), labels, List.of("even", "odd"), new int[] {2, 2}, 7);
    }

    @Test
    void trainAndTestAreTheOfficialParts() {
        Dataset d = partitioned();
        assertEquals(7, d.train().n());
        assertEquals(3, d.test().n());
        assertEquals(7.0, d.test().x().get(0, 0), 0.0);
        assertFalse(d.train().hasTrainTest(), "a part has no partition of its own");
        assertFalse(d.test().hasTrainTest());
        assertEquals("Dataset(tiny: x [10, 4] float32, 2 classes, train 7 + test 3)", d.toString());
    }

    @Test
    void itemHasItemShape() {
        Tensor img = partitioned().image(3);
        assertArrayEquals(new int[] {2, 2}, img.shape());
        assertEquals(3.0, img.get(1, 1), 0.0);
    }

    @Test
    void subsetKeepsOrderAndLabels() {
        Dataset s = partitioned().subset(new int[] {9, 0, 9});
        assertEquals(3, s.n());
        assertArrayEquals(new int[] {1, 0, 1}, s.labels());
        assertEquals(9.0, s.x().get(2, 3), 0.0);
        assertThrows(IllegalStateException.class, s::train);
    }

    @Test
    void limitWithoutPartitionTakesTheFirst() {
        Dataset d = partitioned().train().limit(4);
        assertEquals(4, d.n());
        assertEquals(3.0, d.x().get(3, 0), 0.0);
    }

    @Test
    void limitWithPartitionKeepsBothParts() {
        Dataset d = partitioned().limit(5); // 7:3 -> round(3.5) = 4 train, 1 test
        assertEquals(5, d.n());
        assertEquals(4, d.train().n());
        assertEquals(1, d.test().n());
        assertEquals(7.0, d.test().x().get(0, 0), 0.0);
        assertTrue(partitioned().limit(100).n() == 10);
    }

    @Test
    void rowsAcrossPartitionKeepsIt() {
        Dataset d = partitioned().rows(5, 9);
        assertEquals(2, d.trainSize());
        assertEquals(2, d.test().n());
    }

    @Test
    void labelsOutOfRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset("bad",
                Tensor.zeros(2, 3), new int[] {0, 5}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 1 is 5, outside 0..1"), e.getMessage());
    }

    @Test
    void rowCountMustMatchLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset("bad",
                Tensor.zeros(3, 2), new int[] {0, 1}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("[3, 2] has 3 rows but there are 2 labels"), e.getMessage());
    }

    @Test
    void oneHotOfDataset() {
        Tensor y = partitioned().oneHot();
        assertArrayEquals(new int[] {10, 2}, y.shape());
        assertEquals(1.0, y.get(3, 1), 0.0);
        assertEquals(0.0, y.get(3, 0), 0.0);
    }
}
