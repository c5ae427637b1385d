package cadl.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cadl.nn.Module;
import cadl.optim.Adam;
import cadl.tensor.Nd4jInterop;
import cadl.tensor.Tensor;
import cadl.viz.Graph;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where ours spends a step: {@code Profile ours WORKLOAD} times forward / backward / Adam separately and
 * counts the graph's ops; {@code Profile ops nd4j|heap|djl} times single small ops (dispatch overhead).
 */
public final class Profile {
    private Profile() { }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("ops")) {
            ops(args[1]);
        } else {
            ours(Workload.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 200);
        }
        System.exit(0);
    }

    static void ours(Workload w, int steps) {
        Module model = OursTrainer.build(w);
        Adam adam = new Adam(model, Workload.LEARNING_RATE);
        Tensor[][] batches = OursTrainer.batches(w);
        Tensor[] xs = batches[0], ys = batches[1];
        long fwd = 0, item = 0, bwd = 0, opt = 0;
        int ops = 0;
        for (int s = 0; s < 2 * steps; s++) {
            if (s == steps) {
                fwd = item = bwd = opt = 0;
            }
            int b = s % xs.length;
            long t0 = System.nanoTime();
            Tensor loss = OursTrainer.loss(w, model.forward(xs[b]), ys[b]);
            long t1 = System.nanoTime();
            loss.item();
            long t2 = System.nanoTime();
            if (s == 0) {
                ops = Graph.of(loss).opNames().size();
            }
            adam.zeroGrad();
            loss.backward();
            long t3 = System.nanoTime();
            adam.step();
            long t4 = System.nanoTime();
            fwd += t1 - t0;
            item += t2 - t1;
            bwd += t3 - t2;
            opt += t4 - t3;
        }
        double n = steps * 1e3;
        System.out.printf(Locale.ROOT, "PROFILE ours %s: %d graph ops; per step (us): forward %.0f, item %.0f, backward %.0f, adam %.0f, total %.0f%n",
                w.id, ops, fwd / n, item / n, bwd / n, opt / n, (fwd + item + bwd + opt) / n);
    }

    static void ops(String which) {
        int n = 20000;
        if (which.equals("nd4j")) {
            var env = Nd4j.getEnvironment();
            System.out.println("OPS env maxThreads=" + env.maxThreads() + " maxMasterThreads=" + env.maxMasterThreads()
                    + " debug=" + env.isDebug() + " verbose=" + env.isVerbose() + " profiling=" + Nd4j.getExecutioner().getProfilingMode()
                    + " workspaces=" + Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread());
            if (System.getProperty("bench.nd4j.threads") != null) {
                int t = Integer.getInteger("bench.nd4j.threads");
                env.setMaxThreads(t);
                env.setMaxMasterThreads(t);
            }
            if (Boolean.getBoolean("bench.nd4j.noprofiling")) {
                Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.DISABLED);
            }
            INDArray a = Nd4j.rand(50, 64), b = Nd4j.rand(50, 64), wt = Nd4j.rand(64, 64);
            time("nd4j add [50,64] (new array)", n, () -> a.add(b));
            time("nd4j addi [50,64] (in place)", n, () -> a.addi(b));
            time("nd4j gemm [50,64]x[64,64]", n, () -> Nd4j.gemm(a, wt, false, false));
            time("nd4j mmul [50,64]x[64,64]", n, () -> a.mmul(wt));
            Tensor ta = Nd4jInterop.tensor(a.castTo(DataType.DOUBLE)).requiresGrad(true), tb = Nd4jInterop.tensor(b.castTo(DataType.DOUBLE));
            time("cadl float64 (ND4J kernel) Tensor.add [50,64] with grad", n, () -> ta.add(tb));
            time("cadl float64 (ND4J kernel) Tensor.relu [50,64] with grad", n, () -> ta.relu());
            Tensor tw = Nd4jInterop.tensor(wt.castTo(DataType.DOUBLE)).requiresGrad(true);
            time("cadl float64 (dgemm) Tensor.matmul [50,64]x[64,64]", n, () -> ta.matmul(tw));
        } else if (which.equals("heap")) {
            // the same ops on float32 tensors: Java loops and sgemm (cadl.tensor.HeapKernel), in a JVM
            // of their own (the ND4J rows' garbage of native buffers slows a JVM down for a while)
            INDArray a = Nd4j.rand(50, 64), b = Nd4j.rand(50, 64), wt = Nd4j.rand(64, 64);
            Tensor ha = Tensor.of(a.dup().data().asFloat(), 50, 64).requiresGrad(true), hb = Tensor.of(b.dup().data().asFloat(), 50, 64);
            Tensor hw = Tensor.of(wt.dup().data().asFloat(), 64, 64).requiresGrad(true);
            for (int i = 0; i < n; i++) {      // let the JIT compile the loops first (about 1 s)
                ha.add(hb);
                ha.relu();
                ha.matmul(hw);
            }
            time("cadl heap Tensor.add [50,64] with grad", n, () -> ha.add(hb));
            time("cadl heap Tensor.relu [50,64] with grad", n, () -> ha.relu());
            time("cadl heap Tensor.matmul [50,64]x[64,64] with grad", n, () -> ha.matmul(hw));
        } else {
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
                NDArray a = m.randomUniform(0, 1, new Shape(50, 64)), b = m.randomUniform(0, 1, new Shape(50, 64));
                NDArray wt = m.randomUniform(0, 1, new Shape(64, 64));
                time("djl/torch add [50,64] (new array)", n, () -> a.add(b).close());
                time("djl/torch addi [50,64] (in place)", n, () -> a.addi(b));
                time("djl/torch matMul [50,64]x[64,64]", n, () -> a.matMul(wt).close());
            }
        }
    }

    private static void time(String what, int n, Runnable r) {
        for (int i = 0; i < n / 4; i++) {
            r.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        System.out.printf(Locale.ROOT, "OPS %-45s %.2f us/op%n", what, (System.nanoTime() - t0) / 1e3 / n);
    }
}
