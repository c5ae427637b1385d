package cadl.viz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerDiagramTest {

    @Test
    void autoencoderIsAColourDrawingOfTheStatedSize() {
        Image img = LayerDiagram.autoencoder("A fully connected autoencoder", true, 784, 512, 256, 128, 64);
        assertEquals(LayerDiagram.WIDTH, img.width());
        assertEquals(LayerDiagram.HEIGHT, img.height());
        assertFalse(img.isGrey());
        assertEquals(0xFFFFFF, img.rgb(0, 0) & 0xFFFFFF, "white background");
    }

    @Test
    void barsAreMirroredSoTheInputAndTheReconstructionAreEquallyTall() {
        Image img = LayerDiagram.autoencoder("mirror", true, 784, 64);
        // the first and last bars are drawn at the same height around the middle line; the code bar is shorter
        int mid = 205;
        int firstX = 70, lastX = LayerDiagram.WIDTH - 70, codeX = LayerDiagram.WIDTH / 2;
        int top = mid - 110;   // inside the 784 bars (half height 120), outside the 64 bar (half height about 34)
        assertNotEquals(0xFFFFFF, img.rgb(top, firstX) & 0xFFFFFF, "input bar reaches high");
        assertNotEquals(0xFFFFFF, img.rgb(top, lastX) & 0xFFFFFF, "reconstruction bar reaches as high");
        assertEquals(0xFFFFFF, img.rgb(top, codeX) & 0xFFFFFF, "the code bar is shorter");
        assertNotEquals(0xFFFFFF, img.rgb(mid, codeX) & 0xFFFFFF, "the code bar is drawn");
    }

    @Test
    void tiedAndUntiedDrawingsDiffer() {
        Image tied = LayerDiagram.autoencoder("ae", true, 784, 128, 64);
        Image untied = LayerDiagram.autoencoder("ae", false, 784, 128, 64);
        boolean differ = false;
        for (int r = 0; r < tied.height() && !differ; r++) {
            for (int c = 0; c < tied.width() && !differ; c++) {
                differ = tied.rgb(r, c) != untied.rgb(r, c);
            }
        }
        assertTrue(differ, "the decoder's labels say whether its matrices are shared");
    }

    @Test
    void badArgumentsAreNamedWithTheirValues() {
        var tooFew = assertThrows(IllegalArgumentException.class, () -> LayerDiagram.autoencoder("ae", true, 784));
        assertTrue(tooFew.getMessage().contains("[784]"), tooFew.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> LayerDiagram.autoencoder("ae", true, 784, 0));
        assertTrue(negative.getMessage().contains("[784, 0]"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerDiagram.autoencoder(" ", true, 784, 64));
    }
}
