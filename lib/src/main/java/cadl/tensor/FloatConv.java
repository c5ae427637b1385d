package cadl.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import java.util.Arrays;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The float32 convolutions (NHWC images, filters [kh, kw, C_in, C_out]) as matrix products, the batch split
 * across the engine's threads ({@link Parallel}).
 *
 * <p>With {@code top}, {@code left} the padding before the first row and column (TensorFlow's SAME rule: half
 * the total, the odd pixel at the end) and pixels outside the image read as 0:
 * <pre>
 *   conv2d:      y[n, oy, ox, o]  = sum_{i, j, c} x[n, oy*s + i - top, ox*s + j - left, c] * f[i, j, c, o]
 *   inputGrad:   gx[n, iy, ix, c] = sum of g[n, oy, ox, o] * f[i, j, c, o] over the (oy, ox, i, j, o) that read x[n, iy, ix, c]
 *   filterGrad:  gf[i, j, c, o]   = sum_{n, oy, ox} x[n, oy*s + i - top, ox*s + j - left, c] * g[n, oy, ox, o]
 * </pre>
 *
 * <p>How: im2col lays each output pixel's receptive field [kh, kw, C_in] out as one row of a matrix
 * {@code col[N H_out W_out, kh kw C_in]} (in NHWC a filter row's {@code kw C_in} inputs are one contiguous run),
 * and the filters already are the matrix {@code [kh kw C_in, C_out]}. Then {@code y = col f},
 * {@code gcol = g f^T} (col2im adds each row back onto its field) and {@code gf = col^T g}: three single-threaded
 * sgemm calls with transpose flags. Each thread takes a chunk of images at a time (two chunks per thread, so one
 * that starts late still finds work; so the float rounding depends on the thread count: chunks fixed for any
 * count cost one thread 3-5%). Its col matrix and GEMM operands live in direct buffers it reuses from call to
 * call, since OpenBLAS on a Java array copies the whole array in and out on every call. OpenBLAS's own threads are switched off (for the whole process, at the first
 * convolution): two Java threads each calling a multi-threaded OpenBLAS would fight over the same cores.
 *
 * <p>Why not ND4J's oneDNN convolutions (the float64 kernel's): each call copies every array into fresh native
 * memory, and their backward always computes the image gradient, even for the data. Per call at one thread these
 * measured 2-3x faster on Session 3's conv net layer 1, 1.2-1.4x on its layer 2 except the image gradient (1.3x
 * slower), and mixed on the autoencoder's 16-channel layers. With two OpenMP threads (2 cores, other processes
 * busy) ND4J's conv net step ran 4-18x slower than with one; {@code OMP_WAIT_POLICY=passive} won back part of
 * it: OpenMP's spin-waiting threads and a thread that lost its core stall every op. Here the caller takes
 * chunks itself, so a late thread costs at most its own chunk.
 */
final class FloatConv {
    private FloatConv() {
    }

    /** Work (2 x multiply-adds) each thread gets at least: a call splits in two from 8 MFLOP, ~40 us of sgemm. */
    private static final double GRAIN_FLOPS = 4e6;

    /**
     * Largest col matrix per chunk, in floats (4 MB): the batch is cut into chunks of images below it. Smaller
     * chunks (2^15 to 2^17 floats, col in L2) made the conv net's step 4-18% slower: the sgemm calls get too thin.
     */
    private static final int COL_FLOATS = 1 << 20;

    /** The sizes of one convolution: images [n, h, w, cin], filters [kh, kw, cin, cout], output [n, ho, wo, cout]. */
    private static final class Shape {
        final int n, h, w, cin, kh, kw, cout, stride, ho, wo, top, left;

