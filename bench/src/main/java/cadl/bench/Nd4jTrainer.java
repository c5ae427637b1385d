package cadl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A floor for ND4J's own speed: the same workloads on raw INDArrays with the backward pass written by
 * hand (gemm with transpose flags, in-place ReLU masks, native conv2d / conv2d_bp in NHWC) and Adam as
 * in-place ops. No graph, no tensor objects: what an engine over ND4J could approach at best.
 */
final class Nd4jTrainer implements Trainer {
    private static final int[] CONV_ARGS = {5, 5, 2, 2, 0, 0, 1, 1, 1, 1, 0}; // 5x5, s2, SAME, NHWC, [kh,kw,in,out]
    private final Workload w;
    private final List<INDArray> ps = new ArrayList<>();
    private final List<INDArray> gs = new ArrayList<>();
    private final List<INDArray> ms = new ArrayList<>();
    private final List<INDArray> vs = new ArrayList<>();
    private final INDArray[] xs;
    private final INDArray[] ys;
    private int t;

    Nd4jTrainer(Workload w) {
        this.w = w;
        for (Map.Entry<String, Workload.Param> e : w.initialParams().entrySet()) {
            int[] s = e.getValue().shape();
            long[] shape = new long[s.length == 1 ? 2 : s.length];
            if (s.length == 1) {
                shape[0] = 1;
                shape[1] = s[0];
            } else {
                for (int i = 0; i < s.length; i++) {
                    shape[i] = s[i];
                }
            }
            INDArray p = Nd4j.create(e.getValue().data(), shape, 'c');
            ps.add(p);
            ms.add(Nd4j.zerosLike(p));
            vs.add(Nd4j.zerosLike(p));
        }
        Workload.Batch[] data = w.data();
        xs = new INDArray[data.length];
        ys = new INDArray[data.length];
        for (int i = 0; i < data.length; i++) {
            xs[i] = Nd4j.create(data[i].x(), w.inputShape(), 'c');
            ys[i] = Nd4j.create(data[i].y(), w.targetShape(), 'c');
        }
    }

    @Override
    public String describe() {
        return "ND4J 1.0.0-M2.1, hand-written backward";
    }

    @Override
    public float step(int step) {
        int b = step % Workload.POOL_BATCHES;
        gs.clear();
        float loss = switch (w) {
            case MLP, PAINT -> dense(xs[b], ys[b]);
            case AE -> tied(xs[b], ys[b]);
            case CONV -> conv(xs[b], ys[b]);
        };
        adam();
        return loss;
    }

    private static INDArray mm(INDArray a, INDArray b, boolean ta, boolean tb) {
        return Nd4j.gemm(a, b, ta, tb);
    }

    private float dense(INDArray x, INDArray y) {
        int layers = ps.size() / 2;
        INDArray[] acts = new INDArray[layers + 1];
        acts[0] = x;
        for (int i = 0; i < layers; i++) {
            INDArray z = mm(acts[i], ps.get(2 * i), false, false).addiRowVector(ps.get(2 * i + 1));
            acts[i + 1] = i < layers - 1 ? Transforms.relu(z, false) : z;
        }
        INDArray out = acts[layers];
        INDArray d;
        float loss;
        if (w == Workload.MLP) {
            INDArray p = Transforms.softmax(out, true);
            loss = (float) -(Transforms.log(p, true).muli(y).sumNumber().doubleValue() / w.batch);
            d = p.subi(y).divi(w.batch);
        } else {
            INDArray diff = out.sub(y);
            loss = (float) (Transforms.abs(diff, true).sumNumber().doubleValue() / w.batch);
            d = Transforms.sign(diff, false).divi(w.batch);
        }
        INDArray[] grads = new INDArray[2 * layers];
        for (int i = layers - 1; i >= 0; i--) {
            grads[2 * i] = mm(acts[i], d, true, false);
            grads[2 * i + 1] = d.sum(true, 0);
            if (i > 0) {
                d = mm(d, ps.get(2 * i), false, true).muli(acts[i].gt(0).castTo(d.dataType()));
            }
        }
        gs.addAll(List.of(grads));
        return loss;
    }

