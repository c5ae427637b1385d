package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class AstronautTest {

    @Test
    void bundledImageIsSmallRgb128() throws IOException {
        try (InputStream in = Astronaut.class.getResourceAsStream("astronaut.png")) {
            assertNotNull(in, "resource cadl/data/astronaut.png");
            assertTrue(in.readAllBytes().length < 100_000, "bundled image must stay under 100 KB");
        }
        BufferedImage img = Astronaut.image();
        assertEquals(128, img.getWidth());
        assertEquals(128, img.getHeight());
    }

    @Test
    void loadGivesHeightWidthRgbIn0To255() {
        Tensor t = Astronaut.load(64);
        assertArrayEquals(new int[] {64, 64, 3}, t.shape());
        float[] v = t.toFloatArray();
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        double red = 0;
        double blue = 0;
        for (int i = 0; i < v.length; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
            if (i % 3 == 0) {
                red += v[i];
            } else if (i % 3 == 2) {
                blue += v[i];
            }
        }
        assertTrue(lo >= 0 && hi <= 255, lo + ".." + hi);
        assertTrue(hi - lo > 200, "a photograph, not a flat image: " + lo + ".." + hi);
        assertTrue(red > blue, "the orange suit makes red dominate blue");
    }

    @Test
    void tensorMatchesImagePixels() {
        BufferedImage img = Astronaut.image(32);
        Tensor t = Astronaut.load(32);
        int rgb = img.getRGB(7, 20); // x = column 7, y = row 20
        assertEquals((rgb >> 16) & 0xff, t.get(20, 7, 0), 0.0);
        assertEquals((rgb >> 8) & 0xff, t.get(20, 7, 1), 0.0);
        assertEquals(rgb & 0xff, t.get(20, 7, 2), 0.0);
    }

    @Test
    void loadWithoutSizeIsTheBundled128() {
        assertArrayEquals(new int[] {128, 128, 3}, Astronaut.load().shape());
    }

    @Test
    void sizeIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Astronaut.image(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertEquals(200, Astronaut.image(200).getWidth());
    }
}
