package cadl.train;

import cadl.tensor.Tensor;
import java.util.Arrays;

/**
 * The fraction of examples classified right. For classes, the prediction is the largest output of each row of
 * {@code [N, C]} outputs, which is the same for logits and for softmax probabilities; labels are class numbers
 * ({@code int[N]} or a tensor {@code [N]}) or one-hot rows {@code [N, C]}. For one output per example use
 * {@link #binary}.
 */
public final class Accuracy {
    private Accuracy() {
    }

    /** Accuracy of outputs {@code [N, C]} (logits or probabilities) against class numbers {@code [N]}. */
    public static double of(Tensor outputs, int[] labels) {
        int[] pred = predictions(outputs);
        if (labels == null || labels.length != pred.length) {
            throw new IllegalArgumentException("Accuracy.of: outputs " + Arrays.toString(outputs.shape()) + " have " + pred.length
                    + " rows but there are " + (labels == null ? "no" : String.valueOf(labels.length)) + " labels");
        }
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == labels[i]) right++;
        return (double) right / pred.length;
    }

    /** Accuracy of outputs {@code [N, C]} against one-hot labels {@code [N, C]} or class numbers {@code [N]}. */
    public static double of(Tensor outputs, Tensor labels) {
        if (labels.rank() == 2) {
            if (!Arrays.equals(labels.shape(), outputs.shape())) {
                throw new IllegalArgumentException("Accuracy.of: outputs " + Arrays.toString(outputs.shape()) + " and one-hot labels "
                        + Arrays.toString(labels.shape()) + " differ in shape");
            }
            return of(outputs, labels.argmax(1).toIntArray());
        }
        if (labels.rank() == 1) return of(outputs, labels.toIntArray());
        throw new IllegalArgumentException("Accuracy.of: labels must be [N] class numbers or [N, C] one-hot, got " + Arrays.toString(labels.shape()));
    }

    /** Accuracy of probabilities {@code [N]} or {@code [N, 1]} thresholded at 0.5 against labels 0/1. */
    public static double binary(Tensor probabilities, int[] labels) {
        if (probabilities.numel() != (labels == null ? -1 : labels.length) || probabilities.rank() > 2
                || (probabilities.rank() == 2 && probabilities.size(1) != 1)) {
            throw new IllegalArgumentException("Accuracy.binary: expected probabilities [N] or [N, 1] for " + (labels == null ? 0 : labels.length)
                    + " labels but got " + Arrays.toString(probabilities.shape()));
        }
        double[] p = probabilities.toDoubleArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) if ((p[i] >= 0.5 ? 1 : 0) == labels[i]) right++;
        return (double) right / p.length;
    }

    /** The predicted class of each row of {@code [N, C]} outputs (the index of the largest value). */
    public static int[] predictions(Tensor outputs) {
        if (outputs.rank() != 2 || outputs.size(1) < 2) {
            throw new IllegalArgumentException("Accuracy: expected outputs [N, C] with C >= 2 classes but got " + Arrays.toString(outputs.shape())
                    + (outputs.rank() == 2 || outputs.rank() == 1 ? " (for one probability per example use Accuracy.binary)" : ""));
        }
        return outputs.argmax(1).toIntArray();
    }
}
