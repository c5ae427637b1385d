package cadl.viz;

import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GifTest {

    /** A 20 wide x 10 high grey frame with the value v. */
    private static Tensor frame(double v) {
        return Tensor.full(v, 10, 20);
    }

    @Test
    void writtenGifReadsBackWithFramesDelayLoopAndSize(@TempDir Path dir) {
        Gif gif = new Gif().delayMillis(200).loopForever();
        gif.add(frame(0)).add(frame(0.5)).add(frame(1));
        assertEquals(3, gif.frameCount());
        Path file = dir.resolve("anim.gif");
        gif.save(file);
        Gif.Decoded d = Gif.read(file);
        assertEquals(3, d.frameCount());
        assertEquals(List.of(200, 200, 200), d.delaysMillis());
        assertEquals(Gif.LOOP_FOREVER, d.loopCount());   // NETSCAPE2.0 extension present, count 0
        assertEquals(20, d.width());
        assertEquals(10, d.height());
        assertEquals(0x000000, d.frames().get(0).getRGB(3, 4) & 0xFFFFFF);
        assertEquals(0x808080, d.frames().get(1).getRGB(3, 4) & 0xFFFFFF);
        assertEquals(0xFFFFFF, d.frames().get(2).getRGB(19, 9) & 0xFFFFFF);
    }

    @Test
    void loopCountAndPlayOnceAreWritten() {
        Gif three = new Gif().loopCount(3).add(frame(0)).add(frame(1));
        assertEquals(3, Gif.read(three.bytes()).loopCount());
        Gif once = new Gif().playOnce().add(frame(0)).add(frame(1));
        assertEquals(Gif.PLAY_ONCE, Gif.read(once.bytes()).loopCount()); // no NETSCAPE2.0 extension
        String raw = new String(three.bytes(), StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("NETSCAPE2.0"));
        assertTrue(!new String(once.bytes(), StandardCharsets.ISO_8859_1).contains("NETSCAPE2.0"));
    }

    @Test
    void perFrameDelaysOverrideTheGifDelayAndRoundToHundredths() {
        Gif gif = new Gif().add(frame(0)).add(Images.image(frame(1)), 1000).add(Images.toBufferedImage(frame(0), 0, 1), 34);
        gif.delayMillis(50); // applies to frames without their own delay, added before or after
        assertEquals(List.of(50, 1000, 30), Gif.read(gif.bytes()).delaysMillis());
        assertEquals(30, gif.frameDelayMillis(2));
    }

    @Test
    void rgbFramesKeepTheirColours() {
        float[] v = new float[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            v[i * 3] = i < 8 ? 1f : 0f;
            v[i * 3 + 2] = i < 8 ? 0f : 1f;
        }
        Gif gif = new Gif().add(Tensor.of(v, 4, 4, 3)).add(Tensor.full(-1, 4, 4, 3), -1, 1);
        Gif.Decoded d = Gif.read(gif.bytes());
        assertEquals(0xFF0000, d.frames().get(0).getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, d.frames().get(0).getRGB(0, 3) & 0xFFFFFF);
        assertEquals(0x000000, d.frames().get(1).getRGB(2, 2) & 0xFFFFFF);
    }

    @Test
    void displaysInlineAsScaledUpGifWithTextFallback() {
        Gif gif = new Gif().delayMillis(200).add(frame(0)).add(frame(1));
        Map<String, String> bundle = gif.mimeBundle();
        assertEquals(List.of("image/gif", "text/plain"), List.copyOf(bundle.keySet()));
        assertEquals("GIF 20x10, 2 frames, 200 ms, loops forever", bundle.get("text/plain"));
        byte[] shown = Base64.getDecoder().decode(bundle.get("image/gif"));
        assertEquals("GIF89a", new String(shown, 0, 6, StandardCharsets.US_ASCII));
        Gif.Decoded d = Gif.read(shown);
        assertEquals(2, d.frameCount());
        assertEquals(20 * 6, d.width());   // longer side 20 -> factor 6 to reach 112
        assertEquals(10 * 6, d.height());
        assertEquals(20, Gif.read(gif.bytes()).width()); // the file itself keeps the frames' size
    }

    @Test
    void saveIsAtomicAndLeavesNoTempFile(@TempDir Path dir) throws IOException {
        Gif gif = new Gif().add(frame(0.2));
        Path file = dir.resolve("one.gif");
        gif.save(file);
        gif.add(frame(0.4)).save(file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(2, Gif.read(file).frameCount());
    }

    @Test
    void framesOfAnotherSizeAreRefusedNamingBothSizes() {
        Gif gif = new Gif().add(frame(0));
        var e = assertThrows(IllegalArgumentException.class, () -> gif.add(Tensor.zeros(28, 28)));
        assertTrue(e.getMessage().contains("28x28") && e.getMessage().contains("20x10"), e.getMessage());
        assertEquals(1, gif.frameCount());
    }

    @Test
    void emptyGifCannotBeWrittenAndBadSettingsAreRefused() {
        var e = assertThrows(IllegalStateException.class, () -> new Gif().bytes());
        assertTrue(e.getMessage().contains("no frames"), e.getMessage());
        assertEquals("GIF (no frames), loops forever", new Gif().toString());
        assertThrows(IllegalArgumentException.class, () -> new Gif().delayMillis(-1));
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Gif().loopCount(0));
        assertTrue(e2.getMessage().contains("loopForever"), e2.getMessage());
        BufferedImage wrong = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        assertEquals(1, new Gif().add(wrong).frameCount());
    }
}
