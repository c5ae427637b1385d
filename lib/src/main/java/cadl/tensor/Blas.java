package cadl.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * float32 matrix products: OpenBLAS's sgemm (the one ND4J ships) on copies of the Java arrays in native
 * memory, split over the engine's threads ({@link Parallel}) when a product is large enough to pay for it.
 *
 * <p>Why copy into native memory ourselves: passed a Java array, JavaCPP's binding mallocs native memory for
 * every array, copies it in, copies it back out after the call (inputs too) and frees it; large blocks come
 * from fresh pages each time. Here each thread keeps three native buffers (A, B, C: {@link NativeBuffers}) and reuses them: A and B
 * are copied in once (55-100 GB/s on one core), C is copied out once into the new result array. The tied
 * autoencoder's 23 products of one step, 1 thread, load 2.5: 4.43 ms through JavaCPP's copies, 3.47 ms
 * here, 3.00 ms on native memory with no copies at all ({@code cadl.bench.Gemm}).
 *
 * <p>Why our threads and not OpenBLAS's: OpenBLAS is kept single-threaded and a product giving each thread
 * at least {@link #GRAIN_FLOPS} is cut into blocks of rows of C (or of columns, when C is wider than
 * tall), each one single-threaded sgemm on a view of the shared buffers. OpenBLAS's own threads measured slower on these
 * sizes: see {@link #GRAIN_FLOPS}. One pool also means two libraries never spin on the same two cores.
 * A split product can differ from an unsplit one in the last bits of some elements (OpenBLAS's kernels
 * round a block's edge rows differently: 2-3% of the elements of ae's products with the Haswell kernels,
 * none with SkylakeX's), so results may depend on the thread count, never on the run.
 */
final class Blas {
    private Blas() {
    }

    /**
     * A product is split only if each thread gets at least this many flops ({@code 2 m n k}): 2 MFLOP, about
     * 11 us of one core at the 175-195 GFLOPS these shapes reach (OPENBLAS_CORETYPE=SkylakeX). On 2 threads
     * this splits the tied autoencoder's 80, 26 and 6.5 MFLOP products and the MLP's two 20 MFLOP ones, not
     * ae's 1.6 MFLOP ones nor the painting network's 0.4 MFLOP ones.
     *
     * <p>Measured 15:18-15:20 UTC on the 2-core Zen 5 VM in moments when the second core was idle (unsplit
     * vs split in two threads, best of 15 interleaved rounds): 50x64x64 2.7 vs 4.0 us (splitting loses);
     * 100x64x128 7.9 vs 6.9 us (1.6 MFLOP: 13% faster for twice the CPU, not worth it); 100x128x256 36.7 vs
     * 25.0 us (6.5 MFLOP, 1.47x); 100x128x784 113 vs 81 us; ae's 23 products 3.43 vs 2.37-2.53 ms; mlp's
     * 0.237 vs 0.172 ms. When another process holds the second core, split products ran 20-45% slower than
     * unsplit (ae's 3.45 vs 4.3 ms, mlp's 0.24 vs 0.35 ms): our two threads then share one core and spin
     * while waiting for each other. OpenBLAS's own 2 threads instead of this split: ae's 23 products took
     * 7.5-12.8 ms against 4.2-6.1 ms split, and the mlp row ran at 73-132k examples/s against 162-163k (load 5-7).
     */
    static final long GRAIN_FLOPS = 2_000_000L;

    private static final ThreadLocal<NativeBuffers> BUFFERS = ThreadLocal.withInitial(() -> new NativeBuffers(3));

    /**
     * {@code C[m, n] = op(A) op(B)} in a new row-major array; {@code op(A)} is [m, k], stored as [k, m] when
     * {@code ta}, and {@code op(B)} is [k, n], stored as [n, k] when {@code tb}.
     */
    static float[] sgemm(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k) {
        return sgemm(a, ta, b, tb, m, n, k, Parallel.threads());
    }

    /** {@link #sgemm(float[], boolean, float[], boolean, int, int, int)} on at most {@code maxThreads} threads. */
    static float[] sgemm(float[] a, boolean ta, float[] b, boolean tb, int m, int n, int k, int maxThreads) {
        float[] c = new float[Math.multiplyExact(m, n)];
        if (m == 0 || n == 0 || k == 0) return c;
        singleThreadedBlas();
        int opA = ta ? CblasTrans : CblasNoTrans, opB = tb ? CblasTrans : CblasNoTrans, lda = ta ? m : k, ldb = tb ? k : n;
        NativeBuffers s = BUFFERS.get();
        FloatPointer pa = s.take(0, (long) m * k), pb = s.take(1, (long) k * n), pc = s.take(2, (long) m * n);
        try {
            pa.put(a, 0, m * k);
            pb.put(b, 0, k * n);
            int threads = (int) Math.min(maxThreads, 2L * m * n * k / GRAIN_FLOPS);
            if (threads <= 1) {
                openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, n);
            } else if (m >= n) {
                // rows lo..hi of C need rows lo..hi of op(A): stored rows of A, or stored columns when ta
                int chunks = Math.min(m, 2 * threads);   // two per thread: one that starts late still finds work
                Parallel.chunks(chunks, threads, i -> {
                    int lo = part(m, i, chunks), hi = part(m, i + 1, chunks);
                    openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, hi - lo, n, k, 1f,
                            NativeBuffers.at(pa, ta ? lo : (long) lo * k), lda, pb, ldb, 0f, NativeBuffers.at(pc, (long) lo * n), n);
                });
            } else {
                // columns lo..hi of C need columns lo..hi of op(B): stored columns of B, or stored rows when tb
                int chunks = Math.min(n, 2 * threads);
                Parallel.chunks(chunks, threads, i -> {
                    int lo = part(n, i, chunks), hi = part(n, i + 1, chunks);
                    openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, m, hi - lo, k, 1f,
                            pa, lda, NativeBuffers.at(pb, tb ? (long) lo * k : lo), ldb, 0f, NativeBuffers.at(pc, lo), n);
                });
            }
            pc.get(c, 0, m * n);
        } finally {
            s.releaseExtras();
        }
        return c;
    }

    /** Start of part {@code i} of {@code parts} near-equal parts of {@code 0 .. total}. */
    private static int part(int total, int i, int parts) {
        return (int) ((long) total * i / parts);
    }

    /**
     * Keeps OpenBLAS on one thread (parallelism is ours, see the class comment). ND4J sets OpenBLAS's thread
     * count when its backend starts, which may be after our first product, so every call checks (a JNI read).
     */
    static void singleThreadedBlas() {
        if (org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }
}
