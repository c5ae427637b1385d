package cadl.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.awt.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MatrixPictureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void eachEntryIsASquareColouredBySignOnItsMatrixScale() {
        Tensor m = Tensor.of(new float[] {-2, 0, 2, 1}, 2, 2);
        int cell = 10;
        Image img = MatrixPicture.untitled().cellSize(cell).add("M", m).image();
        // untitled: the matrices start 36 px from the left and 44 px from the top
        int left = 36, top = 44;
        Color negative = new Color(img.rgb(top + 4, left + 4));                 // -2: the most negative -> blue
        Color zero = new Color(img.rgb(top + 4, left + cell + 4));              // 0 -> the map's middle, greyish
        Color positive = new Color(img.rgb(top + cell + 4, left + 4));          // 2 -> red
        Color half = new Color(img.rgb(top + cell + 4, left + cell + 4));       // 1 -> between grey and red
        assertTrue(negative.getBlue() > negative.getRed(), "negative entry should be blue, got " + negative);
        assertTrue(positive.getRed() > positive.getBlue(), "positive entry should be red, got " + positive);
        assertTrue(Math.abs(zero.getRed() - zero.getBlue()) < 40, "zero should be near grey, got " + zero);
        assertTrue(half.getRed() > zero.getRed() - 1 && half.getRed() - half.getBlue() < positive.getRed() - positive.getBlue(),
                "1 should lie between 0 and 2: " + zero + " " + half + " " + positive);
        assertEquals(ColorMap.coolWarm().rgb(0.0) & 0xFFFFFF, img.rgb(top + 4, left + 4) & 0xFFFFFF);
    }

    @Test
    void matricesSitSideBySideAndTheImageGrowsWithThem() {
        Tensor x = Tensor.normal(0, 1, 4, 2);
        Tensor w = Tensor.normal(0, 1, 2, 10);
        Image one = MatrixPicture.titled("t").add("X", x).image();
        MatrixPicture two = MatrixPicture.titled("t").add("X", x).add("W", w, 0).add("b", Tensor.normal(0, 1, 10));
        Image both = two.image();
        assertTrue(both.width() >= one.width() + 10 * MatrixPicture.DEFAULT_CELL, one.width() + " -> " + both.width());
        assertEquals(3, two.size());
        assertEquals("MatrixPicture[X, W (column 0 outlined), b]", two.toString());
        assertTrue(two.mimeBundle().containsKey("image/png"));
    }

    @Test
    void allZeroMatrixDrawsGreyInsteadOfDividingByZero() {
        Image img = MatrixPicture.untitled().cellSize(10).add("Z", Tensor.zeros(2, 3)).image();
        Color c = new Color(img.rgb(44 + 4, 36 + 4));
        assertEquals(ColorMap.coolWarm().color(0.5), c);
    }

    @Test
    void badArgumentsAreExplained() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> MatrixPicture.untitled().add("T", Tensor.zeros(2, 2, 2)));
        assertTrue(e.getMessage().contains("[2, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixPicture.untitled().add("W", Tensor.zeros(2, 10), 10));
        assertTrue(e.getMessage().contains("column 10") && e.getMessage().contains("0..9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MatrixPicture.untitled().add(" ", Tensor.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> MatrixPicture.titled(""));
        assertThrows(IllegalArgumentException.class, () -> MatrixPicture.untitled().cellSize(2));
        var s = assertThrows(IllegalStateException.class, () -> MatrixPicture.untitled().image());
        assertTrue(s.getMessage().contains("add("), s.getMessage());
    }
}
