package cadl.data;

import cadl.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Inputs paired with integer class labels: row {@code i} of {@link #x()} is example {@code i},
 * {@code labels()[i]} its class.
 *
 * <p>For MNIST, {@code x} is {@code [N, 784]} (each row a 28 x 28 image flattened row by row,
 * pixels scaled to 0..1), labels are 0..9 and {@link #itemShape()} is {@code [28, 28]}. A data set
 * loaded from MNIST's files also remembers the official partition: the first
 * {@link #trainSize()} rows are the training images, the rest the test images, so
 * {@link #train()} and {@link #test()} give them back (the GI lesson uses them; the S3 lesson
 * instead splits all 70000 with {@link Splits}).
 *
 * <p>Immutable: {@link #rows(int, int)}, {@link #subset(int[])} and {@link #limit(int)} return
 * new data sets.
 */
public final class Dataset {

    private final String name;
    private final Tensor x;
    private final int[] labels;
    private final List<String> classNames;
    private final int[] itemShape;
    private final int trainSize;

    /**
     * A data set without a train/test partition.
     *
     * @param name       shown by {@link #toString()}, e.g. "two spirals"
     * @param x          inputs {@code [N, D]}
     * @param labels     N class numbers in {@code 0 .. classNames.size() - 1}
     * @param classNames one name per class
     * @param itemShape  the shape of one example, whose product is D (e.g. {@code [28, 28]})
     */
    public Dataset(String name, Tensor x, int[] labels, List<String> classNames, int... itemShape) {
        this(name, x, labels, classNames, itemShape, -1);
    }

    Dataset(String name, Tensor x, int[] labels, List<String> classNames, int[] itemShape, int trainSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.x = Objects.requireNonNull(x, "x");
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        this.itemShape = itemShape.length == 0 ? new int[] {x.size(1)} : itemShape.clone();
        this.trainSize = trainSize;
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Dataset: x must be [N, D], got " + Arrays.toString(x.shape()));
        }
        if (x.size(0) != labels.length) {
            throw new IllegalArgumentException("Dataset: x " + Arrays.toString(x.shape()) + " has " + x.size(0)
                    + " rows but there are " + labels.length + " labels");
        }
        long d = 1;
        for (int s : this.itemShape) {
            d *= s;
        }
        if (d != x.size(1)) {
            throw new IllegalArgumentException("Dataset: item shape " + Arrays.toString(this.itemShape)
                    + " holds " + d + " values but x " + Arrays.toString(x.shape()) + " has " + x.size(1)
                    + " per row");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException("Dataset: label " + i + " is " + labels[i]
                        + ", outside 0.." + (this.classNames.size() - 1) + " (" + this.classNames.size()
                        + " classes)");
            }
        }
        if (trainSize > labels.length) {
            throw new IllegalArgumentException("Dataset: train size " + trainSize + " exceeds N=" + labels.length);
        }
    }

    /** The data set's name, e.g. "MNIST" or "Fashion-MNIST". */
    public String name() {
        return name;
    }

    /** Number of examples N. */
    public int n() {
        return labels.length;
    }

    /** The inputs {@code [N, D]}, float32 (for MNIST {@code [N, 784]} in 0..1). */
    public Tensor x() {
        return x;
    }

    /** Same as {@link #x()}: the images {@code [N, 784]} of an image data set, one flattened image per row. */
    public Tensor images() {
        return x;
    }

    /** The class of every example, length N (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The class of example {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The labels as one-hot rows {@code [N, classes]}: see {@link Labels#oneHot(int[], int)}. */
    public Tensor oneHot() {
        return Labels.oneHot(labels, classes());
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** The name of every class, indexed by label ("0".."9" for MNIST, "T-shirt/top".. for Fashion-MNIST). */
    public List<String> classNames() {
        return classNames;
    }

    /** The name of class {@code label}. */
    public String className(int label) {
        return classNames.get(label);
    }

    /** The shape of one example, e.g. {@code [28, 28]} (a copy). */
    public int[] itemShape() {
        return itemShape.clone();
    }

    /** Example {@code i} in its item shape, e.g. {@code [28, 28]} for an MNIST image. */
    public Tensor item(int i) {
        checkIndex(i);
        int[] shape = itemShape.clone();
        return x.rows(i, i + 1).reshape(shape);
    }

    /** Same as {@link #item(int)}: image {@code i} as {@code [rows, columns]}. */
    public Tensor image(int i) {
        return item(i);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public Dataset rows(int from, int to) {
        if (from < 0 || to > n() || from > to) {
            throw new IllegalArgumentException("Dataset.rows: range [" + from + ", " + to + ") is outside [0, "
                    + n() + ")");
        }
        int newTrain = trainSize < 0 ? -1 : Math.max(0, Math.min(trainSize, to) - from);
        return new Dataset(name, x.rows(from, to), Arrays.copyOfRange(labels, from, to), classNames, itemShape,
                newTrain == 0 || newTrain == to - from ? -1 : newTrain);
    }

    /** The examples at {@code indices}, in that order (indices may repeat). Drops the train/test partition. */
    public Dataset subset(int[] indices) {
        int[] picked = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            checkIndex(indices[k]);
            picked[k] = labels[indices[k]];
        }
        return new Dataset(name, x.rows(indices), picked, classNames, itemShape, -1);
    }

    /**
     * At most {@code n} examples, for quick runs. Without a train/test partition these are the
     * first n. With one (MNIST's 60000 + 10000) the partition is kept in proportion: the first
     * {@code round(n * trainSize / N)} training examples and the first of the test examples for
     * the rest, so {@code limit(7000)} gives 6000 to train and 1000 to test.
     */
    public Dataset limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Dataset.limit: n must be at least 1, got " + n);
        }
        if (n >= n()) {
            return this;
        }
        if (!hasTrainTest()) {
            return rows(0, n);
        }
        int keepTrain = (int) Math.round((double) n * trainSize / n());
        int keepTest = n - keepTrain;
        int[] idx = new int[n];
        for (int i = 0; i < keepTrain; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < keepTest; i++) {
            idx[keepTrain + i] = trainSize + i;
        }
        Dataset d = subset(idx);
        return new Dataset(name, d.x, d.labels, classNames, itemShape, keepTrain);
    }

    /** Whether this data set knows an official train/test partition (MNIST's files do). */
    public boolean hasTrainTest() {
        return trainSize >= 0;
    }

    /** Number of training examples in the official partition; -1 if there is none. */
    public int trainSize() {
        return trainSize;
    }

    /**
     * The official training part (MNIST: the 60000 images of {@code train-*} files).
     *
     * @throws IllegalStateException if this data set has no train/test partition
     */
    public Dataset train() {
        requirePartition("train");
        return rows(0, trainSize);
    }

    /**
     * The official test part (MNIST: the 10000 images of {@code t10k-*} files).
     *
     * @throws IllegalStateException if this data set has no train/test partition
     */
    public Dataset test() {
        requirePartition("test");
        return rows(trainSize, n());
    }

    private void requirePartition(String what) {
        if (!hasTrainTest()) {
            throw new IllegalStateException("Dataset." + what + ": " + name + " (N=" + n()
                    + ") has no official train/test partition; split it with Splits.of(dataset, 0.8, 0.1, 0.1)");
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= n()) {
            throw new IllegalArgumentException("Dataset: index " + i + " is outside [0, " + n() + ")");
        }
    }

    /** E.g. {@code Dataset(MNIST: x [70000, 784] float32, 10 classes, train 60000 + test 10000)}. */
    @Override
    public String toString() {
        return "Dataset(" + name + ": x " + Arrays.toString(x.shape()) + " " + x.dtype()
                + ", " + classes() + " classes"
                + (hasTrainTest() ? ", train " + trainSize + " + test " + (n() - trainSize) : "") + ")";
    }
}
