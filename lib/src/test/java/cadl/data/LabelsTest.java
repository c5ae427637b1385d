package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void oneHotPutsOneInTheLabelsColumn() {
        Tensor y = Labels.oneHot(new int[] {2, 0, 1}, 3);
        assertArrayEquals(new int[] {3, 3}, y.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, y.toFloatArray());
    }

    @Test
    void oneHotRejectsLabelOutOfRangeNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.oneHot(new int[] {0, 1, 10}, 10));
        assertTrue(e.getMessage().contains("label 2 is 10, outside 0..9 for 10 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Labels.oneHot(new int[] {-1}, 10));
    }

    @Test
    void countsPerClass() {
        assertArrayEquals(new int[] {1, 0, 2}, Labels.counts(new int[] {2, 0, 2}, 3));
    }
}
