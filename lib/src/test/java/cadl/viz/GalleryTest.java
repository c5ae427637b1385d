package cadl.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GalleryTest {

    @Test
    void imagesAreScaledAndPlacedInRowsWithRoomForCaptions() {
        Tensor images = Tensor.full(1.0, 5, 4, 6);   // five white 4x6 images
        Gallery g = Gallery.of(images, List.of("a", "b", "c", "d", "e")).columns(2).scale(3);
        Image img = g.image();
        // 3 rows of cells, each at least 4 * 3 pixels of image plus a caption line
        assertTrue(img.height() > 3 * (4 * 3 + 10), img.toString());
        assertTrue(img.width() >= 2 * 6 * 3, img.toString());
        assertEquals("Gallery(5 images 4x6, 2 columns)", g.toString());
    }

    @Test
    void titleWidensAndHeightensThePicture() {
        Tensor images = Tensor.zeros(2, 3, 3);
        Image plain = Gallery.of(images, List.of("", "")).image();
        Image titled = Gallery.of(images, List.of("", "")).title("A rather long title for two tiny images").image();
        assertTrue(titled.height() > plain.height());
        assertTrue(titled.width() > plain.width());
    }

    @Test
    void colourMapIsSharedAndSymmetric() {
        // image 0 all -1, image 1 all +2: with coolWarm's symmetric range [-2, 2], -1 is not the blue end
        float[] data = new float[2 * 2 * 2];
        for (int i = 0; i < 4; i++) {
            data[i] = -1;
            data[4 + i] = 2;
        }
        Gallery g = Gallery.of(Tensor.of(data, 2, 2, 2), List.of("neg", "pos")).colorMap(ColorMap.coolWarm()).scale(1).columns(2);
        Image img = g.image();
        ColorMap cw = ColorMap.coolWarm();
        boolean sawQuarter = false;
        boolean sawTop = false;
        for (int r = 0; r < img.height(); r++) {
            for (int c = 0; c < img.width(); c++) {
                int rgb = img.rgb(r, c) & 0xFFFFFF;
                sawQuarter |= rgb == (cw.rgb(0.25) & 0xFFFFFF);
                sawTop |= rgb == (cw.rgb(1.0) & 0xFFFFFF);
            }
        }
        assertTrue(sawQuarter && sawTop);
        assertNotEquals(cw.rgb(0.0) & 0xFFFFFF, cw.rgb(0.25) & 0xFFFFFF);
    }

    @Test
    void wrongShapesAndCountsAreRejectedWithValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> Gallery.of(Tensor.zeros(3, 784), List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("[3, 784]") && e.getMessage().contains("reshape"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> Gallery.of(Tensor.zeros(3, 2, 2), List.of("a")));
        assertTrue(n.getMessage().contains("3 images but 1 captions"), n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gallery.of(Tensor.zeros(1, 2, 2), List.of("a")).scale(0));
    }
}
