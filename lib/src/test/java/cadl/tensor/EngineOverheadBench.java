package cadl.tensor;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Timing figures for the engine (not a test: run with -Dtest=EngineOverheadBench). Prints the
 * per-op overhead, an MLP step against raw ND4J and conv layouts.
 */
class EngineOverheadBench {

    interface Body {
        void run();
    }

    static double time(String what, int reps, Body b) {
        for (int i = 0; i < Math.max(3, reps / 5); i++) b.run();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) b.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        double us = best / 1e3 / reps;
        System.out.printf(Locale.ROOT, "%-55s %10.2f us%n", what, us);
        return us;
    }

    @Test
    void figures() {
        Rng.seed(1);
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4);
        Tensor ta = Nd4jInterop.tensor(a);
        Tensor tg = Nd4jInterop.tensor(a.dup()).requiresGrad(true);
        time("raw ND4J add [4]", 3000, () -> a.add(a));
        time("Tensor add [4], no grad", 3000, () -> ta.add(ta));
        time("Tensor add [4], recording", 3000, () -> tg.add(tg));
        time("Tensor add [4], recording, in a scope", 3000, () -> {
            try (Scope s = Scope.named("layer1")) {
                tg.add(tg);
            }
        });
        time("Tensor add+sum+backward [4]", 1000, () -> tg.add(tg).sum().backward());

        // MLP 784-128-10, batch 100: forward + backward
        Tensor x = Tensor.uniform(0, 1, 100, 784), y = Tensor.zeros(100, 10);
        Tensor w1 = Tensor.normal(0, 0.05, 784, 128).requiresGrad(true), b1 = Tensor.zeros(128).requiresGrad(true);
        Tensor w2 = Tensor.normal(0, 0.05, 128, 10).requiresGrad(true), b2 = Tensor.zeros(10).requiresGrad(true);
        double eng = time("engine MLP 784-128-10 b100 fwd+bwd", 40, () -> {
            Tensor h = x.matmul(w1).add(b1).relu();
            h.matmul(w2).add(b2).softmaxCrossEntropy(y).backward();
            w1.zeroGrad(); b1.zeroGrad(); w2.zeroGrad(); b2.zeroGrad();
        });
        INDArray X = Nd4jInterop.array(x), Y = Nd4jInterop.array(y), W1 = Nd4jInterop.array(w1), B1 = Nd4jInterop.array(b1), W2 = Nd4jInterop.array(w2), B2 = Nd4jInterop.array(b2);
        double raw = time("raw ND4J MLP 784-128-10 b100 fwd+bwd", 40, () -> {
            INDArray z1 = X.mmul(W1).addiRowVector(B1);
            INDArray h = Transforms.relu(z1, true);
            INDArray z2 = h.mmul(W2).addiRowVector(B2);
            INDArray lse = Transforms.log(Transforms.exp(z2.subColumnVector(z2.max(1)), false).sum(1), false).addi(z2.max(1));
            INDArray p = Transforms.exp(z2.subColumnVector(lse), false);
            INDArray dz2 = p.subi(Y).divi(100);
            INDArray dW2 = h.transpose().mmul(dz2);
            INDArray dB2 = dz2.sum(0);
            INDArray dh = dz2.mmul(W2.transpose()).muli(Transforms.step(h, true));
            INDArray dW1 = X.transpose().mmul(dh);
            INDArray dB1 = dh.sum(0);
        });
        System.out.printf(Locale.ROOT, "engine / raw = %.3f%n", eng / raw);

        // conv layouts: NHWC native vs permute to NCHW
        Tensor img = Tensor.uniform(0, 1, 50, 28, 28, 1);
        Tensor f1 = Tensor.normal(0, 0.1, 5, 5, 1, 32).requiresGrad(true);
        Tensor h1 = Tensor.uniform(0, 1, 50, 14, 14, 32);
        Tensor f2 = Tensor.normal(0, 0.1, 5, 5, 32, 64).requiresGrad(true);
        for (boolean nhwc : new boolean[] {true, false}) {
            String l = nhwc ? "NHWC" : "NCHW";
            INDArray xi = nhwc ? Nd4jInterop.array(img) : Nd4jInterop.array(img).permute(0, 3, 1, 2).dup('c');
            INDArray xh = nhwc ? Nd4jInterop.array(h1) : Nd4jInterop.array(h1).permute(0, 3, 1, 2).dup('c');
            INDArray o1 = conv(xi, Nd4jInterop.array(f1), nhwc);
            INDArray o2 = conv(xh, Nd4jInterop.array(f2), nhwc);
            time("conv2d fwd 50x28x28x1 5x5x32 s2 SAME " + l, 8, () -> conv(xi, Nd4jInterop.array(f1), nhwc));
            time("conv2d fwd 50x14x14x32 5x5x64 s2 SAME " + l, 4, () -> conv(xh, Nd4jInterop.array(f2), nhwc));
            time("conv2d_bp 50x28x28x1 5x5x32 s2 SAME " + l, 8, () -> convBp(xi, Nd4jInterop.array(f1), o1, nhwc));
            time("conv2d_bp 50x14x14x32 5x5x64 s2 SAME " + l, 4, () -> convBp(xh, Nd4jInterop.array(f2), o2, nhwc));
            time("permute NHWC->NCHW copy 50x14x14x32 " + l, 8, () -> Nd4jInterop.array(h1).permute(0, 3, 1, 2).dup('c'));
        }
        // conv2dTranspose: engine op (as on main)
        Tensor code = Tensor.uniform(0, 1, 50, 7, 7, 64);
        time("engine conv2dTranspose 50x7x7x64 -> 50x14x14x32", 4, () -> code.conv2dTranspose(f2, new int[] {50, 14, 14, 32}, 2, Padding.SAME));
        INDArray shape = Nd4j.createFromArray(50, 14, 14, 32);
        time("deconv2d_tf 50x7x7x64 -> 50x14x14x32", 4, () -> {
            INDArray out = Nd4j.createUninitialized(Nd4jInterop.array(code).dataType(), 50, 14, 14, 32);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf").addInputs(shape, Nd4jInterop.array(f2), Nd4jInterop.array(code)).addOutputs(out)
                    .addIntegerArguments(5, 5, 2, 2, 0, 0, 1, 1, 1, 1).build());
        });
    }

    static INDArray conv(INDArray x, INDArray w, boolean nhwc) {
        long[] s = x.shape();
        long h = nhwc ? s[1] : s[2], wd = nhwc ? s[2] : s[3];
        long ho = (h + 1) / 2, wo = (wd + 1) / 2, co = w.size(3);
        INDArray out = nhwc ? Nd4j.createUninitialized(x.dataType(), s[0], ho, wo, co) : Nd4j.createUninitialized(x.dataType(), s[0], co, ho, wo);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out)
                .addIntegerArguments((int) w.size(0), (int) w.size(1), 2, 2, 0, 0, 1, 1, 1, nhwc ? 1 : 0, 0).build());
        return out;
    }

    static void convBp(INDArray x, INDArray w, INDArray g, boolean nhwc) {
        INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray gw = Nd4j.createUninitialized(w.dataType(), w.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, g).addOutputs(gx, gw)
                .addIntegerArguments((int) w.size(0), (int) w.size(1), 2, 2, 0, 0, 1, 1, 1, nhwc ? 1 : 0, 0).build());
    }
}
