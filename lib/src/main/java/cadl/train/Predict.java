package cadl.train;

import cadl.nn.Module;
import cadl.tensor.NoGrad;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained model applied to many examples, a chunk at a time and without recording a graph: TensorFlow 1's
 * {@code sess.run(Y_pred, feed_dict={X: ...})} over a whole validation or test set.
 *
 * <pre>{@code
 * Tensor outputs = Predict.outputs(model, test.x(), 1000);    // [N, 10]
 * int[] classes  = Predict.classes(model, test.x(), 1000);    // the largest output of each row
 * double acc = Accuracy.of(outputs, test.labels());
 * }</pre>
 *
 * <p>Chunks keep the memory of a convolutional network's activations small (7000 images at once through a
 * 32-filter convolution would hold about 175 MB); the result is the same as one call on all rows. The model's
 * training or evaluation mode is left as it is: call {@code model.eval()} first if it has dropout.
 */
public final class Predict {

    /** Rows per chunk when none is given. */
    public static final int DEFAULT_CHUNK = 1000;

    private Predict() {
    }

    /** {@link #outputs(Module, Tensor, int)} with chunks of {@link #DEFAULT_CHUNK} rows. */
    public static Tensor outputs(Module model, Tensor x) {
        return outputs(model, x, DEFAULT_CHUNK);
    }

    /**
     * The model's outputs for every row of {@code x}, computed {@code chunk} rows at a time inside
     * {@link NoGrad#run}.
     *
     * @param model the model, mapping {@code [n, ...] -> [n, ...]}
     * @param x     inputs {@code [N, ...]}
     * @param chunk rows per forward pass, at least 1
     * @return the outputs of all N rows, concatenated along the first axis
     * @throws IllegalArgumentException if an argument is null, {@code x} is a scalar or empty, or {@code chunk < 1}
     */
    public static Tensor outputs(Module model, Tensor x, int chunk) {
        if (model == null || x == null) {
            throw new IllegalArgumentException("Predict.outputs: model and inputs must not be null (got model "
                    + (model == null ? "null" : model.describe()) + ", inputs " + (x == null ? "null" : Arrays.toString(x.shape())) + ")");
        }
        if (x.rank() < 1 || x.size(0) < 1) {
            throw new IllegalArgumentException("Predict.outputs: expected inputs [N, ...] with N >= 1, got " + Arrays.toString(x.shape()));
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("Predict.outputs: chunk must be at least 1 row, got " + chunk);
        }
        int n = x.size(0);
        return NoGrad.run(() -> {
            if (n <= chunk) {
                return model.forward(x);
            }
            List<Tensor> parts = new ArrayList<>();
            for (int from = 0; from < n; from += chunk) {
                parts.add(model.forward(x.rows(from, Math.min(n, from + chunk))));
            }
            return Tensor.concat(0, parts.toArray(new Tensor[0]));
        });
    }

    /** {@link #classes(Module, Tensor, int)} with chunks of {@link #DEFAULT_CHUNK} rows. */
    public static int[] classes(Module model, Tensor x) {
        return classes(model, x, DEFAULT_CHUNK);
    }

    /**
     * The predicted class of every row: the index of the model's largest output ({@link Accuracy#predictions}).
     *
     * @param model a classifier mapping {@code [n, ...] -> [n, C]}, C >= 2
     * @param x     inputs {@code [N, ...]}
     * @param chunk rows per forward pass
     * @return N class numbers in {@code 0 .. C-1}
     */
    public static int[] classes(Module model, Tensor x, int chunk) {
        return Accuracy.predictions(outputs(model, x, chunk));
    }
}
