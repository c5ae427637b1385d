package cadl.viz;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorMapTest {

    @Test
    void endpointsAreTheMapsFirstAndLastColours() {
        assertEquals(0x000000, ColorMap.gray().rgb(0));
        assertEquals(0xFFFFFF, ColorMap.gray().rgb(1));
        assertEquals(0x3B4CC0, ColorMap.coolWarm().rgb(0));   // cool blue
        assertEquals(0xB40426, ColorMap.coolWarm().rgb(1));   // warm red
        assertEquals(0x440154, ColorMap.viridis().rgb(0));    // dark violet
        assertEquals(0xFDE725, ColorMap.viridis().rgb(1));    // yellow
        // outside 0..1 is clipped to the ends
        assertEquals(0x3B4CC0, ColorMap.coolWarm().rgb(-5));
        assertEquals(0xFDE725, ColorMap.viridis().rgb(7));
    }

    @Test
    void coolWarmMiddleIsNeutralLightGrey() {
        int mid = ColorMap.coolWarm().rgb(0.5);
        int r = mid >> 16 & 0xFF;
        int g = mid >> 8 & 0xFF;
        int b = mid & 0xFF;
        assertTrue(Math.abs(r - g) <= 4 && Math.abs(g - b) <= 4 && r > 200, Integer.toHexString(mid));
        assertTrue(ColorMap.coolWarm().isDiverging());
        assertFalse(ColorMap.viridis().isDiverging());
    }

    @Test
    void viridisGetsBrighterAlongTheMap() {
        double last = -1;
        for (int i = 0; i <= 10; i++) {
            int c = ColorMap.viridis().rgb(i / 10.0);
            double luma = 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF) + 0.114 * (c & 0xFF);
            assertTrue(luma > last, "step " + i);
            last = luma;
        }
    }

    @Test
    void divergingAutoRangeIsSymmetricAroundZero() {
        Tensor t = Tensor.of(new float[]{-1, 0.5f, 0}, 1, 3);
        assertArrayEquals(new double[]{-1, 1}, ColorMap.coolWarm().autoRange(t), 1e-9);
        Image img = ColorMap.coolWarm().apply(t);
        assertEquals("Image 3x1 RGB", img.toString());
        assertEquals(ColorMap.coolWarm().rgb(0), img.rgb(0, 0));
        assertEquals(ColorMap.coolWarm().rgb(0.75), img.rgb(0, 1));
        assertEquals(ColorMap.coolWarm().rgb(0.5), img.rgb(0, 2));
    }

    @Test
    void sequentialAutoRangeIsMinToMax() {
        Tensor t = Tensor.of(new float[]{2, 4, 6}, 3, 1, 1);
        assertArrayEquals(new double[]{2, 6}, ColorMap.viridis().autoRange(t), 1e-9);
        Image img = ColorMap.viridis().apply(t);
        assertEquals(0x440154, img.rgb(0, 0));
        assertEquals(0xFDE725, img.rgb(2, 0));
    }

    @Test
    void givenRangeClipsValuesOutsideIt() {
        Image img = ColorMap.gray().apply(Tensor.of(new float[]{-10, 0, 5, 10, 99}, 1, 5), 0, 10);
        assertEquals(0x000000, img.rgb(0, 0));
        assertEquals(0x000000, img.rgb(0, 1));
        assertEquals(0x808080, img.rgb(0, 2));
        assertEquals(0xFFFFFF, img.rgb(0, 3));
        assertEquals(0xFFFFFF, img.rgb(0, 4));
    }

    @Test
    void constantTensorShowsTheMiddleColour() {
        Image img = ColorMap.viridis().apply(Tensor.full(3, 2, 2));
        assertEquals(ColorMap.viridis().rgb(0.5), img.rgb(1, 1));
    }

    @Test
    void applyRejectsNonTwoDimensionalTensorsNamingTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> ColorMap.gray().apply(Tensor.zeros(4, 4, 3)));
        assertTrue(e.getMessage().contains("[4, 4, 3]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> ColorMap.gray().apply(Tensor.zeros(784)));
        assertTrue(e2.getMessage().contains("[784]") && e2.getMessage().contains("reshape"), e2.getMessage());
    }

    @Test
    void printsNameAndKind() {
        assertEquals("ColorMap(coolWarm, diverging)", ColorMap.coolWarm().toString());
        assertEquals("ColorMap(viridis, sequential)", ColorMap.viridis().toString());
    }
}
