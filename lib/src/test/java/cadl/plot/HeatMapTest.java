package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeatMapTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void contourOfParaboloidLiesOnTheCircle() {
        int n = 41;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -1 + 2.0 * i / (n - 1);
        }
        double[][] z = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j][i] = xs[i] * xs[i] + xs[j] * xs[j];
            }
        }
        List<double[]> segs = Contours.segments(xs, xs, z, 0.27);  // 0.27 / 0.05^2 = 108 is no sum of two squares: off the grid vertices
        assertTrue(segs.size() > 20, "a closed curve through many cells: " + segs.size());
        double cell = 2.0 / (n - 1);
        for (double[] s : segs) {
            for (int p = 0; p < 4; p += 2) {
                double r = Math.hypot(s[p], s[p + 1]);
                // linear interpolation of a quadratic along an edge: error below a cell squared
                assertEquals(Math.sqrt(0.27), r, cell * cell, "endpoint on radius sqrt(0.27)");
            }
        }
        // the curve is closed: every endpoint is shared by exactly two segments
        java.util.Map<String, Integer> ends = new java.util.HashMap<>();
        for (double[] s : segs) {
            ends.merge(String.format("%.9f,%.9f", s[0], s[1]), 1, Integer::sum);
            ends.merge(String.format("%.9f,%.9f", s[2], s[3]), 1, Integer::sum);
        }
        ends.values().forEach(c -> assertEquals(2, c));
    }

    @Test
    void contourOfPlaneIsAStraightLine() {
        double[] xs = {0, 1, 2, 3};
        double[][] z = new double[4][4];
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                z[j][i] = xs[i];  // z = x
            }
        }
        List<double[]> segs = Contours.segments(xs, xs, z, 1.5);
        assertEquals(3, segs.size());
        for (double[] s : segs) {
            assertEquals(1.5, s[0], 1e-12);
            assertEquals(1.5, s[2], 1e-12);
        }
        assertTrue(Contours.segments(xs, xs, z, 7).isEmpty(), "a level above every value has no line");
    }

    @Test
    void levelsAreRoundAndInsideTheRange() {
        HeatMap h = HeatMap.of((x, y) -> x + y, 0, 1, 0, 1, 11).contours(4);
        double[] ls = h.levels();
        assertTrue(ls.length >= 3);
        for (double l : ls) {
            assertTrue(l > 0 && l < 2);
            assertEquals(Math.round(l * 4) / 4.0, l, 1e-12, "round level " + l);
        }
        assertEquals(3, h.contourLevels(0.5, 1, 1.5).levels().length);
    }

    @Test
    void heatMapOfTheLessonsSurfaceRendersAtAskedSize() {
        Figure f = HeatMap.of((x, y) -> Math.sin(10 * x) * Math.exp(-x) * Math.cos(10 * y) * Math.exp(-y),
            -1, 1, -1, 1, 100).valueLabel("cost").figure("Cost over two parameters", "x", "y").size(700, 500);
        BufferedImage img = f.toImage();
        assertEquals(700, img.getWidth());
        assertEquals(500, img.getHeight());
        assertTrue(f.toString().contains("100x100 grid"), f.toString());
        // the middle of the plot is shaded, not white
        int rgb = img.getRGB(300, 250) & 0xffffff;
        assertFalse(rgb == 0xffffff, "plot area shaded");
    }

    @Test
    void tensorGridAndBadShapesAreChecked() {
        Figure f = HeatMap.of(cadl.tensor.Tensor.of(new double[][] {{0, 1, 2}, {1, 2, 3}}), 0, 2, 0, 1)
            .figure("Small", "a", "b");
        assertEquals(Figure.DEFAULT_WIDTH, f.toImage().getWidth());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> HeatMap.of(new double[] {0, 1, 2}, new double[] {0, 1}, new double[][] {{0, 1}, {1, 2}}));
        assertTrue(e.getMessage().contains("2 values") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> HeatMap.of(new double[] {0, 0}, new double[] {0, 1}, new double[][] {{0, 1}, {1, 2}}));
    }
}
