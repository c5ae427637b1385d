package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PanelsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static Figure fig(String title) {
        return Figure.line(title, "x", "y").series("s", new double[] {0, 1, 2}, new double[] {1, 0, 1});
    }

    @Test
    void oneByThreePanelsHaveTheAskedSizeAndEveryCellIsDrawn() {
        Panels p = Panels.row("Learning rates", fig("rate 0.01"), fig("rate 1"), fig("rate 500")).size(1200, 400);
        BufferedImage img = p.toImage();
        assertEquals(1200, img.getWidth());
        assertEquals(400, img.getHeight());
        // each third of the image has drawn (non-white) pixels below the title band
        for (int c = 0; c < 3; c++) {
            int drawn = 0;
            for (int x = c * 400; x < (c + 1) * 400; x += 3) {
                for (int y = Panels.TITLE_HEIGHT; y < 400; y += 3) {
                    drawn += (img.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
                }
            }
            assertTrue(drawn > 200, "cell " + c + " drawn: " + drawn);
        }
        assertTrue(p.toString().contains("\"rate 500\""), p.toString());
        assertTrue(p.mimeBundle().containsKey("image/png"));
    }

    @Test
    void defaultSizeIsCellsTimesGridPlusTitle() {
        BufferedImage img = Panels.of("Grid", 2, 2, fig("a"), fig("b"), fig("c")).toImage();
        assertEquals(2 * Panels.DEFAULT_CELL_WIDTH, img.getWidth());
        assertEquals(2 * Panels.DEFAULT_CELL_HEIGHT + Panels.TITLE_HEIGHT, img.getHeight());
    }

    @Test
    void tooManyFiguresForTheGridIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Panels.of("T", 1, 2, fig("a"), fig("b"), fig("c")));
        assertTrue(e.getMessage().contains("3 figures") && e.getMessage().contains("1 x 2"), e.getMessage());
    }
}
