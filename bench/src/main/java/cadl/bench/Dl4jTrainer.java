package cadl.bench;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * DL4J 1.0.0-M2.1 MultiLayerNetwork: DenseLayer / ConvolutionLayer (NHWC, ConvolutionMode.Same) /
 * OutputLayer with the matching loss, Adam from ND4J's updater config, one {@code fit(DataSet)} per step.
 * The tied autoencoder cannot be expressed in MultiLayerNetwork (its layers own their parameters, so a
 * decoder layer cannot reuse an encoder layer's transposed matrix); it runs in DL4J's SameDiff instead
 * ({@link SameDiffAeTrainer}).
 */
final class Dl4jTrainer implements Trainer {
    private final MultiLayerNetwork net;
    private final DataSet[] data;

    static Trainer create(Workload w) {
        if (w == Workload.AE) {
            return new SameDiffAeTrainer(w); // MultiLayerNetwork cannot tie a decoder to the encoder's W^T
        }
        return new Dl4jTrainer(w);
    }

    private Dl4jTrainer(Workload w) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(Workload.SEED).dataType(DataType.FLOAT)
                .updater(new Adam(Workload.LEARNING_RATE, 0.9, 0.999, 1e-8))
                .list();
        switch (w) {
            case MLP -> {
                b.layer(new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build());
                b.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(128).nOut(10)
                        .activation(Activation.SOFTMAX).build());
            }
            case PAINT -> {
                int[] s = Workload.PAINT_SIZES;
                for (int i = 0; i + 2 < s.length; i++) {
                    b.layer(new DenseLayer.Builder().nIn(s[i]).nOut(s[i + 1]).activation(Activation.RELU).build());
                }
                b.layer(new OutputLayer.Builder(LossFunction.L1).nIn(s[s.length - 2]).nOut(s[s.length - 1])
                        .activation(Activation.IDENTITY).build());
            }
            case CONV -> {
                b.layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(32).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(CNN2DFormat.NHWC).activation(Activation.RELU).build());
                b.layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(64).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(CNN2DFormat.NHWC).activation(Activation.RELU).build());
                b.layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build());
                b.layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build());
                b.setInputType(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC));
            }
            default -> throw new IllegalStateException();
        }
        MultiLayerConfiguration conf = b.build();
        net = new MultiLayerNetwork(conf);
        net.init();
        setParams(w);
        data = dataSets(w);
    }

    /** The workload's data pool as DL4J data sets (inputs NHWC for the conv net). */
    static DataSet[] dataSets(Workload w) {
        Workload.Batch[] batches = w.data();
        DataSet[] r = new DataSet[batches.length];
        for (int i = 0; i < batches.length; i++) {
            r[i] = new DataSet(Nd4j.create(batches[i].x(), w.inputShape(), 'c'), Nd4j.create(batches[i].y(), w.targetShape(), 'c'));
        }
        return r;
    }

    private void setParams(Workload w) {
        Map<String, Workload.Param> init = w.initialParams();
        List<String> names = List.copyOf(init.keySet());
        for (int layer = 0; layer < names.size() / 2; layer++) {
            Workload.Param wp = init.get(names.get(2 * layer));
            Workload.Param bp = init.get(names.get(2 * layer + 1));
            INDArray target = net.getParam(layer + "_W");
            float[] data = wp.data();
            if (wp.shape().length == 4) {
                data = Workload.hwioToOihw(wp); // DL4J keeps conv weights [out, in, kh, kw] even for NHWC data
            } // fc1/W needs no reordering: DL4J flattens NHWC activations in H,W,C order (the agreement gate checks it)
            if (target.length() != data.length) {
                throw new IllegalStateException("DL4J " + layer + "_W has shape " + java.util.Arrays.toString(target.shape())
                        + " but " + names.get(2 * layer) + " has " + java.util.Arrays.toString(wp.shape()));
            }
            target.assign(Nd4j.create(data, target.shape(), 'c'));
            net.getParam(layer + "_b").assign(Nd4j.create(bp.data(), net.getParam(layer + "_b").shape(), 'c'));
        }
    }

    @Override
    public String describe() {
        return "DL4J 1.0.0-M2.1";
    }

    @Override
    public float step(int step) {
        net.fit(data[step % Workload.POOL_BATCHES]);
        return (float) net.score();
    }
}
