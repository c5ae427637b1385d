package cadl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the binary format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>An IDX file is a big-endian header followed by the values in row-major order:
 * <pre>
 *   byte 0, 1   always 0
 *   byte 2      data type: 0x08 unsigned byte (the only type this reader accepts)
 *   byte 3      number of dimensions (1 for labels, 3 for images)
 *   then one 32-bit size per dimension    ([N] for labels, [N, rows, columns] for images)
 *   then size[0] * size[1] * ... values   (one byte each)
 * </pre>
 * A gzip file is recognised by its first two bytes (0x1f 0x8b), not by its name, so
 * {@code train-images-idx3-ubyte} and {@code train-images-idx3-ubyte.gz} read the same way
 * whatever they are called.
 *
 * <p>Nothing is read silently wrong: a bad magic number, an unsupported data type, the wrong
 * number of dimensions, a negative size, too little data or data left over after the last value
 * each raise an {@link IllegalArgumentException} whose message names the file, what was expected
 * and what was found. A file that cannot be read raises an {@link UncheckedIOException}.
 *
 * <p>Example: {@code int[] labels = Idx.readLabels(Path.of("t10k-labels-idx1-ubyte.gz"));}
 */
public final class Idx {

    /** The IDX type code of unsigned bytes, the only type MNIST uses. */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private Idx() {
    }

    /**
     * The contents of one unsigned-byte IDX file: its sizes and its values in row-major order.
     * Values are unsigned: {@link #get(int)} returns 0..255.
     */
    public static final class Array {
        private final Path file;
        private final int[] shape;
        private final byte[] data;

        Array(Path file, int[] shape, byte[] data) {
            this.file = file;
            this.shape = shape;
            this.data = data;
        }

        /** The file this array was read from. */
        public Path file() {
            return file;
        }

        /** The sizes from the header, for example {@code [60000, 28, 28]} (a copy). */
        public int[] shape() {
            return shape.clone();
        }

        /** Number of dimensions (the header's fourth byte). */
        public int rank() {
            return shape.length;
        }

        /** Size of dimension {@code dim}. */
        public int size(int dim) {
            return shape[dim];
        }

        /** Number of values: the product of the sizes. */
        public int length() {
            return data.length;
        }

        /** The {@code i}-th value in row-major order, as an unsigned number 0..255. */
        public int get(int i) {
            return data[i] & 0xff;
        }

        /** All values as ints 0..255 (a new array). */
        public int[] toInts() {
            int[] out = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = data[i] & 0xff;
            }
            return out;
        }

