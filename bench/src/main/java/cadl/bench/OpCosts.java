package cadl.bench;

import cadl.nn.Module;
import cadl.optim.Adam;
import cadl.tensor.Padding;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What each op of one training step of ours costs, at the workload's shapes, through the public API only:
 * {@code OpCosts WORKLOAD}. For each op it times the forward call (with the graph recorded) and, separately,
 * forward + backward of {@code op(...) * G summed} minus the same tail on a leaf of the op's output shape,
 * which leaves the op's own backward. Then the optimizer's step over the model's parameters. Prints
 * {@code OPCOST} lines (process CPU microseconds per call); bench/torch_bench.py --ops prints the same for
 * PyTorch. Run with OMP_NUM_THREADS=1.
 */
public final class OpCosts {
    private OpCosts() { }

    private record Op(String name, Supplier<Tensor> f, int[] outShape) { }

    public static void main(String[] args) {
        Workload w = Workload.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        Random r = new Random(1);
        List<Op> ops = new ArrayList<>();
        switch (w) {
            case CONV -> {
                int n = w.batch;
                Tensor x = t(r, false, n, 28, 28, 1), w1 = t(r, true, 5, 5, 1, 32), b1 = t(r, true, 32);
                Tensor h1 = t(r, true, n, 14, 14, 32), w2 = t(r, true, 5, 5, 32, 64), b2 = t(r, true, 64);
                Tensor h2 = t(r, true, n, 7, 7, 64), f = t(r, true, n, 3136), fw1 = t(r, true, 3136, 128), fb1 = t(r, true, 128);
                Tensor g = t(r, true, n, 128), fw2 = t(r, true, 128, 10), fb2 = t(r, true, 10);
                Tensor logits = t(r, true, n, 10), y = onehot(r, n, 10);
                ops.add(new Op("conv1 conv2d [50,28,28,1]*[5,5,1,32] s2 SAME (dW only)", () -> x.conv2d(w1, 2, Padding.SAME), new int[] {n, 14, 14, 32}));
                ops.add(new Op("conv1 bias add [50,14,14,32]+[32]", () -> h1.add(b1), new int[] {n, 14, 14, 32}));
                ops.add(new Op("conv1 relu [50,14,14,32]", h1::relu, new int[] {n, 14, 14, 32}));
                ops.add(new Op("conv2 conv2d [50,14,14,32]*[5,5,32,64] s2 SAME", () -> h1.conv2d(w2, 2, Padding.SAME), new int[] {n, 7, 7, 64}));
                ops.add(new Op("conv2 bias add [50,7,7,64]+[64]", () -> h2.add(b2), new int[] {n, 7, 7, 64}));
                ops.add(new Op("conv2 relu [50,7,7,64]", h2::relu, new int[] {n, 7, 7, 64}));
                ops.add(new Op("flatten reshape [50,7,7,64]->[50,3136]", () -> h2.reshape(n, 3136), new int[] {n, 3136}));
                ops.add(new Op("fc1 matmul [50,3136]x[3136,128]", () -> f.matmul(fw1), new int[] {n, 128}));
                ops.add(new Op("fc1 bias add [50,128]+[128]", () -> g.add(fb1), new int[] {n, 128}));
                ops.add(new Op("fc1 relu [50,128]", g::relu, new int[] {n, 128}));
                ops.add(new Op("fc2 matmul [50,128]x[128,10]", () -> g.matmul(fw2), new int[] {n, 10}));
                ops.add(new Op("fc2 bias add [50,10]+[10]", () -> logits.add(fb2), new int[] {n, 10}));
                ops.add(new Op("softmax cross entropy [50,10]", () -> logits.softmaxCrossEntropy(y), new int[] {}));
            }
            case AE -> {
                int n = w.batch;
                int[] s = Workload.AE_SIZES;
                for (int i = 0; i + 1 < s.length; i++) {
                    Tensor h = t(r, i > 0, n, s[i]), wt = t(r, true, s[i], s[i + 1]), o = t(r, true, n, s[i + 1]);
                    ops.add(new Op("enc" + (i + 1) + " matmul [100," + s[i] + "]x[" + s[i] + "," + s[i + 1] + "]" + (i == 0 ? " (dW only)" : ""),
                            () -> h.matmul(wt), new int[] {n, s[i + 1]}));
                    ops.add(new Op("enc" + (i + 1) + " relu [100," + s[i + 1] + "]", o::relu, new int[] {n, s[i + 1]}));
                }
                for (int i = s.length - 2; i >= 0; i--) {
                    Tensor h = t(r, true, n, s[i + 1]), wt = t(r, true, s[i], s[i + 1]), o = t(r, true, n, s[i]);
                    ops.add(new Op("dec" + (i + 1) + " matmul by W^T [100," + s[i + 1] + "]x[" + s[i] + "," + s[i + 1] + "]^T",
                            () -> h.matmul(wt.transpose()), new int[] {n, s[i]}));
                    ops.add(new Op("dec" + (i + 1) + " relu [100," + s[i] + "]", o::relu, new int[] {n, s[i]}));
                }
                Tensor out = t(r, true, n, 784), y = t(r, false, n, 784);
                ops.add(new Op("mse [100,784] (sub, square, mean)", () -> out.sub(y).square().mean(), new int[] {}));
            }
            case MLP, PAINT -> {
                int n = w.batch;
                int[] s = w == Workload.MLP ? Workload.MLP_SIZES : Workload.PAINT_SIZES;
                for (int i = 0; i + 1 < s.length; i++) {
                    Tensor h = t(r, i > 0, n, s[i]), wt = t(r, true, s[i], s[i + 1]), b = t(r, true, s[i + 1]), o = t(r, true, n, s[i + 1]);
                    ops.add(new Op("fc" + (i + 1) + " matmul [" + n + "," + s[i] + "]x[" + s[i] + "," + s[i + 1] + "]", () -> h.matmul(wt), new int[] {n, s[i + 1]}));
                    ops.add(new Op("fc" + (i + 1) + " bias add", () -> o.add(b), new int[] {n, s[i + 1]}));
                    if (i + 2 < s.length) {
                        ops.add(new Op("fc" + (i + 1) + " relu [" + n + "," + s[i + 1] + "]", o::relu, new int[] {n, s[i + 1]}));
                    }
                }
                Tensor out = t(r, true, n, s[s.length - 1]);
                Tensor y = w == Workload.MLP ? onehot(r, n, 10) : t(r, false, n, 3);
                ops.add(new Op(w == Workload.MLP ? "softmax cross entropy [100,10]" : "l1 loss [50,3] (sub, abs, sum, mean)",
                        () -> w == Workload.MLP ? out.softmaxCrossEntropy(y) : out.sub(y).abs().sum(1).mean(), new int[] {}));
            }
        }
        double fwdSum = 0, bwdSum = 0;
        for (Op op : ops) {
            Tensor g = t(r, false, op.outShape);
            Tensor leaf = t(r, true, op.outShape);
            double fwd = time(() -> op.f.get(), seconds);
            double all = time(() -> op.f.get().mul(g).sum().backward(), seconds);
            double tail = time(() -> leaf.mul(g).sum().backward(), seconds);
            double bwd = Math.max(0, all - fwd - tail);
            fwdSum += fwd;
            bwdSum += bwd;
            System.out.printf(Locale.ROOT, "OPCOST ours %s | %s | forward %.1f us | backward %.1f us%n", w.id, op.name, fwd, bwd);
        }
        Module model = OursTrainer.build(w);
        Adam adam = new Adam(model, Workload.LEARNING_RATE);
        Tensor[][] b = OursTrainer.batches(w);
        OursTrainer.loss(w, model.forward(b[0][0]), b[1][0]).backward();
        double step = time(adam::step, seconds);
        double zero = time(adam::zeroGrad, seconds);
        long params = model.parameters().stream().mapToLong(Tensor::numel).sum();
        System.out.printf(Locale.ROOT, "OPCOST ours %s | Adam step (%d parameters) | %.1f us | zeroGrad %.1f us%n", w.id, params, step, zero);
        System.out.printf(Locale.ROOT, "OPCOST ours %s | sum of the ops | forward %.1f us | backward %.1f us | with Adam and zeroGrad %.1f us%n",
                w.id, fwdSum, bwdSum, fwdSum + bwdSum + step + zero);
        System.exit(0);
    }