        Shape(long[] xs, long[] fs, int stride, Padding p) {
            n = (int) xs[0]; h = (int) xs[1]; w = (int) xs[2]; cin = (int) xs[3];
            kh = (int) fs[0]; kw = (int) fs[1]; cout = (int) fs[3];
            this.stride = stride;
            ho = p.outputSize(h, kh, stride);
            wo = p.outputSize(w, kw, stride);
            top = p == Padding.SAME ? Math.max((ho - 1) * stride + kh - h, 0) / 2 : 0;
            left = p == Padding.SAME ? Math.max((wo - 1) * stride + kw - w, 0) / 2 : 0;
        }

        /** Length of a col row, {@code kh kw cin}. */
        int patch() {
            return kh * kw * cin;
        }

        /** Output pixels per image. */
        int pixels() {
            return ho * wo;
        }

        /** Cuts the batch: enough chunks to keep each col matrix under COL_FLOATS, and two per thread when split. */
        int chunks() {
            int threads = threads(), perChunk = Math.max(1, COL_FLOATS / Math.max(1, pixels() * patch()));
            return Math.min(n, Math.max((n + perChunk - 1) / perChunk, threads > 1 ? 2 * threads : 1));
        }

        /** Threads worth using: at least GRAIN_FLOPS of work each, at most one per image. */
        int threads() {
            double flops = 2.0 * n * pixels() * patch() * cout;
            return (int) Math.max(1, Math.min(Math.min(Parallel.threads(), n), flops / GRAIN_FLOPS));
        }
    }

    /** {@code y = conv2d(x, f)}: images x of shape xs, filters f of shape fs -> y [N, H_out, W_out, C_out]. */
    static float[] conv2d(float[] x, long[] xs, float[] f, long[] fs, int stride, Padding p) {
        Shape s = new Shape(xs, fs, stride, p);
        float[] y = new float[s.n * s.pixels() * s.cout];
        if (y.length == 0) return y;
        FloatPointer filters = Scratch.get().filters(f);
        int k = s.patch();
        overBatch(s, (c, n0, n1, rows, t) -> {
            FloatPointer col = im2col(x, s, n0, n1, t), out = t.buffer(Scratch.OUT, rows * s.cout);
            gemm(false, false, rows, s.cout, k, col, filters, out);
            out.get(y, n0 * s.pixels() * s.cout, rows * s.cout);
        });
        return y;
    }

    /**
     * The gradient of {@code sum(conv2d(x, f) * g)} with respect to images of shape xs, for g [N, H_out, W_out, C_out]:
     * conv2d's backward for the images, and conv2dTranspose's forward.
     */
    static float[] inputGrad(float[] g, long[] xs, float[] f, long[] fs, int stride, Padding p) {
        Shape s = new Shape(xs, fs, stride, p);
        float[] gx = new float[s.n * s.h * s.w * s.cin];
        if (gx.length == 0 || g.length == 0) return gx;
        FloatPointer filters = Scratch.get().filters(f);
        int k = s.patch();
        overBatch(s, (c, n0, n1, rows, t) -> {
            FloatPointer gy = t.upstream(g, s, n0, rows), gcol = t.buffer(Scratch.COL, rows * k);
            gemm(false, true, rows, k, s.cout, gy, filters, gcol);       // gcol = g f^T
            col2im(gcol, rows * k, s, n0, n1, gx, t);
        });
        return gx;
    }

    /**
     * The gradient of {@code sum(conv2d(x, f) * g)} with respect to filters of shape fs: conv2d's backward for the
     * filters, and (as filterGrad(dz, y)) conv2dTranspose's.
     */
    static float[] filterGrad(float[] x, long[] xs, float[] g, long[] fs, int stride, Padding p) {
        Shape s = new Shape(xs, fs, stride, p);
        int k = s.patch(), size = k * s.cout;
        float[] gf = new float[size];
        if (x.length == 0 || g.length == 0) return gf;
        float[][] partial = new float[s.chunks()][];
        overBatch(s, (c, n0, n1, rows, t) -> {
            FloatPointer col = im2col(x, s, n0, n1, t), gy = t.upstream(g, s, n0, rows), acc = t.buffer(Scratch.OUT, size);
            gemm(true, false, k, s.cout, rows, col, gy, acc);            // gf = col^T g
            partial[c] = new float[size];
            acc.get(partial[c], 0, size);
        });
        // partial sums added in chunk order: the same bits whichever thread computed which chunk
        for (float[] q : partial) for (int i = 0; i < size; i++) gf[i] += q[i];
        return gf;
    }

