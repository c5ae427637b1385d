package cadl.io;

import cadl.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npy} format (version 1.0: magic, header dict, little-endian row-major data) and {@code .npz}
 * archives (a zip of {@code name.npy} entries), with the atomic write both {@link Checkpoint} and {@link Export}
 * use.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** A tensor as float32 {@code .npy} bytes. */
    static byte[] toNpy(Tensor t) {
        int[] s = t.shape();
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) shape.append(s[i]).append(s.length == 1 ? "," : i < s.length - 1 ? ", " : "");
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        float[] f = t.toFloatArray();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(f);
        return b.array();
    }

    /** Parses {@code .npy} bytes (float32 or float64, C order) into a float32 tensor; {@code what} names it in errors. */
    static Tensor fromNpy(byte[] bytes, String what) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) throw new IOException(what + ": not a .npy array (bad magic)");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        b.position(8);
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        if (b.position() + headerLen > bytes.length) throw new IOException(what + ": truncated .npy header");
        String header = new String(bytes, b.position(), headerLen, StandardCharsets.ISO_8859_1);
        b.position(b.position() + headerLen);
        Matcher d = DESCR.matcher(header), fo = FORTRAN.matcher(header), sh = SHAPE.matcher(header);
        if (!d.find() || !fo.find() || !sh.find()) throw new IOException(what + ": unreadable .npy header " + header.trim());
        if (fo.group(1).equals("True")) throw new IOException(what + ": Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
        String[] parts = sh.group(1).split(",");
        int[] shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int x : shape) n *= x;
        String descr = d.group(1);
        int width = descr.equals("<f4") ? 4 : descr.equals("<f8") ? 8 : -1;
        if (width < 0) throw new IOException(what + ": element type " + descr + " is not supported (expected float32 '<f4' or float64 '<f8')");
        if (b.remaining() != n * width) {
            throw new IOException(what + ": shape " + Arrays.toString(shape) + " needs " + n * width + " bytes of data but the array holds " + b.remaining());
        }
        float[] f = new float[(int) n];
        if (width == 4) b.asFloatBuffer().get(f);
        else for (int i = 0; i < n; i++) f[i] = (float) b.getDouble();
        return shape.length == 0 ? Tensor.scalar(f[0]) : Tensor.of(f, shape);
    }

    /** Something written into the zip before it is moved into place. */
    interface Writer {
        void write(ZipOutputStream zip) throws IOException;
    }

    /** Writes arrays (as {@code name.npy}) and then {@code extra} into a zip at {@code target}, atomically. */
    static void writeNpz(Map<String, Tensor> arrays, Path target, Writer extra) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("the folder " + dir + " does not exist (create it first: Files.createDirectories)");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(toNpy(e.getValue()));
                    zip.closeEntry();
                }
                if (extra != null) extra.write(zip);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The {@code .npy} arrays of a zip by name (without ".npy"), in file order, and other entries' bytes by full name. */
    static Map<String, Object> readZip(Path path) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            boolean any = false;
            while ((e = zip.getNextEntry()) != null) {
                any = true;
                byte[] bytes = readAll(zip);
                String n = e.getName();
                if (n.endsWith(".npy")) out.put(n.substring(0, n.length() - 4), fromNpy(bytes, path + " entry " + n));
                else out.put(n, bytes);
            }
            if (!any) throw new IOException(path + " is not a .npz (zip) file or is empty");
        }
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
