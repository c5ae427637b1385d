package cadl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.viz.Image;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    //                        truth:  0  0  0  1  1  2  2  2  2
    static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    static final int[] PRED = {0, 0, 2, 1, 0, 2, 2, 1, 1};
    static final List<String> NAMES = List.of("cat", "dog", "bird");

    @Test
    void countsTruthByPrediction() {
        ConfusionMatrix cm = ConfusionMatrix.of(PRED, TRUTH, NAMES);
        assertArrayEquals(new int[] {2, 0, 1}, cm.counts()[0]);
        assertArrayEquals(new int[] {1, 1, 0}, cm.counts()[1]);
        assertArrayEquals(new int[] {0, 2, 2}, cm.counts()[2]);
        assertEquals(9, cm.total());
        assertEquals(5.0 / 9, cm.accuracy(), 1e-12);
        assertEquals(4, cm.support(2));
        assertEquals(0.5, cm.recall(2), 1e-12);
        assertEquals(2, cm.count(2, 1));
    }

    @Test
    void mostConfusedListsTheLargestMistakesFirst() {
        List<ConfusionMatrix.Confusion> top = ConfusionMatrix.of(PRED, TRUTH, NAMES).mostConfused(2);
        assertEquals(2, top.size());
        assertEquals("bird -> dog: 2", top.get(0).toString());
        assertEquals(1, top.get(1).count());
        assertEquals(3, ConfusionMatrix.of(PRED, TRUTH, NAMES).mostConfused(10).size());
    }

    @Test
    void accuracyAgreesWithAccuracyOf() {
        int[] truth = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        int[] pred = {3, 1, 4, 2, 5, 9, 2, 6, 3, 3};
        assertEquals(0.8, ConfusionMatrix.of(pred, truth, 10).accuracy(), 1e-12);
    }

    @Test
    void pictureHasAGridForEveryClassAndTheTextTableReadsBack() {
        ConfusionMatrix cm = ConfusionMatrix.of(PRED, TRUTH, NAMES);
        Image img = cm.picture("Test");
        assertTrue(img.width() > 3 * 44 && img.height() > 3 * 44, img.toString());
        assertTrue(cm.mimeBundle().containsKey("image/png"));
        assertEquals(cm.toString(), cm.mimeBundle().get("text/plain"), "a text front end shows the counts");
        String text = cm.toString();
        assertTrue(text.contains("2 bird") && text.contains("true \\ predicted"), text);
    }

    @Test
    void darkerShadeForLargerFractions() {
        assertEquals(255, ConfusionMatrix.shade(0).getRed());
        assertTrue(ConfusionMatrix.shade(1).getRed() < ConfusionMatrix.shade(0.5).getRed());
    }

    @Test
    void mismatchedOrOutOfRangeLabelsAreRejectedWithValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, NAMES));
        assertTrue(e.getMessage().contains("2 predictions but 1"), e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, NAMES));
        assertTrue(r.getMessage().contains("example 1 is 3") && r.getMessage().contains("0..2"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[0], new int[0], NAMES));
    }
}