    /** One chunk {@code c}: images n0 .. n1-1, {@code rows} output pixels, on a thread whose scratch is {@code t}. */
    private interface Chunk {
        void run(int c, int n0, int n1, int rows, Scratch t);
    }

    /**
     * Runs {@code body} over the batch cut into {@link Shape#chunks} chunks on the engine's threads. Native buffers
     * handed out above NativeBuffers' keep size are freed after each chunk, and the calling thread's (which may
     * hold the filters every chunk reads) after the last.
     */
    private static void overBatch(Shape s, Chunk body) {
        int chunks = s.chunks();
        Scratch caller = Scratch.get();
        Parallel.chunks(chunks, s.threads(), c -> {
            int n0 = s.n * c / chunks, n1 = s.n * (c + 1) / chunks;
            Scratch t = Scratch.get();
            body.run(c, n0, n1, (n1 - n0) * s.pixels(), t);
            if (t != caller) t.natives.releaseExtras();
        });
        caller.natives.releaseExtras();
    }

    /**
     * Images n0 .. n1-1 laid out as {@code col[(n1-n0) H_out W_out, kh kw cin]} in this thread's COL buffer: row
     * (n, oy, ox) holds x[n, oy*s - top + i, ox*s - left + j, c] in (i, j, c) order, zeros outside the image. Rows
     * are built in a small heap array and copied over in bulk (one put per row would cost more than the row).
     */
    private static FloatPointer im2col(float[] x, Shape s, int n0, int n1, Scratch t) {
        int k = s.patch(), run = s.kw * s.cin, at = 0, fill = 0;
        FloatPointer col = t.buffer(Scratch.COL, (n1 - n0) * s.pixels() * k);
        float[] st = t.stage(k);
        for (int n = n0; n < n1; n++) {
            for (int oy = 0; oy < s.ho; oy++) {
                for (int ox = 0; ox < s.wo; ox++) {
                    if (fill + k > st.length) {
                        col.position(at).put(st, 0, fill);
                        at += fill;
                        fill = 0;
                    }
                    int iy0 = oy * s.stride - s.top, ix0 = ox * s.stride - s.left;
                    int jlo = Math.max(0, -ix0), jhi = Math.max(jlo, Math.min(s.kw, s.w - ix0));
                    for (int i = 0; i < s.kh; i++, fill += run) {
                        int iy = iy0 + i;
                        if (iy < 0 || iy >= s.h) {
                            Arrays.fill(st, fill, fill + run, 0f);
                            continue;
                        }
                        // zeros only at the image's left and right edges (a call per run costs more than one row here)
                        if (jlo > 0) Arrays.fill(st, fill, fill + jlo * s.cin, 0f);
                        System.arraycopy(x, ((n * s.h + iy) * s.w + ix0 + jlo) * s.cin, st, fill + jlo * s.cin, (jhi - jlo) * s.cin);
                        if (jhi < s.kw) Arrays.fill(st, fill + jhi * s.cin, fill + run, 0f);
                    }
                }
            }
        }
        col.position(at).put(st, 0, fill);
        return col.position(0);
    }

