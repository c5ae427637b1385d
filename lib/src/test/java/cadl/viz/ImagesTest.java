package cadl.viz;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesTest {

    private static Tensor ramp(int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 37) % 256;
        }
        return Tensor.of(v, shape);
    }

    @Test
    void greyUnitTensorRoundTripsThroughImage() {
        Tensor bytes = ramp(5, 7);
        Tensor unit = bytes.div(255.0);
        Image img = Images.image(unit);
        assertEquals(7, img.width());
        assertEquals(5, img.height());
        assertTrue(img.isGrey());
        Tensor back = img.toTensor(Images.Range.UNIT);
        assertArrayEquals(new int[]{5, 7}, back.shape());
        assertArrayEquals(unit.toFloatArray(), back.toFloatArray(), 1e-6f);
    }

    @Test
    void rgbByteTensorRoundTripsExactly() {
        Tensor bytes = ramp(4, 6, 3);
        Image img = Images.image(bytes, Images.Range.BYTES);
        assertEquals(3, img.channels());
        Tensor back = img.toTensor(Images.Range.BYTES);
        assertArrayEquals(new int[]{4, 6, 3}, back.shape());
        assertArrayEquals(bytes.toFloatArray(), back.toFloatArray(), 0f);
        // pixel (row 1, col 2) holds channels 3*(1*6+2) .. +2 of the ramp
        float[] v = bytes.toFloatArray();
        int i = 3 * (6 + 2);
        assertEquals(((int) v[i] << 16) | ((int) v[i + 1] << 8) | (int) v[i + 2], img.rgb(1, 2));
    }

    @Test
    void greyWithChannelAxisGivesGreyImage() {
        Image img = Images.image(ramp(3, 4, 1), Images.Range.BYTES);
        assertTrue(img.isGrey());
        assertEquals("Image 4x3 grey", img.toString());
        assertArrayEquals(ramp(3, 4).toFloatArray(), img.toTensor(Images.Range.BYTES).toFloatArray(), 0f);
    }

    @Test
    void explicitRangeMapsLoToBlackAndHiToWhiteAndClipsOutside() {
        Tensor t = Tensor.of(new float[]{-3, -1, 0, 1, 5}, 1, 5);
        Image img = Images.image(t, -1, 1);
        assertEquals(0x000000, img.rgb(0, 0));
        assertEquals(0x000000, img.rgb(0, 1));
        assertEquals(0x808080, img.rgb(0, 2)); // 127.5 rounds to 128
        assertEquals(0xFFFFFF, img.rgb(0, 3));
        assertEquals(0xFFFFFF, img.rgb(0, 4));
    }

    @Test
    void normalizedStretchesMinToBlackAndMaxToWhite() {
        Image img = Images.normalized(Tensor.of(new float[]{2, 3, 4}, 1, 3));
        assertEquals(0x000000, img.rgb(0, 0));
        assertEquals(0xFFFFFF, img.rgb(0, 2));
        Image constant = Images.normalized(Tensor.full(7, 2, 2));
        assertEquals(0x808080, constant.rgb(1, 1));
    }

    @Test
    void clipLimitsPixelsTo0And255() {
        Tensor c = Images.clip(Tensor.of(new float[]{-20, 0, 100, 255, 300}, 5));
        assertArrayEquals(new float[]{0, 0, 100, 255, 255}, c.toFloatArray(), 0f);
    }

    @Test
    void wrongRankOrChannelsNamesTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Images.image(Tensor.zeros(2, 3, 4, 5)));
        assertTrue(e.getMessage().contains("[2, 3, 4, 5]"), e.getMessage());
        assertTrue(e.getMessage().contains("[H, W, 3]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Images.image(Tensor.zeros(4, 4, 2)));
        assertTrue(e2.getMessage().contains("[4, 4, 2]"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Images.image(Tensor.zeros(2, 2), 1, 1));
        assertTrue(e3.getMessage().contains("lo 1.0 and hi 1.0"), e3.getMessage());
    }

    @Test
    void areaResizeAveragesBlocksExactly() {
        Tensor t = Tensor.of(new float[]{
                1, 3, 10, 20,
                5, 7, 30, 40,
                0, 0, 2, 2,
                0, 4, 2, 2}, 4, 4);
        Tensor r = Images.resize(t, 2, 2, Images.Interpolation.AREA);
        assertArrayEquals(new int[]{2, 2}, r.shape());
        assertArrayEquals(new float[]{4, 25, 1, 2}, r.toFloatArray(), 1e-5f);
    }

    @Test
    void nearestResizeUpRepeatsPixelsAndKeepsChannels() {
        Tensor t = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor r = Images.resize(t, 2, 4, Images.Interpolation.NEAREST);
        assertArrayEquals(new int[]{2, 4, 3}, r.shape());
        assertArrayEquals(new float[]{1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6},
                r.toFloatArray(), 0f);
    }

    @Test
    void bilinearResizeInterpolatesWithHalfPixelCentres() {
        Tensor t = Tensor.of(new float[]{0, 4}, 1, 2);
        Tensor r = Images.resize(t, 1, 4, Images.Interpolation.BILINEAR);
        // new centres at old x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new float[]{0, 1, 3, 4}, r.toFloatArray(), 1e-6f);
        Tensor constant = Images.resize(Tensor.full(0.5, 7, 5, 3), 3, 11, Images.Interpolation.BILINEAR);
        assertArrayEquals(new int[]{3, 11, 3}, constant.shape());
        for (float v : constant.toFloatArray()) {
            assertEquals(0.5f, v, 1e-6f);
        }
    }

    @Test
    void java2dResizeGivesNewSizeAndKeepsGrey() {
        BufferedImage grey = Images.toBufferedImage(ramp(10, 20), 0, 255);
        for (Images.Interpolation how : Images.Interpolation.values()) {
            BufferedImage r = Images.resize(grey, 5, 8, how);
            assertEquals(8, r.getWidth());
            assertEquals(5, r.getHeight());
            assertTrue(Images.isGrey(r), how.toString());
        }
        BufferedImage flatGrey = Images.toBufferedImage(Tensor.full(100, 16, 16), 0, 255);
        for (Images.Interpolation how : Images.Interpolation.values()) {
            BufferedImage r = Images.resize(flatGrey, 5, 7, how);
            assertEquals(100, r.getRaster().getSample(3, 2, 0), how + " keeps grey values");
        }
        BufferedImage flat = Images.toBufferedImage(Tensor.full(100, 16, 16, 3), 0, 255);
        BufferedImage area = Images.resize(flat, 3, 5, Images.Interpolation.AREA);
        assertEquals(0x646464, area.getRGB(2, 1) & 0xFFFFFF);
    }

    @Test
    void resizeRejectsEmptySize() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Images.resize(Tensor.zeros(4, 4), 0, 3, Images.Interpolation.AREA));
        assertTrue(e.getMessage().contains("height 0 and width 3"), e.getMessage());
    }

    @Test
    void tinyImageDisplaysScaledUpPngWithTextFallback() throws IOException {
        Image digit = Images.image(Tensor.uniform(0, 1, 28, 28));
        assertEquals(4, digit.displayScale());
        Map<String, String> bundle = digit.mimeBundle();
        assertEquals(List.of("image/png", "text/plain"), List.copyOf(bundle.keySet()));
        assertEquals("Image 28x28 grey", bundle.get("text/plain"));
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(112, shown.getWidth());
        assertEquals(112, shown.getHeight());
        // nearest neighbour: a 4x4 block per pixel
        assertEquals(digit.rgb(3, 5) & 0xFF, shown.getRaster().getSample(5 * 4 + 3, 3 * 4 + 2, 0));
        assertEquals(1, Images.image(Tensor.zeros(200, 150, 3)).displayScale());
    }

    @Test
    void saveIsAtomicLeavesNoTempFileAndReadsBack(@TempDir Path dir) throws IOException {
        Image img = Images.image(ramp(6, 9, 3), Images.Range.BYTES);
        Path file = dir.resolve("sub/picture.png");
        img.save(file);
        img.save(file); // overwrite in place
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
        Image back = Images.read(file);
        assertArrayEquals(img.toTensor(Images.Range.BYTES).toFloatArray(), back.toTensor(Images.Range.BYTES).toFloatArray(), 0f);
    }

    @Test
    void saveRejectsAnUnknownExtensionAndWritesNothing(@TempDir Path dir) throws IOException {
        Image img = Images.image(Tensor.zeros(2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> img.save(dir.resolve("x.tiff")));
        assertTrue(e.getMessage().contains(".tiff"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void imageOfCopiesItsSourceAndDropsAlpha() {
        BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 0, 0xFF336699);
        Image img = Image.of(argb);
        argb.setRGB(1, 0, 0xFFFFFFFF);
        assertEquals(0x336699, img.rgb(0, 1));
        assertEquals(3, img.channels());
        BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 1, 0, 77);
        Image g = Image.of(grey);
        grey.getRaster().setSample(0, 1, 0, 0);
        assertEquals(0x4D4D4D, g.rgb(1, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> g.rgb(2, 0));
        assertTrue(e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void saveWritesJpegByExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("photo.jpg");
        Images.image(Tensor.full(0.5, 16, 16, 3)).save(file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(16, back.getWidth());
        assertEquals(0x80, back.getRGB(8, 8) >> 8 & 0xFF, 2);
    }

    @Test
    void readNamesAMissingFile(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> Images.read(dir.resolve("none.png")));
        assertTrue(e.getMessage().contains("none.png"), e.getMessage());
    }
}
