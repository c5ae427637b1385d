package cadl.data;

import cadl.tensor.Rng;
import java.util.Arrays;

/**
 * A data set shuffled once and cut into training, validation and test parts by fractions.
 *
 * <p>The training part fits the parameters, the validation part tells how well the model
 * does on data it has not fitted while choosing hyperparameters (and when to stop), and the
 * test part is looked at once, at the end. The S3 lesson splits all 70000 MNIST images
 * 0.8 / 0.1 / 0.1: 56000 / 7000 / 7000.
 *
 * <p>The shuffle is {@link Rng#permutation(int)}, so {@code Rng.seed(s)} before
 * {@code Splits.of(...)} makes the split reproducible.
 */
public final class Splits {

    private final Dataset train;
    private final Dataset valid;
    private final Dataset test;

    private Splits(Dataset train, Dataset valid, Dataset test) {
        this.train = train;
        this.valid = valid;
        this.test = test;
    }

    /**
     * Shuffles {@code data} and cuts it: the first {@code round(N * train)} shuffled examples
     * train, the next {@code round(N * valid)} validate, the rest test.
     *
     * @param data  the examples
     * @param train fraction for training, in [0, 1]
     * @param valid fraction for validation, in [0, 1]
     * @param test  fraction for testing, in [0, 1]; the three must sum to 1
     * @throws IllegalArgumentException if a fraction is outside [0, 1], they do not sum to 1,
     *                                  or the training part would be empty
     */
    public static Splits of(Dataset data, double train, double valid, double test) {
        for (double f : new double[] {train, valid, test}) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("Splits.of: fractions must be in [0, 1], got train=" + train
                        + ", valid=" + valid + ", test=" + test);
            }
        }
        double sum = train + valid + test;
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("Splits.of: fractions train=" + train + ", valid=" + valid
                    + ", test=" + test + " sum to " + sum + ", expected 1");
        }
        int n = data.n();
        int nTrain = (int) Math.round(n * train);
        int nValid = Math.min(n - nTrain, (int) Math.round(n * valid));
        int nTest = n - nTrain - nValid;
        if (nTrain == 0) {
            throw new IllegalArgumentException("Splits.of: " + n + " examples x train fraction " + train
                    + " leaves no training examples");
        }
        int[] order = Rng.permutation(n);
        return new Splits(
                data.subset(Arrays.copyOfRange(order, 0, nTrain)),
                nValid == 0 ? null : data.subset(Arrays.copyOfRange(order, nTrain, nTrain + nValid)),
                nTest == 0 ? null : data.subset(Arrays.copyOfRange(order, nTrain + nValid, n)));
    }

    /** The training part. */
    public Dataset train() {
        return train;
    }

    /**
     * The validation part.
     *
     * @throws IllegalStateException if the validation fraction gave no examples
     */
    public Dataset valid() {
        if (valid == null) {
            throw new IllegalStateException("Splits.valid: the validation part is empty (fraction 0 or too few examples)");
        }
        return valid;
    }

    /**
     * The test part.
     *
     * @throws IllegalStateException if the test fraction gave no examples
     */
    public Dataset test() {
        if (test == null) {
            throw new IllegalStateException("Splits.test: the test part is empty (fraction 0 or too few examples)");
        }
        return test;
    }

    /** E.g. {@code Splits(MNIST: train 56000, valid 7000, test 7000)}. */
    @Override
    public String toString() {
        return "Splits(" + train.name() + ": train " + train.n() + ", valid " + (valid == null ? 0 : valid.n())
                + ", test " + (test == null ? 0 : test.n()) + ")";
    }
}