    /**
     * The adjoint of im2col: adds each row of gcol onto the pixels of its receptive field in gx (images n0 .. n1-1).
     * The sums go into one image's worth of {@code acc}, each run first copied to the same place in {@code run}:
     * the JIT (JDK 17) vectorises {@code acc[d + e] += run[d + e]} but not an add from another offset, which ran
     * 1.5-2x slower on runs of 16 channels and more.
     */
    private static void col2im(FloatPointer gcol, int length, Shape s, int n0, int n1, float[] gx, Scratch t) {
        int k = s.patch(), span = s.kw * s.cin, image = s.h * s.w * s.cin, at = 0, avail = 0, read = 0;
        float[] st = t.stage(k), acc = t.image(0, image), run = t.image(1, image);
        for (int n = n0; n < n1; n++) {
            Arrays.fill(acc, 0, image, 0f);
            for (int oy = 0; oy < s.ho; oy++) {
                for (int ox = 0; ox < s.wo; ox++) {
                    if (read == avail) {
                        avail = Math.min(st.length / k * k, length - at);
                        gcol.position(at).get(st, 0, avail);
                        at += avail;
                        read = 0;
                    }
                    int iy0 = oy * s.stride - s.top, ix0 = ox * s.stride - s.left;
                    int jlo = Math.max(0, -ix0), jhi = Math.max(jlo, Math.min(s.kw, s.w - ix0)), len = (jhi - jlo) * s.cin;
                    for (int i = 0; i < s.kh; i++) {
                        int iy = iy0 + i;
                        if (iy < 0 || iy >= s.h) continue;
                        int d = (iy * s.w + ix0 + jlo) * s.cin, src = read + i * span + jlo * s.cin;
                        if (len < 16) {                   // too short to gain from the copy (one input channel)
                            for (int e = 0; e < len; e++) acc[d + e] += st[src + e];
                            continue;
                        }
                        System.arraycopy(st, src, run, d, len);
                        for (int e = d; e < d + len; e++) acc[e] += run[e];
                    }
                    read += k;
                }
            }
            System.arraycopy(acc, 0, gx, n * image, image);
        }
    }

    /** Row-major {@code c[m, n] = op(a) op(b)} on one thread; a stored [k, m] when {@code ta}, b stored [n, k] when {@code tb}. */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, FloatPointer a, FloatPointer b, FloatPointer c) {
        Blas.singleThreadedBlas();
        openblas_nolapack.cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, a, ta ? m : k, b, tb ? k : n, 0f, c, n);
    }

    /**
     * One thread's buffers: native ones for OpenBLAS ({@link NativeBuffers}: a training loop allocates them once)
     * and heap arrays for building col rows and summing an image in bulk. Contents are stale when handed out.
     */
    private static final class Scratch {
        static final int COL = 0, G = 1, OUT = 2, FILTERS = 3;
        private static final int STAGE_FLOATS = 1 << 14;
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        final NativeBuffers natives = new NativeBuffers(4);
        private float[] stage = new float[0];
        private final float[][] images = {new float[0], new float[0]};

        static Scratch get() {
            return LOCAL.get();
        }

        FloatPointer buffer(int slot, int floats) {
            return natives.take(slot, floats);
        }

        /** Upstream gradients of images from n0 on, {@code rows} output pixels, in this thread's G buffer. */
        FloatPointer upstream(float[] g, Shape s, int n0, int rows) {
            return buffer(G, rows * s.cout).put(g, n0 * s.pixels() * s.cout, rows * s.cout);
        }

        /** The filters in this (the calling) thread's FILTERS buffer, which every chunk of the call reads. */
        FloatPointer filters(float[] f) {
            return buffer(FILTERS, f.length).put(f, 0, f.length);
        }

        /** Heap array {@code which} (0 or 1) of at least {@code floats} elements, for one image. */
        float[] image(int which, int floats) {
            if (images[which].length < floats) images[which] = new float[floats];
            return images[which];
        }

        /** A heap array of at least STAGE_FLOATS and at least one col row, for moving rows in bulk. */
        float[] stage(int row) {
            if (stage.length < Math.max(row, STAGE_FLOATS)) stage = new float[Math.max(row, STAGE_FLOATS)];
            return stage;
        }
    }
}
