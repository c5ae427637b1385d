package cadl.data;

import cadl.tensor.Tensor;

/**
 * Class labels as the network sees them.
 *
 * <p>A class number such as 3 is a bad regression target: the cost would say 3 is closer to
 * 4 than to 8, which means nothing for digits. A one-hot row instead has a 1 in the column of
 * the class and 0 elsewhere, so every wrong class is equally wrong and the row can be compared
 * with a softmax output (a probability per class) by cross entropy.
 */
public final class Labels {

    private Labels() {
    }

    /**
     * One-hot rows: {@code out[i, labels[i]] = 1}, every other entry 0.
     *
     * <pre>
     *   Labels.oneHot(new int[] {2, 0}, 3)  ->  [[0, 0, 1],
     *                                            [1, 0, 0]]
     * </pre>
     *
     * @param labels  N class numbers, each in {@code 0 .. classes - 1}
     * @param classes number of classes C (at least 1)
     * @return a float32 tensor {@code [N, C]}
     * @throws IllegalArgumentException naming the first label out of range
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("Labels.oneHot: classes must be at least 1, got " + classes);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("Labels.oneHot: no labels (N = 0); a tensor [0, " + classes
                    + "] is not supported");
        }
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("Labels.oneHot: label " + i + " is " + c + ", outside 0.."
                        + (classes - 1) + " for " + classes + " classes");
            }
            out[i * classes + c] = 1f;
        }
        return Tensor.of(out, labels.length, classes);
    }

    /**
     * How many examples each class has: {@code counts[c]} = number of {@code labels[i] == c}.
     *
     * @throws IllegalArgumentException naming the first label out of range
     */
    public static int[] counts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("Labels.counts: label " + i + " is " + c + ", outside 0.."
                        + (classes - 1));
            }
            counts[c]++;
        }
        return counts;
    }
}
