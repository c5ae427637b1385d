package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SurfaceTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void lessonsSurfaceRendersAtAskedSizeWithBothEndsOfTheScale() {
        Figure f = Surface.of((x, y) -> Math.sin(10 * x) * Math.exp(-x) * Math.cos(10 * y) * Math.exp(-y),
            -1, 1, -1, 1, 100).figure("Cost over two parameters", "x", "y", "cost").size(640, 480);
        BufferedImage img = f.toImage();
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        // the drawing area (left of the colour bar) has many coloured (non-grey) pixels
        int coloured = 0;
        for (int y = 0; y < 480; y += 2) {
            for (int x = 0; x < 640 - Figure.COLOR_BAR_WIDTH; x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int b = rgb & 255;
                coloured += Math.abs(r - b) > 20 ? 1 : 0;
            }
        }
        assertTrue(coloured > 2000, "surface painted: " + coloured);
        assertTrue(f.toString().contains("surface") && f.toString().contains("100x100"), f.toString());
    }

    @Test
    void flatSurfaceAndOtherViewsRender() {
        Figure f = Surface.of((x, y) -> 1.0, 0, 1, 0, 1, 5).view(0, 90).figure("Flat", "a", "b", "c");
        assertEquals(Figure.DEFAULT_HEIGHT, f.toImage().getHeight());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Surface.of((x, y) -> 1.0, 0, 1, 0, 1, 5).view(10, 120));
        assertTrue(e.getMessage().contains("120"), e.getMessage());
    }
}
