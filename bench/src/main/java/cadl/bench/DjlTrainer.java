package cadl.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch 2.7.1 through DJL 0.35.1, written as a DJL user writes a custom loop: parameters are NDArrays
 * that require gradients, the forward pass uses NDArray operators inside a GradientCollector, and DJL's
 * Adam's fused native update (with torch.optim.Adam's epsilon) steps each parameter. Conv layers run NCHW (PyTorch's layout); TF-style
 * SAME padding with stride 2 is asymmetric (1 before, 2 after), so it is an explicit pad then a VALID conv.
 */
final class DjlTrainer implements Trainer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final double EPSILON = 1e-8;
    private final Workload w;
    private final NDManager root;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray[] xs;
    private final NDArray[] ys;
    private final Map<String, NDArray[]> adamState = new LinkedHashMap<>();
    private int t;

    DjlTrainer(Workload w) {
        this.w = w;
        Engine engine = Engine.getEngine("PyTorch");
        root = engine.newBaseManager(Device.cpu());
        for (var e : w.initialParams().entrySet()) {
            Workload.Param p = e.getValue();
            NDArray a;
            if (w == Workload.CONV && e.getKey().startsWith("conv") && e.getKey().endsWith("/W")) {
                int[] s = p.shape();
                a = root.create(Workload.hwioToOihw(p), new Shape(s[3], s[2], s[0], s[1]));
            } else if (e.getKey().equals("fc1/W")) {
                a = root.create(Workload.hwcRowsToChw(p.data(), 7, 7, 64, 128), new Shape(3136, 128));
            } else {
                long[] s = new long[p.shape().length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = p.shape()[i];
                }
                a = root.create(p.data(), new Shape(s));
            }
            a.setRequiresGradient(true);
            params.put(e.getKey(), a);
            adamState.put(e.getKey(), new NDArray[] {root.zeros(a.getShape()), root.zeros(a.getShape())});
        }
        Workload.Batch[] data = w.data();
        xs = new NDArray[data.length];
        ys = new NDArray[data.length];
        for (int i = 0; i < data.length; i++) {
            Shape xShape = w == Workload.CONV ? new Shape(w.batch, 1, 28, 28) : new Shape(w.batch, w.inputSize());
            // one channel: NHWC and NCHW hold the same bytes
            xs[i] = root.create(data[i].x(), xShape);
            ys[i] = root.create(data[i].y(), new Shape(w.batch, w.targetSize()));
        }
    }

    @Override
    public String describe() {
        return "PyTorch " + Engine.getEngine("PyTorch").getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
    }

    @Override
    public float step(int step) {
        int b = step % Workload.POOL_BATCHES;
        float lossValue;
        try (NDManager sub = root.newSubManager()) {
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray x = xs[b];
                NDArray y = ys[b];
                x.tempAttach(sub);
                y.tempAttach(sub);
                NDArray loss = forward(sub, x, y);
                gc.backward(loss);
                lossValue = loss.getFloat();
            }
            t++;
            double c1 = 1 - Math.pow(BETA1, t), c2 = 1 - Math.pow(BETA2, t);
            for (var e : params.entrySet()) {
                NDArray weight = e.getValue();
                NDArray g = weight.getGradient();
                g.attach(sub);
                NDArray[] mv = adamState.get(e.getKey());
                // DJL's fused native Adam update (what ai.djl.training.optimizer.Adam calls), with the
                // textbook epsilon of torch.optim.Adam: lr*sqrt(c2)/c1 * m / (sqrt(v) + eps*sqrt(c2))
                // = lr * mHat / (sqrt(vHat) + eps). DJL's own Adam adds eps to sqrt(v) unscaled, which
                // moves the tied autoencoder's second loss by 2e-3 relative (its gradients are ~1e-7).
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, g, mv[0], mv[1]), new NDList(weight),
                        Workload.LEARNING_RATE, (float) (Workload.LEARNING_RATE * Math.sqrt(c2) / c1), 0f, 1f, -1f,
                        BETA1, BETA2, (float) (EPSILON * Math.sqrt(c2)), true, false);
                g.subi(g); // PyTorch accumulates gradients: zero them for the next step
            }
        }
        return lossValue;
    }

    private NDArray p(String name, NDManager sub) {
        return params.get(name);
    }

    private static NDArray own(NDArray a, NDManager sub) {
        a.attach(sub);
        return a;
    }

    private NDArray forward(NDManager sub, NDArray x, NDArray y) {
        switch (w) {
            case MLP -> {
                NDArray h = Activation.relu(x.matMul(p("W1", sub)).add(p("b1", sub)));
                NDArray logits = h.matMul(p("W2", sub)).add(p("b2", sub));
                return softmaxCe(logits, y);
            }
            case PAINT -> {
                NDArray h = x;
                int layers = Workload.PAINT_SIZES.length - 1;
                for (int i = 1; i <= layers; i++) {
                    h = own(h.matMul(p("W" + i, sub)), sub).add(p("b" + i, sub));
                    if (i < layers) {
                        h = Activation.relu(h);
                    }
                }
                return h.sub(y).abs().sum(new int[] {1}).mean();
            }
            case AE -> {
                NDArray h = x;
                for (int i = 1; i <= 4; i++) {
                    h = Activation.relu(h.matMul(p("W" + i, sub)));
                }
                for (int i = 4; i >= 1; i--) {
                    h = Activation.relu(h.matMul(own(p("W" + i, sub).transpose(), sub)));
                }
                return h.sub(y).square().mean();
            }
            case CONV -> {
                NDArray h = conv(x, "conv1", sub);
                h = conv(h, "conv2", sub);
                h = h.reshape(w.batch, 7 * 7 * 64); // C,H,W order: fc1/W rows were reordered to match
                h = Activation.relu(h.matMul(p("fc1/W", sub)).add(p("fc1/b", sub)));
                NDArray logits = h.matMul(p("fc2/W", sub)).add(p("fc2/b", sub));
                return softmaxCe(logits, y);
            }
            default -> throw new IllegalStateException();
        }
    }

    private NDArray conv(NDArray x, String layer, NDManager sub) {
        NDArray padded = x.pad(new Shape(1, 2, 1, 2), 0); // W: 1 left 2 right, H: 1 top 2 bottom (TF SAME)
        NDArray out = Conv2d.conv2d(padded, p(layer + "/W", sub), p(layer + "/b", sub),
                new Shape(2, 2), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        return Activation.relu(out);
    }

    private static NDArray softmaxCe(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    @Override
    public void close() {
        root.close();
    }
}
