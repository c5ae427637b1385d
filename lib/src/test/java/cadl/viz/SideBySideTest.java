package cadl.viz;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

    private static Image square(int side, double grey) {
        return Images.image(Tensor.full(grey, side, side));
    }

    @Test
    void picturesAreScaledAndSetInARowWithCaptionBands() {
        Image row = SideBySide.of("t", new String[] {"a", "b"}, 3, square(10, 0), square(10, 1));
        assertEquals(SideBySide.GAP + 30 + SideBySide.GAP + 30 + SideBySide.GAP, row.width());
        assertEquals(2 * SideBySide.BAND + 30 + SideBySide.GAP, row.height());
        int top = 2 * SideBySide.BAND;
        assertEquals(0x000000, row.rgb(top + 15, SideBySide.GAP + 15) & 0xFFFFFF, "first picture, black");
        assertEquals(0xFFFFFF, row.rgb(top + 15, 2 * SideBySide.GAP + 30 + 15) & 0xFFFFFF, "second picture, white");
    }

    @Test
    void defaultScaleMakesSmallPicturesAtLeast280PixelsHigh() {
        Image row = SideBySide.of("digits", new String[] {"a"}, square(28, 0.5));
        assertTrue(row.height() >= 2 * SideBySide.BAND + 280, "height " + row.height());
    }

    @Test
    void aLongTitleWidensTheDrawingSoItIsNotCutOff() {
        String title = "a title much wider than one small square picture, so the row must grow";
        Image row = SideBySide.of(title, new String[] {"x"}, 1, square(10, 0));
        assertTrue(row.width() > 300, "width " + row.width());
        // the picture sits in the middle
        int top = 2 * SideBySide.BAND;
        assertEquals(0x000000, row.rgb(top + 5, row.width() / 2) & 0xFFFFFF, "the black square is centred");
    }

    @Test
    void captionsMustMatchPictures() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SideBySide.of("t", new String[] {"only one"}, 1, square(4, 0), square(4, 1)));
        assertTrue(e.getMessage().contains("2 pictures but 1 captions"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> SideBySide.of("t", new String[] {"a"}, 0, square(4, 0)));
        assertTrue(s.getMessage().contains("got 0"), s.getMessage());
    }
}