        /** All values times {@code scale}, as floats (a new array); {@code scale = 1/255f} maps to 0..1. */
        public float[] toFloats(float scale) {
            float[] out = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                out[i] = (data[i] & 0xff) * scale;
            }
            return out;
        }

        /** The raw bytes, shared: for this package's loaders only. */
        byte[] bytes() {
            return data;
        }

        @Override
        public String toString() {
            return "Idx.Array(" + file.getFileName() + ", shape " + Arrays.toString(shape) + ", ubyte)";
        }
    }

    /**
     * Reads an unsigned-byte IDX file of any rank.
     *
     * @param file the file, plain or gzip-compressed
     * @return its sizes and values
     * @throws IllegalArgumentException if the file is missing or not a valid unsigned-byte IDX file
     * @throws UncheckedIOException if reading fails
     */
    public static Array read(Path file) {
        return read(file, -1);
    }

    /**
     * Reads an unsigned-byte IDX file that must have {@code expectedRank} dimensions.
     *
     * @param file         the file, plain or gzip-compressed
     * @param expectedRank the number of dimensions the header must declare, or -1 for any
     * @return its sizes and values
     * @throws IllegalArgumentException if the file is missing, not a valid unsigned-byte IDX file
     *                                  or of another rank
     * @throws UncheckedIOException if reading fails
     */
    public static Array read(Path file, int expectedRank) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Idx: cannot read " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1;
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            long fileSize = Files.size(file);
            return parse(file, in, gzip, fileSize, expectedRank);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Idx: cannot read " + file + ": no such file", e);
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException("Idx: " + file + ": the gzip stream is corrupt or truncated ("
                    + e.getMessage() + "); delete the file and fetch it again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Idx: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX file of images: three dimensions {@code [N, rows, columns]}.
     *
     * @throws IllegalArgumentException if the file is not a valid rank-3 unsigned-byte IDX file
     */
    public static Array readImages(Path file) {
        return read(file, 3);
    }

    /**
     * Reads an IDX file of labels: one dimension {@code [N]}, values 0..255.
     *
     * @return the labels, one int per item
     * @throws IllegalArgumentException if the file is not a valid rank-1 unsigned-byte IDX file
     */
    public static int[] readLabels(Path file) {
        return read(file, 1).toInts();
    }

    private static Array parse(Path file, InputStream in, boolean gzip, long fileSize, int expectedRank)
            throws IOException {
        String what = gzip ? "(gzip) " : "";
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IllegalArgumentException("Idx: " + file + ": " + what + "is " + magic.length
                    + " bytes long, too short for the 4-byte IDX magic number");
        }
        int m0 = magic[0] & 0xff;
        int m1 = magic[1] & 0xff;
        int type = magic[2] & 0xff;
        int rank = magic[3] & 0xff;
        if (m0 != 0 || m1 != 0) {
            throw new IllegalArgumentException(String.format(
                    "Idx: %s: %sbad magic number 0x%02X%02X%02X%02X: an IDX file starts with two zero bytes "
                            + "(0x00000803 for images, 0x00000801 for labels); this is not an IDX file",
                    file, what, m0, m1, type, rank));
        }
        if (type != UNSIGNED_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "Idx: %s: data type 0x%02X (%s) is not supported: expected 0x08 (unsigned byte)",
                    file, type, typeName(type)));
        }
        if (rank == 0) {
            throw new IllegalArgumentException("Idx: " + file + ": the header declares 0 dimensions: expected "
                    + (expectedRank > 0 ? expectedRank : "at least 1"));
        }
        if (expectedRank > 0 && rank != expectedRank) {
            throw new IllegalArgumentException("Idx: " + file + ": has " + rank + " dimensions, expected "
                    + expectedRank + " (" + rankMeaning(expectedRank) + ")");
        }
        DataInputStream header = new DataInputStream(in);
        int[] shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            try {
                shape[d] = header.readInt();
            } catch (EOFException e) {
                throw new IllegalArgumentException("Idx: " + file + ": " + what + "the header ends after "
                        + d + " of its " + rank + " sizes: the file is truncated");
            }
            if (shape[d] < 0) {
                throw new IllegalArgumentException("Idx: " + file + ": size of dimension " + d + " is "
                        + Integer.toUnsignedString(shape[d]) + ", more than 2^31 - 1: the header is corrupt");
            }
            count *= shape[d];
            if (count > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("Idx: " + file + ": sizes " + Arrays.toString(shape)
                        + " make more than 2^31 values: the header is corrupt or the file too big for this reader");
            }
        }
        int headerBytes = 4 + 4 * rank;
        String expectation = "expected " + count + " data bytes (" + product(shape) + ") after the "
                + headerBytes + "-byte header";
        if (!gzip && fileSize != headerBytes + count) {
            long found = fileSize - headerBytes;
            throw new IllegalArgumentException("Idx: " + file + ": " + expectation + ", found " + found
                    + (found < count ? ": the file is truncated" : ": " + (found - count) + " bytes of trailing data"));
        }
        // gzip: the uncompressed size is unknown until read. Deflate expands at most about 1032:1,
        // so a header promising more than that is read in growing chunks rather than trusted with
        // one big allocation.
        boolean plausible = !gzip || count <= fileSize * 1100L;
        byte[] data = plausible ? new byte[(int) count] : null;
        int got;
        if (data != null) {
            got = in.readNBytes(data, 0, data.length);
        } else {
            data = in.readNBytes((int) count);
            got = data.length;
        }
        if (got < count) {
            throw new IllegalArgumentException("Idx: " + file + ": " + what + expectation + ", found only "
                    + got + ": the file is truncated");
        }
        long trailing = in.skip(Long.MAX_VALUE);
        while (in.read() != -1) {
            trailing += 1 + in.skip(Long.MAX_VALUE);
        }
        if (trailing > 0) {
            throw new IllegalArgumentException("Idx: " + file + ": " + what + expectation + ", found "
                    + (count + trailing) + ": " + trailing + " bytes of trailing data");
        }
        return new Array(file, shape, data);
    }

    private static String product(int[] shape) {
        StringJoiner j = new StringJoiner(" x ");
        for (int s : shape) {
            j.add(Integer.toString(s));
        }
        return j.toString();
    }

    private static String rankMeaning(int rank) {
        switch (rank) {
            case 1:
                return "labels: [N]";
            case 3:
                return "images: [N, rows, columns]";
            default:
                return rank + " sizes";
        }
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x08:
                return "unsigned byte";
            case 0x09:
                return "signed byte";
            case 0x0B:
                return "16-bit short";
            case 0x0C:
                return "32-bit int";
            case 0x0D:
                return "32-bit float";
            case 0x0E:
                return "64-bit double";
            default:
                return "unknown type";
        }
    }
}
