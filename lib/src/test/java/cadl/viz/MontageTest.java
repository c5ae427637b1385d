package cadl.viz;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MontageTest {

    /** N images of h x w, image k filled with the grey byte value 10 (k + 1). */
    private static Tensor numbered(int n, int h, int w) {
        float[] v = new float[n * h * w];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < h * w; i++) {
                v[k * h * w + i] = 10 * (k + 1) / 255f;
            }
        }
        return Tensor.of(v, n, h, w);
    }

    private static int grey(int v) {
        return v << 16 | v << 8 | v;
    }

    @Test
    void sideIsCeilOfSquareRoot() {
        int[][] cases = {{1, 1}, {2, 2}, {4, 2}, {5, 3}, {9, 3}, {10, 4}, {100, 10}, {101, 11}, {1000, 32}, {2048, 46}};
        for (int[] c : cases) {
            assertEquals(c[1], Montage.side(c[0]), "n = " + c[0]);
        }
    }

    @Test
    void montageSizeIsSideTimesImagePlusBorderPlusOne() {
        Image m = Montage.of(numbered(5, 3, 4));
        assertEquals(3 * (3 + 1) + 1, m.height());
        assertEquals(3 * (4 + 1) + 1, m.width());
        assertTrue(m.isGrey());
        Image digits = Montage.of(Tensor.zeros(100, 28, 28, 1));
        assertEquals(291, digits.width());
        assertEquals(291, digits.height());
    }

    @Test
    void imagesArePlacedRowByRowBetweenOnePixelBorders() {
        int h = 3;
        int w = 4;
        Image m = Montage.of(numbered(5, h, w));
        int side = 3;
        for (int k = 0; k < side * side; k++) {
            int top = 1 + (k / side) * (h + 1);
            int left = 1 + (k % side) * (w + 1);
            int expected = k < 5 ? grey(10 * (k + 1)) : Montage.BORDER_RGB; // empty cells are background
            assertEquals(expected, m.rgb(top, left), "top-left of cell " + k);
            assertEquals(expected, m.rgb(top + h - 1, left + w - 1), "bottom-right of cell " + k);
            assertEquals(Montage.BORDER_RGB, m.rgb(top - 1, left), "border above cell " + k);
            assertEquals(Montage.BORDER_RGB, m.rgb(top, left - 1), "border left of cell " + k);
            assertEquals(Montage.BORDER_RGB, m.rgb(top + h, left + w), "border below-right of cell " + k);
        }
    }

    @Test
    void rgbImagesGiveAnRgbMontage() {
        float[] v = new float[2 * 2 * 2 * 3];
        for (int i = 0; i < 4; i++) {
            v[i * 3] = 1f;           // image 0 red
            v[12 + i * 3 + 2] = 1f;  // image 1 blue
        }
        Image m = Montage.of(Tensor.of(v, 2, 2, 2, 3));
        assertFalse(m.isGrey());
        assertEquals(2 * 3 + 1, m.width());
        assertEquals(0xFF0000, m.rgb(1, 1));
        assertEquals(0x0000FF, m.rgb(1, 4));
        assertEquals(Montage.BORDER_RGB, m.rgb(4, 4)); // empty cell
    }

    @Test
    void gridReturnsTheNumbersWithTheLessonsBackground() {
        Tensor g = Montage.grid(Tensor.of(new float[]{1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2), 0.5);
        assertArrayEquals(new int[]{7, 7}, g.shape());
        assertEquals(0.5, g.get(0, 0), 0);
        assertEquals(1, g.get(1, 1), 0);
        assertEquals(4, g.get(2, 2), 0);
        assertEquals(5, g.get(1, 4), 0);
        assertEquals(0.5, g.get(4, 1), 0);
        assertArrayEquals(new int[]{7, 7, 3}, Montage.grid(Tensor.zeros(3, 2, 2, 3), 0.5).shape());
    }

    @Test
    void colourMappedMontageUsesOneSymmetricRangeForAllImages() {
        Tensor t = Tensor.of(new float[]{-2, 1, 0, 2}, 4, 1, 1);
        Image m = Montage.of(t, ColorMap.coolWarm());
        assertEquals(5, m.width());
        assertEquals(ColorMap.coolWarm().rgb(0), m.rgb(1, 1));
        assertEquals(ColorMap.coolWarm().rgb(0.75), m.rgb(1, 3));
        assertEquals(ColorMap.coolWarm().rgb(0.5), m.rgb(3, 1));
        assertEquals(ColorMap.coolWarm().rgb(1), m.rgb(3, 3));
        assertEquals(Montage.BORDER_RGB, m.rgb(0, 0));
    }

    @Test
    void listOfMixedImagesBecomesRgbAndSizesMustAgree() {
        Image grey = Images.image(Tensor.full(128 / 255.0, 2, 3));
        BufferedImage red = Images.toBufferedImage(Tensor.of(new float[]{1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}, 2, 3, 3), 0, 1);
        Image m = Montage.of(List.of(grey, red, Tensor.zeros(2, 3)));
        assertFalse(m.isGrey());
        assertEquals(0x808080, m.rgb(1, 1)); // grey kept exact, not gamma-shifted
        assertEquals(0xFF0000, m.rgb(1, 5));
        assertEquals(0x000000, m.rgb(4, 1));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Montage.of(List.of(grey, Images.image(Tensor.zeros(4, 4)))));
        assertTrue(e.getMessage().contains("4x4") && e.getMessage().contains("2x3"), e.getMessage());
    }

    @Test
    void filtersMontageHasOneCellPerInputOutputPair() {
        Image m = Montage.filters(Tensor.normal(0, 1, 5, 5, 1, 32));
        assertEquals(6 * 6 + 1, m.width());   // 32 kernels -> 6 x 6 grid of 5x5
        assertEquals(37, m.height());
        assertFalse(m.isGrey());
        Image second = Montage.filters(Tensor.normal(0, 1, 5, 5, 32, 64));
        assertEquals(46 * 6 + 1, second.width());  // 2048 kernels -> 46 x 46
    }

    @Test
    void filtersAreOrderedInputMajorAndNormalisedByMaxAbs() {
        int in = 2;
        int out = 3;
        float[] w = new float[2 * 2 * in * out];
        // kernel (i, o) holds the constant (i * out + o) - 2.5, so max |w| = 2.5
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        w[((y * 2 + x) * in + i) * out + o] = (i * out + o) - 2.5f;
                    }
                }
            }
        }
        Image m = Montage.filters(Tensor.of(w, 2, 2, in, out));
        int side = 3;
        for (int k = 0; k < in * out; k++) {
            double normalised = (k - 2.5) / 2.5;
            int expected = ColorMap.coolWarm().rgb((normalised + 1) / 2);
            int top = 1 + (k / side) * 3;
            int left = 1 + (k % side) * 3;
            assertEquals(expected, m.rgb(top + 1, left + 1), "kernel " + k);
        }
        assertEquals(ColorMap.coolWarm().rgb(0), m.rgb(1, 1));   // -1 after normalising
        assertEquals(ColorMap.coolWarm().rgb(1), m.rgb(4, 7));   // kernel 5: +1
    }

    @Test
    void wrongShapesAreNamedInTheError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Montage.of(Tensor.zeros(10, 784)));
        assertTrue(e.getMessage().contains("[10, 784]") && e.getMessage().contains("[N, H, W]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Montage.of(Tensor.zeros(4, 5, 5, 2)));
        assertTrue(e2.getMessage().contains("[4, 5, 5, 2]"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Montage.filters(Tensor.zeros(5, 5, 32)));
        assertTrue(e3.getMessage().contains("[5, 5, 32]") && e3.getMessage().contains("[kh, kw, in, out]"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Montage.of(Tensor.zeros(2, 3, 3, 3), ColorMap.viridis()));
        assertTrue(e4.getMessage().contains("[2, 3, 3, 3]"), e4.getMessage());
    }
}
