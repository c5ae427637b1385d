package cadl.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one workload's data pool and initial weights as a numpy {@code .npz} archive, so the Python PyTorch
 * row ({@code bench/torch_bench.py}) trains from exactly the arrays the Java rows get:
 * {@code Main --export FILE --workload W}.
 *
 * <p>Entries: {@code x} [POOL_BATCHES, batch, input shape...] (NHWC images for the conv net), {@code y}
 * [POOL_BATCHES, batch, targets], and each initial parameter in the course's layout ({@code W} [in, out],
 * conv filters [kh, kw, in, out]) under its name with '/' spelt '.' ({@code conv1.W}); float32, C order.
 */
final class Export {
    private Export() { }

    static void write(Workload w, Path file) throws IOException {
        Workload.Batch[] data = w.data();
        long[] in = w.inputShape();
        long[] out = w.targetShape();
        float[] x = new float[data.length * data[0].x().length];
        float[] y = new float[data.length * data[0].y().length];
        for (int b = 0; b < data.length; b++) {
            System.arraycopy(data[b].x(), 0, x, b * data[b].x().length, data[b].x().length);
            System.arraycopy(data[b].y(), 0, y, b * data[b].y().length, data[b].y().length);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(tmp))) {
            entry(z, "x", x, prepend(data.length, in));
            entry(z, "y", y, prepend(data.length, out));
            for (Map.Entry<String, Workload.Param> e : w.initialParams().entrySet()) {
                entry(z, e.getKey().replace('/', '.'), e.getValue().data(),
                        Arrays.stream(e.getValue().shape()).asLongStream().toArray());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static long[] prepend(long first, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /** One float32 {@code .npy} (format 1.0) entry. */
    private static void entry(ZipOutputStream z, String name, float[] values, long[] shape) throws IOException {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long s : shape) {
            dims.add(Long.toString(s));
        }
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(values);
        z.putNextEntry(new ZipEntry(name + ".npy"));
        OutputStream o = z;
        o.write(b.array());
        z.closeEntry();
    }
}
