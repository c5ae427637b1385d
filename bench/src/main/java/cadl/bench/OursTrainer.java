package cadl.bench;

import cadl.nn.Activation;
import cadl.nn.Conv2d;
import cadl.nn.Flatten;
import cadl.nn.Linear;
import cadl.nn.Losses;
import cadl.nn.Module;
import cadl.nn.Sequential;
import cadl.nn.TiedLinear;
import cadl.optim.Adam;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course library as a learner uses it: a {@link Sequential} of cadl.nn layers (Linear, Conv2d NHWC
 * SAME, Flatten, TiedLinear for the decoder), the initial weights loaded with {@code loadStateDict}, a
 * cadl.nn.Losses cost, {@code loss.backward()}, then cadl.optim.Adam's {@code step()} and {@code zeroGrad()}.
 */
final class OursTrainer implements Trainer {
    private final Workload w;
    private final Module model;
    private final Adam adam;
    private final Tensor[] xs;
    private final Tensor[] ys;

    OursTrainer(Workload w) {
        this.w = w;
        model = build(w);
        load(model, w.initialParams());
        adam = new Adam(model, Workload.LEARNING_RATE);
        Tensor[][] batches = batches(w);
        xs = batches[0];
        ys = batches[1];
    }

    /** The workload's data pool as tensors: {@code {inputs, targets}}, one of each per batch. */
    static Tensor[][] batches(Workload w) {
        Workload.Batch[] data = w.data();
        Tensor[][] r = new Tensor[2][data.length];
        for (int i = 0; i < data.length; i++) {
            r[0][i] = Tensor.of(data[i].x(), ints(w.inputShape()));
            r[1][i] = Tensor.of(data[i].y(), ints(w.targetShape()));
        }
        return r;
    }

    private static int[] ints(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = Math.toIntExact(s[i]);
        return r;
    }

    /** The workload's cost of the network's output {@code out} against targets {@code y}. */
    static Tensor loss(Workload w, Tensor out, Tensor y) {
        return switch (w) {
            case MLP, CONV -> Losses.softmaxCrossEntropy(out, y);
            case PAINT -> Losses.l1Sum(out, y, 1);
            case AE -> Losses.mse(out, y);
        };
    }

    static Module build(Workload w) {
        Sequential net = new Sequential(w.id);
        switch (w) {
            case MLP -> net.add(Linear.of("fc1", 784, 128, Activation.RELU)).add(Linear.of("fc2", 128, 10, Activation.NONE));
            case PAINT -> {
                int[] s = Workload.PAINT_SIZES;
                for (int i = 0; i + 1 < s.length; i++) {
                    net.add(Linear.of("fc" + (i + 1), s[i], s[i + 1], i + 2 < s.length ? Activation.RELU : Activation.NONE));
                }
            }
            case CONV -> net.add(Conv2d.of("conv1", 5, 1, 32, 2, Activation.RELU))
                    .add(Conv2d.of("conv2", 5, 32, 64, 2, Activation.RELU))
                    .add(new Flatten("flatten"))
                    .add(Linear.of("fc1", 7 * 7 * 64, 128, Activation.RELU))
                    .add(Linear.of("fc2", 128, 10, Activation.NONE));
            case AE -> {
                int[] s = Workload.AE_SIZES;
                List<Linear> encoder = new ArrayList<>();
                for (int i = 0; i + 1 < s.length; i++) {
                    Linear l = Linear.builder("enc" + (i + 1), s[i], s[i + 1]).bias(false).activation(Activation.RELU).build();
                    encoder.add(l);
                    net.add(l);
                }
                for (int i = encoder.size() - 1; i >= 0; i--) {
                    net.add(TiedLinear.of("dec" + (i + 1), encoder.get(i), Activation.RELU));
                }
            }
        }
        return net;
    }

    /** Loads the shared initial weights in parameter order (the model lists them as the workload does). */
    private static void load(Module model, Map<String, Workload.Param> init) {
        Map<String, Tensor> named = model.namedParameters();
        if (named.size() != init.size()) {
            throw new IllegalStateException("model has parameters " + named.keySet() + " but the workload gives " + init.keySet());
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        var it = init.values().iterator();
        for (var e : named.entrySet()) {
            Workload.Param p = it.next();
            if (!Arrays.equals(e.getValue().shape(), p.shape())) {
                throw new IllegalStateException(e.getKey() + " has shape " + Arrays.toString(e.getValue().shape())
                        + " but the initial value has " + Arrays.toString(p.shape()));
            }
            state.put(e.getKey(), Tensor.of(p.data(), p.shape()));
        }
        model.loadStateDict(state, true);
    }

    @Override
    public String describe() {
        return "cadl (nn.Sequential + optim.Adam)";
    }

    @Override
    public float step(int step) {
        int b = step % Workload.POOL_BATCHES;
        Tensor loss = loss(w, model.forward(xs[b]), ys[b]);
        float value = (float) loss.item();
        adam.zeroGrad();
        loss.backward();
        adam.step();
        return value;
    }
}
