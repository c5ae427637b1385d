package cadl.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The limit ours works against: single float32 GEMMs in the OpenBLAS that ships with ND4J, the library
 * cadl.tensor calls for matrix products ({@code Gemm}). Prints {@code GEMM ...} lines: the BLAS's own name,
 * version and kernel; a 1024x1024x1024 sgemm; and the tied autoencoder's 23 products of one step (the
 * shapes and transposes of its forward and backward) back to back: on native memory (BLAS alone), on Java
 * arrays as cadl.tensor passes them (JavaCPP then copies each array into native memory and back, and a new
 * result array is allocated per product), and on Java arrays with the result arrays reused.
 */
public final class Gemm {
    private Gemm() { }

    /** One product C[m, n] = op(A) op(B) with op(A) [m, k]. */
    private record Op(boolean ta, boolean tb, int m, int n, int k) {
        long flops() {
            return 2L * m * n * k;
        }
    }

    public static void main(String[] args) {
        // the kernel OpenBLAS picked is printed by OpenBLAS itself at load time when OPENBLAS_VERBOSE=2
        System.out.println("GEMM blas" + openblas_nolapack.OPENBLAS_VERSION.replace(' ', '_')
                + "(JavaCPP) threads " + org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads());
        int b = Workload.AE.batch;
        int[] s = Workload.AE_SIZES;
        java.util.List<Op> ae = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < s.length; i++) {
            ae.add(new Op(false, false, b, s[i + 1], s[i]));      // encoder h W
            ae.add(new Op(false, true, b, s[i], s[i + 1]));       // decoder h W^T
            ae.add(new Op(true, false, s[i], s[i + 1], b));       // dW from the encoder: h^T g
            ae.add(new Op(true, false, s[i], s[i + 1], b));       // dW from the decoder: g^T h
            ae.add(new Op(false, false, b, s[i + 1], s[i]));      // decoder's dh: g W
            if (i > 0) {
                ae.add(new Op(false, true, b, s[i], s[i + 1]));   // encoder's dh: g W^T (none for the input)
            }
        }
        report("sgemm 1024x1024x1024 (native memory)", java.util.List.of(new Op(false, false, 1024, 1024, 1024)), 0);
        report("ae step's " + ae.size() + " GEMMs (native memory)", ae, 0);
        report("ae step's " + ae.size() + " GEMMs (Java arrays, as cadl.tensor calls it)", ae, 1);
        report("ae step's " + ae.size() + " GEMMs (Java arrays, result arrays reused)", ae, 2);
        System.exit(0);
    }

    /** Times the products back to back: {@code mode} 0 on native memory, 1 on Java arrays with a new result
     *  array per product (as cadl.tensor's Host.gemm), 2 on Java arrays with the result arrays reused. */
    private static void report(String what, java.util.List<Op> ops, int mode) {
        int n = ops.size();
        float[][] a = new float[n][], bb = new float[n][], c = new float[n][];
        FloatPointer[] pa = new FloatPointer[n], pb = new FloatPointer[n], pc = new FloatPointer[n];
        java.util.Random r = new java.util.Random(1);
        long flops = 0;
        for (int i = 0; i < n; i++) {
            Op o = ops.get(i);
            a[i] = rand(r, o.m * o.k);
            bb[i] = rand(r, o.k * o.n);
            c[i] = new float[o.m * o.n];
            pa[i] = new FloatPointer(a[i]);
            pb[i] = new FloatPointer(bb[i]);
            pc[i] = new FloatPointer(c[i]);
            flops += o.flops();
        }
        Runnable once = () -> {
            for (int i = 0; i < n; i++) {
                Op o = ops.get(i);
                int lda = o.ta ? o.m : o.k, ldb = o.tb ? o.k : o.n;
                if (mode > 0) {
                    float[] out = mode == 1 ? new float[o.m * o.n] : c[i]; // Host.gemm: a new result array per product
                    openblas_nolapack.cblas_sgemm(CblasRowMajor, o.ta ? CblasTrans : CblasNoTrans, o.tb ? CblasTrans : CblasNoTrans,
                            o.m, o.n, o.k, 1f, a[i], lda, bb[i], ldb, 0f, out, o.n);
                } else {
                    openblas_nolapack.cblas_sgemm(CblasRowMajor, o.ta ? CblasTrans : CblasNoTrans, o.tb ? CblasTrans : CblasNoTrans,
                            o.m, o.n, o.k, 1f, pa[i], lda, pb[i], ldb, 0f, pc[i], o.n);
                }
            }
        };
        for (int i = 0; i < 20; i++) {
            once.run();
        }
        long c0 = Main.processCpuNanos();
        long t0 = System.nanoTime(), el;
        int reps = 0;
        do {
            once.run();
            reps++;
            el = System.nanoTime() - t0;
        } while (el < 1_000_000_000L);
        double cpu = (Main.processCpuNanos() - c0) / 1e3 / reps;
        System.out.printf(Locale.ROOT, "GEMM %s: %.1f GFLOPS (%.0f us per pass; %.0f us of process CPU)%n", what,
                (double) flops * reps / el, el / 1e3 / reps, cpu);
    }

    private static float[] rand(java.util.Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }
}
