package cadl.bench;

import cadl.nn.Losses;
import cadl.tensor.Padding;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The course library as a learner uses it: parameters are leaf {@link Tensor}s that require gradients,
 * the forward pass is written with Tensor operators (matmul, add, relu, conv2d NHWC SAME) with cadl.nn.Losses,
 * {@code loss.backward()}, then Adam updates each parameter and clears its gradient.
 */
final class OursTrainer implements Trainer {
    private final Workload w;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Tensor[] xs;
    private final Tensor[] ys;
    private final Adam adam;

    OursTrainer(Workload w) {
        this.w = w;
        for (var e : w.initialParams().entrySet()) {
            params.put(e.getKey(), Tensor.of(e.getValue().data(), e.getValue().shape()).requiresGrad(true));
        }
        Workload.Batch[] data = w.data();
        xs = new Tensor[data.length];
        ys = new Tensor[data.length];
        for (int i = 0; i < data.length; i++) {
            xs[i] = w == Workload.CONV ? Tensor.of(data[i].x(), w.batch, 28, 28, 1) : Tensor.of(data[i].x(), w.batch, w.inputSize());
            ys[i] = Tensor.of(data[i].y(), w.batch, w.targetSize());
        }
        adam = new Adam(new ArrayList<>(params.values()), Workload.LEARNING_RATE);
    }

    @Override
    public String describe() {
        return "cadl.tensor + " + adam.describe();
    }

    @Override
    public float step(int step) {
        int b = step % Workload.POOL_BATCHES;
        Tensor loss = forward(xs[b], ys[b]);
        float value = (float) loss.item();
        loss.backward();
        adam.step();
        return value;
    }

    private Tensor p(String name) {
        return params.get(name);
    }

    private Tensor forward(Tensor x, Tensor y) {
        switch (w) {
            case MLP -> {
                Tensor h = x.matmul(p("W1")).add(p("b1")).relu();
                return Losses.softmaxCrossEntropy(h.matmul(p("W2")).add(p("b2")), y);
            }
            case PAINT -> {
                Tensor h = x;
                int layers = Workload.PAINT_SIZES.length - 1;
                for (int i = 1; i <= layers; i++) {
                    h = h.matmul(p("W" + i)).add(p("b" + i));
                    if (i < layers) {
                        h = h.relu();
                    }
                }
                return Losses.l1Sum(h, y, 1);
            }
            case AE -> {
                Tensor h = x;
                for (int i = 1; i <= 4; i++) {
                    h = h.matmul(p("W" + i)).relu();
                }
                for (int i = 4; i >= 1; i--) {
                    h = h.matmul(p("W" + i).transpose()).relu();
                }
                return Losses.mse(h, y);
            }
            case CONV -> {
                Tensor h = x.conv2d(p("conv1/W"), 2, Padding.SAME).add(p("conv1/b")).relu();
                h = h.conv2d(p("conv2/W"), 2, Padding.SAME).add(p("conv2/b")).relu();
                h = h.reshape(w.batch, -1).matmul(p("fc1/W")).add(p("fc1/b")).relu();
                return Losses.softmaxCrossEntropy(h.matmul(p("fc2/W")).add(p("fc2/b")), y);
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Adam (Kingma and Ba 2015) on the parameters' live buffers, in ND4J in-place ops. Stands in until
     * cadl.optim.Adam is on main; then the bench uses that.
     */
    static final class Adam {
        private final List<Tensor> ps;
        private final double lr;
        private final List<INDArray> m = new ArrayList<>();
        private final List<INDArray> v = new ArrayList<>();
        private int t;

        Adam(List<Tensor> ps, double lr) {
            this.ps = ps;
            this.lr = lr;
            for (Tensor p : ps) {
                m.add(Nd4j.zerosLike(p.array()));
                v.add(Nd4j.zerosLike(p.array()));
            }
        }

        String describe() {
            return "bench's own Adam on INDArray (cadl.optim not on main yet)";
        }

        void step() {
            t++;
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i);
                INDArray g = p.grad().array();
                m.get(i).muli(0.9).addi(g.mul(0.1));
                v.get(i).muli(0.999).addi(g.mul(g).muli(0.001));
                INDArray denom = Transforms.sqrt(v.get(i).div(c2), false).addi(1e-8);
                p.array().subi(m.get(i).div(c1).divi(denom).muli(lr));
                p.zeroGrad();
            }
        }
    }
}