    private static Tensor t(Random r, boolean grad, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, shape).requiresGrad(grad);
    }

    private static Tensor onehot(Random r, int n, int k) {
        float[] v = new float[n * k];
        for (int i = 0; i < n; i++) {
            v[i * k + r.nextInt(k)] = 1f;
        }
        return Tensor.of(v, n, k);
    }

    /**
     * Process CPU microseconds per call (all threads, GC included), after a warm-up of a third of the time:
     * CPU time, not wall time, so that other processes on a shared machine disturb it little (run at 1 thread).
     */
    static double time(Runnable f, double seconds) {
        long warm = Main.processCpuNanos() + (long) (seconds / 3 * 1e9);
        while (Main.processCpuNanos() < warm) {
            f.run();
        }
        int batch = 1;   // calls between clock reads, grown until a batch takes 2 ms of CPU
        long t0 = Main.processCpuNanos(), el;
        long n = 0;
        do {
            long b0 = Main.processCpuNanos();
            for (int i = 0; i < batch; i++) {
                f.run();
            }
            n += batch;
            long now = Main.processCpuNanos();
            if (now - b0 < 2_000_000L) {
                batch *= 2;
            }
            el = now - t0;
        } while (el < seconds * 1e9 || n < 3);
        return el / 1e3 / n;
    }
}
