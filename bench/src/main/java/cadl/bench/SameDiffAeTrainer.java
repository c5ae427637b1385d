package cadl.bench;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The tied autoencoder in DL4J's graph API, SameDiff (part of DL4J 1.0.0-M2.1's ND4J): four encoder
 * matrices as variables, the decoder multiplying by their transposes, ReLU everywhere, mean squared error,
 * Adam through {@code TrainingConfig}, one {@code fit(DataSet)} per step; the loss reported is the one of
 * the forward pass before that step's update, as in the other trainers.
 */
final class SameDiffAeTrainer implements Trainer {
    /**
     * ND4J's Adam adds epsilon to sqrt(v) before the bias correction, PyTorch's (and ours) after it:
     * lr sqrt(c2)/c1 m / (sqrt(v) + eps sqrt(c2)) with c2 = 1 - beta2^t. The autoencoder's gradients are
     * small enough for that to matter: with 1e-8 in ND4J's place the first step moved W0 by 9.33e-4 on
     * average where ours moved it 9.66e-4, and the second loss differed from PyTorch's by 1.7e-3. Giving ND4J 1e-8 sqrt(1 - 0.999) puts the
     * same epsilon where PyTorch has it at step 1 (and within a factor 1.7 at step 3).
     */
    static final double ND4J_EPSILON = 1e-8 * Math.sqrt(1 - 0.999);

    private final SameDiff sd = SameDiff.create();
    private final DataSet[] data;
    private final LastLoss lastLoss = new LastLoss();

    /**
     * The loss of the last iteration. SameDiff's fit never runs the loss's own forward op (backward starts
     * from reduce_mean_bp), so fit's History and the Loss given to listeners hold nothing; this takes the
     * mean of the squared differences as they are computed (one extra reduction per step).
     */
    private static final class LastLoss extends BaseListener {
        double value = Double.NaN;

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet ds, SameDiffOp op,
                OpContext ctx, INDArray[] outputs) {
            if (op.getOutputsOfOp() != null && op.getOutputsOfOp().contains("sqdiff")) value = outputs[0].meanNumber().doubleValue();
        }
    }

    SameDiffAeTrainer(Workload w) {
        if (w != Workload.AE) throw new IllegalArgumentException("SameDiffAeTrainer runs the tied autoencoder only, not " + w.id);
        Map<String, Workload.Param> init = w.initialParams();
        List<String> names = List.copyOf(init.keySet());
        int[] s = Workload.AE_SIZES;
        if (names.size() != s.length - 1) {
            throw new IllegalStateException("the autoencoder workload gives parameters " + names + ", expected " + (s.length - 1));
        }
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, s[0]);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, s[0]);
        SDVariable[] ws = new SDVariable[names.size()];
        SDVariable h = x;
        for (int i = 0; i < ws.length; i++) {
            Workload.Param p = init.get(names.get(i));
            long[] shape = {s[i], s[i + 1]};
            ws[i] = sd.var("W" + i, Nd4j.create(p.data(), shape, 'c'));
            h = sd.nn.relu(h.mmul(ws[i]), 0);
        }
        for (int i = ws.length - 1; i >= 0; i--) {
            h = sd.nn.relu(h.mmul(sd.transpose(ws[i])), 0);
        }
        SDVariable loss = sd.math.squaredDifference(h, y).rename("sqdiff").mean().rename("loss");
        sd.setLossVariables(loss);
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(new Adam(Workload.LEARNING_RATE, 0.9, 0.999, ND4J_EPSILON))
                .dataSetFeatureMapping("x").dataSetLabelMapping("y").build());
        data = Dl4jTrainer.dataSets(w);
    }

    @Override
    public String describe() {
        return "DL4J 1.0.0-M2.1 SameDiff";
    }

    @Override
    public float step(int step) {
        sd.fit(data[step % Workload.POOL_BATCHES], lastLoss);
        return (float) lastLoss.value;
    }
}
