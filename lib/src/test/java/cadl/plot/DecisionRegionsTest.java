package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecisionRegionsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Class 1 right of x = 0, class 0 left of it. */
    static int[] rightIsOne(double[][] pts) {
        int[] c = new int[pts.length];
        for (int i = 0; i < pts.length; i++) {
            c[i] = pts[i][0] > 0 ? 1 : 0;
        }
        return c;
    }

    @Test
    void gridHoldsThePredictedClassOnEachSide() {
        int[][] g = DecisionRegions.of(DecisionRegionsTest::rightIsOne).range(-1, 1, -1, 1).resolution(10).grid();
        for (int[] row : g) {
            for (int i = 0; i < 10; i++) {
                assertEquals(i < 5 ? 0 : 1, row[i]);
            }
        }
    }

    @Test
    void imageIsShadedWithEachClassColourOnItsSide() {
        Figure f = DecisionRegions.of(DecisionRegionsTest::rightIsOne)
            .points(new double[][] {{-0.5, 0.9}, {0.5, 0.9}}, new int[] {0, 1})
            .range(-1, 1, -1, 1).figure("Split at x = 0", "x1", "x2").size(500, 400);
        BufferedImage img = f.toImage();
        assertEquals(500, img.getWidth());
        assertEquals(400, img.getHeight());
        // along the middle row, every class-0 shade lies left of every class-1 shade
        int c0 = DecisionRegions.regionColour(0).getRGB() & 0xffffff;
        int c1 = DecisionRegions.regionColour(1).getRGB() & 0xffffff;
        int left = 0;
        int right = 0;
        int lastLeft = -1;
        int firstRight = 500;
        for (int x = 0; x < 500; x++) {
            int rgb = img.getRGB(x, 200) & 0xffffff;
            if (rgb == c0) {
                left++;
                lastLeft = x;
            }
            if (rgb == c1) {
                right++;
                firstRight = Math.min(firstRight, x);
            }
        }
        assertTrue(lastLeft < firstRight, "class 0 left of class 1: " + lastLeft + " < " + firstRight);
        assertTrue(left > 100 && right > 100, "left " + left + ", right " + right);
    }

    @Test
    void modelOfScoresIsReadByArgmax() {
        // scores [x, -x]: class 0 where x > 0
        DecisionRegions d = DecisionRegions.ofModel(t -> Tensor.concat(1, t.slice(1, 0, 1), t.slice(1, 0, 1).neg()))
            .range(-1, 1, -1, 1).resolution(4);
        int[][] g = d.grid();
        assertEquals(1, g[0][0]);
        assertEquals(0, g[0][3]);
        d.points(Tensor.of(new double[][] {{0.1, 0.2}, {-0.3, 0.4}}), Tensor.of(new double[][] {{1, 0}, {0, 1}}));
        assertTrue(d.figure("Scores", "a", "b").toString().contains("2 classes"));
    }

    @Test
    void mismatchedPointsAndLabelsNameBothCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DecisionRegions.of(DecisionRegionsTest::rightIsOne).points(new double[3][2], new int[2]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalStateException.class,
            () -> DecisionRegions.of(DecisionRegionsTest::rightIsOne).figure("No range", "a", "b"));
    }
}
