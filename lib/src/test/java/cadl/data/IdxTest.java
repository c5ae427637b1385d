package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** The bytes of an IDX file: magic (0, 0, type, rank), the sizes, then the data as given. */
    static byte[] idx(int type, int[] shape, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {0, 0, (byte) type, (byte) shape.length});
            for (int s : shape) {
                out.writeInt(s);
            }
            out.write(data);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(plain);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsPlainImagesWithShapeAndUnsignedValues() throws IOException {
        byte[] data = ramp(2 * 3 * 4);
        data[5] = (byte) 255;
        Path f = write("images-idx3-ubyte", idx(0x08, new int[] {2, 3, 4}, data));
        Idx.Array a = Idx.readImages(f);
        assertArrayEquals(new int[] {2, 3, 4}, a.shape());
        assertEquals(24, a.length());
        assertEquals(255, a.get(5));
        assertEquals(3, a.get(0));
        float[] f01 = a.toFloats(1 / 255f);
        assertEquals(1.0f, f01[5], 1e-7);
    }

    @Test
    void gzipIsSniffedByMagicBytesNotByName() throws IOException {
        byte[] data = ramp(60);
        Path plain = write("labels.gz", idx(0x08, new int[] {60}, data)); // plain despite the name
        Path packed = write("labels-no-suffix", gzip(idx(0x08, new int[] {60}, data))); // gzip without .gz
        assertArrayEquals(Idx.readLabels(plain), Idx.readLabels(packed));
        assertEquals(data[59] & 0xff, Idx.readLabels(packed)[59]);
    }

    @Test
    void badMagicNamesFileAndBytes() throws IOException {
        Path f = write("bad-magic", new byte[] {1, 2, 8, 1, 0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("bad-magic"), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x01020801"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void unsupportedDataTypeIsNamed() throws IOException {
        Path f = write("floats", idx(0x0D, new int[] {1}, new byte[4]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("0x0D (32-bit float)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x08 (unsigned byte)"), e.getMessage());
    }

    @Test
    void wrongNumberOfDimensionsSaysExpectedAndActual() throws IOException {
        Path f = write("two-dims", idx(0x08, new int[] {2, 3}, ramp(6)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains("two-dims"), e.getMessage());
        assertTrue(e.getMessage().contains("has 2 dimensions, expected 3 (images: [N, rows, columns])"),
                e.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(f));
        assertTrue(l.getMessage().contains("expected 1 (labels: [N])"), l.getMessage());
    }

    @Test
    void truncatedPlainFileSaysHowMuchIsMissing() throws IOException {
        Path f = write("short", idx(0x08, new int[] {10, 2, 2}, ramp(30)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("short"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 40 data bytes (10 x 2 x 2) after the 16-byte header, found 30"),
                e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipContentSaysHowMuchIsMissing() throws IOException {
        Path f = write("short.gz", gzip(idx(0x08, new int[] {10, 2, 2}, ramp(30))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("short.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 40 data bytes (10 x 2 x 2) after the 16-byte header, found only 30"),
                e.getMessage());
    }

    @Test
    void cutGzipStreamIsReportedAsCorrupt() throws IOException {
        byte[] packed = gzip(idx(0x08, new int[] {50, 4, 4}, ramp(800)));
        Path f = write("cut.gz", Arrays.copyOf(packed, packed.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }

    @Test
    void trailingBytesAreRejectedPlainAndGzip() throws IOException {
        byte[] plain = idx(0x08, new int[] {3}, ramp(5)); // declares 3 values, holds 5
        Path f = write("long", plain);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("expected 3 data bytes (3) after the 8-byte header, found 5"),
                e.getMessage());
        assertTrue(e.getMessage().contains("2 bytes of trailing data"), e.getMessage());
        Path g = write("long.gz", gzip(plain));
        IllegalArgumentException eg = assertThrows(IllegalArgumentException.class, () -> Idx.read(g));
        assertTrue(eg.getMessage().contains("long.gz"), eg.getMessage());
        assertTrue(eg.getMessage().contains("2 bytes of trailing data"), eg.getMessage());
    }

    @Test
    void headerCutShortIsTruncated() throws IOException {
        Path f = write("header", new byte[] {0, 0, 8, 3, 0, 0, 0, 5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("after 1 of its 3 sizes"), e.getMessage());
        Path tiny = write("tiny", new byte[] {0, 0});
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Idx.read(tiny));
        assertTrue(t.getMessage().contains("2 bytes long"), t.getMessage());
    }

    @Test
    void negativeSizeIsCorruptHeader() throws IOException {
        Path f = write("neg", idx(0x08, new int[] {-1}, new byte[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("size of dimension 0 is 4294967295"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nothing-here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(f));
        assertTrue(e.getMessage().contains("nothing-here") && e.getMessage().contains("no such file"),
                e.getMessage());
    }
}