    private float tied(INDArray x, INDArray y) {
        INDArray[] acts = new INDArray[9];
        acts[0] = x;
        for (int i = 0; i < 4; i++) {
            acts[i + 1] = Transforms.relu(mm(acts[i], ps.get(i), false, false), false);
        }
        for (int k = 3; k >= 0; k--) {
            int i = 7 - k; // decoder layer index 4..7 uses W_k transposed
            acts[i + 1] = Transforms.relu(mm(acts[i], ps.get(k), false, true), false);
        }
        INDArray diff = acts[8].sub(y);
        long n = diff.length();
        float loss = (float) (diff.mul(diff).sumNumber().doubleValue() / n);
        INDArray d = diff.muli(2.0 / n).muli(acts[8].gt(0).castTo(diff.dataType()));
        INDArray[] grads = new INDArray[4];
        for (int k = 0; k <= 3; k++) { // decoder, last layer first: out = relu(acts[7-k] @ W_k^T)
            int i = 7 - k;
            grads[k] = mm(d, acts[i], true, false); // dW_k = d^T @ h
            d = mm(d, ps.get(k), false, false).muli(acts[i].gt(0).castTo(d.dataType()));
        }
        for (int k = 3; k >= 0; k--) { // encoder: acts[k+1] = relu(acts[k] @ W_k)
            grads[k].addi(mm(acts[k], d, true, false));
            if (k > 0) {
                d = mm(d, ps.get(k), false, true).muli(acts[k].gt(0).castTo(d.dataType()));
            }
        }
        gs.addAll(List.of(grads));
        return loss;
    }

    private static INDArray conv2d(INDArray x, INDArray f, INDArray b) {
        long[] xs = x.shape();
        INDArray out = Nd4j.createUninitialized(x.dataType(), xs[0], (xs[1] + 1) / 2, (xs[2] + 1) / 2, f.size(3));
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, f, b.reshape(f.size(3))).addOutputs(out)
                .addIntegerArguments(CONV_ARGS).build());
        return out;
    }

    /** {input grad, filter grad, bias grad} of conv2d for upstream g. */
    private static INDArray[] conv2dBp(INDArray x, INDArray f, INDArray b, INDArray g) {
        INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray gf = Nd4j.createUninitialized(f.dataType(), f.shape());
        INDArray gb = Nd4j.createUninitialized(f.dataType(), f.size(3));
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, f, b.reshape(f.size(3)), g)
                .addOutputs(gx, gf, gb).addIntegerArguments(CONV_ARGS).build());
        return new INDArray[] {gx, gf, gb.reshape(1, f.size(3))};
    }

    private float conv(INDArray x, INDArray y) {
        INDArray a1 = Transforms.relu(conv2d(x, ps.get(0), ps.get(1)), false);
        INDArray a2 = Transforms.relu(conv2d(a1, ps.get(2), ps.get(3)), false);
        INDArray flat = a2.reshape(w.batch, 7 * 7 * 64);
        INDArray a3 = Transforms.relu(mm(flat, ps.get(4), false, false).addiRowVector(ps.get(5)), false);
        INDArray logits = mm(a3, ps.get(6), false, false).addiRowVector(ps.get(7));
        INDArray p = Transforms.softmax(logits, true);
        float loss = (float) -(Transforms.log(p, true).muli(y).sumNumber().doubleValue() / w.batch);
        INDArray d = p.subi(y).divi(w.batch);
        INDArray gW4 = mm(a3, d, true, false), gb4 = d.sum(true, 0);
        d = mm(d, ps.get(6), false, true).muli(a3.gt(0).castTo(d.dataType()));
        INDArray gW3 = mm(flat, d, true, false), gb3 = d.sum(true, 0);
        d = mm(d, ps.get(4), false, true).reshape(a2.shape()).muli(a2.gt(0).castTo(d.dataType()));
        INDArray[] g2 = conv2dBp(a1, ps.get(2), ps.get(3), d);
        d = g2[0].muli(a1.gt(0).castTo(d.dataType()));
        INDArray[] g1 = conv2dBp(x, ps.get(0), ps.get(1), d);
        gs.addAll(List.of(g1[1], g1[2], g2[1], g2[2], gW3, gb3, gW4, gb4));
        return loss;
    }

    /** Adam, textbook epsilon: p -= lr * mHat / (sqrt(vHat) + eps), all in place. */
    private void adam() {
        t++;
        double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
        for (int i = 0; i < ps.size(); i++) {
            INDArray g = gs.get(i);
            ms.get(i).muli(0.9).addi(g.mul(0.1));
            vs.get(i).muli(0.999).addi(g.muli(g).muli(0.001));
            INDArray denom = Transforms.sqrt(vs.get(i), true).divi(Math.sqrt(c2)).addi(1e-8);
            ps.get(i).subi(ms.get(i).div(denom).muli(Workload.LEARNING_RATE / c1));
        }
    }
}
