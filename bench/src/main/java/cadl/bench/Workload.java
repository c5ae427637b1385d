package cadl.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The four benchmark workloads of issue 6, with the seeded data and the seeded initial weights that every
 * framework receives as plain Java arrays (so all of them start from the same point).
 *
 * <p>Layouts here are the course's: dense weights {@code [in, out]}, biases {@code [out]}, conv filters
 * {@code [kh, kw, in, out]}, images NHWC. Each framework converts once, before timing.
 */
public enum Workload {
    /** MLP 784-128-10 ReLU, softmax cross entropy, Adam 0.001, batch 100. */
    MLP("mlp", 100),
    /** S3 conv net: NHWC 28x28x1, conv 5x5x32 s2 SAME, conv 5x5x64 s2 SAME, fc 128, fc 10; softmax CE; batch 50. */
    CONV("conv", 50),
    /** Painting network [2, 64x6, 3], ReLU hidden, linear output, L1 (mean over batch of sum over rgb), batch 50. */
    PAINT("paint", 50),
    /** Tied autoencoder 784-512-256-128-64, no bias, ReLU everywhere, decoder uses W^T in reverse; MSE; batch 100. */
    AE("ae", 100);

    /** Seed of the data and of the initial weights. */
    public static final long SEED = 20261204L;
    /** Batches in the data pool that the steps cycle over. */
    public static final int POOL_BATCHES = 10;
    /** Adam's learning rate in every workload. */
    public static final float LEARNING_RATE = 0.001f;

    public static final int[] MLP_SIZES = {784, 128, 10};
    public static final int[] PAINT_SIZES = {2, 64, 64, 64, 64, 64, 64, 3};
    public static final int[] AE_SIZES = {784, 512, 256, 128, 64};

    public final String id;
    public final int batch;

    Workload(String id, int batch) {
        this.id = id;
        this.batch = batch;
    }

    public static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "': expected mlp, conv, paint or ae");
    }

    /** Input features per example (flattened). */
    public int inputSize() {
        return this == PAINT ? 2 : 784;
    }

    /** Shape of one batch of inputs: NHWC images {@code [batch, 28, 28, 1]} for the conv net, else {@code [batch, features]}. */
    public long[] inputShape() {
        return this == CONV ? new long[] {batch, 28, 28, 1} : new long[] {batch, inputSize()};
    }

    /** Shape of one batch of targets, {@code [batch, targetSize()]}. */
    public long[] targetShape() {
        return new long[] {batch, targetSize()};
    }

    /** Target values per example (one-hot classes, colours, or the input itself for the autoencoder). */
    public int targetSize() {
        return switch (this) {
            case MLP, CONV -> 10;
            case PAINT -> 3;
            case AE -> 784;
        };
    }

    /** One batch of inputs and targets, row-major {@code [batch, features]}. */
    public record Batch(float[] x, float[] y) { }

    /** The data pool: {@link #POOL_BATCHES} batches of random MNIST-shaped (or painting-shaped) data. */
    public Batch[] data() {
        Random r = new Random(SEED);
        Batch[] out = new Batch[POOL_BATCHES];
        for (int b = 0; b < POOL_BATCHES; b++) {
            float[] x = new float[batch * inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = this == PAINT ? 2f * r.nextFloat() - 1f : r.nextFloat();
            }
            float[] y;
            switch (this) {
                case MLP, CONV -> {
                    y = new float[batch * 10];
                    for (int i = 0; i < batch; i++) {
                        y[i * 10 + r.nextInt(10)] = 1f;
                    }
                }
                case PAINT -> {
                    y = new float[batch * 3];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = r.nextFloat();
                    }
                }
                default -> y = x.clone();
            }
            out[b] = new Batch(x, y);
        }
        return out;
    }

    /** A named initial parameter in the course's layout. */
    public record Param(float[] data, int[] shape) { }

    /**
     * The initial parameters, in order: for dense layers W{i} [in, out] then b{i} [out]; for the conv net
     * conv1/W [5,5,1,32], conv1/b, conv2/W [5,5,32,64], conv2/b, fc1/W [3136,128] (rows in H,W,C order),
     * fc1/b, fc2/W, fc2/b; for the autoencoder W1..W4 only. He-normal weights, small normal biases.
     */
    public Map<String, Param> initialParams() {
        Random r = new Random(SEED + 1);
        Map<String, Param> p = new LinkedHashMap<>();
        switch (this) {
            case MLP -> dense(p, r, MLP_SIZES, true);
            case PAINT -> dense(p, r, PAINT_SIZES, true);
            case AE -> dense(p, r, AE_SIZES, false);
            case CONV -> {
                p.put("conv1/W", he(r, 25, 5, 5, 1, 32));
                p.put("conv1/b", bias(r, 32));
                p.put("conv2/W", he(r, 25 * 32, 5, 5, 32, 64));
                p.put("conv2/b", bias(r, 64));
                p.put("fc1/W", he(r, 7 * 7 * 64, 7 * 7 * 64, 128));
                p.put("fc1/b", bias(r, 128));
                p.put("fc2/W", he(r, 128, 128, 10));
                p.put("fc2/b", bias(r, 10));
            }
        }
        return p;
    }

    private static void dense(Map<String, Param> p, Random r, int[] sizes, boolean bias) {
        for (int i = 0; i + 1 < sizes.length; i++) {
            p.put("W" + (i + 1), he(r, sizes[i], sizes[i], sizes[i + 1]));
            if (bias) {
                p.put("b" + (i + 1), bias(r, sizes[i + 1]));
            }
        }
    }

    private static Param he(Random r, int fanIn, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] d = new float[n];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            d[i] = (float) (r.nextGaussian() * std);
        }
        return new Param(d, shape);
    }

    private static Param bias(Random r, int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (r.nextGaussian() * 0.01);
        }
        return new Param(d, new int[] {n});
    }

    /** Reorders a [kh, kw, in, out] filter to [out, in, kh, kw] (PyTorch's and DL4J's layout). */
    public static float[] hwioToOihw(Param p) {
        int kh = p.shape()[0], kw = p.shape()[1], in = p.shape()[2], out = p.shape()[3];
        float[] o = new float[p.data().length];
        for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
                for (int c = 0; c < in; c++) {
                    for (int d = 0; d < out; d++) {
                        o[((d * in + c) * kh + a) * kw + b] = p.data()[((a * kw + b) * in + c) * out + d];
                    }
                }
            }
        }
        return o;
    }

    /** Reorders the rows of fc1/W [h*w*c, out] from H,W,C order to C,H,W order (what an NCHW flatten gives). */
    public static float[] hwcRowsToChw(float[] w, int h, int wd, int c, int out) {
        float[] o = new float[w.length];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < wd; j++) {
                for (int k = 0; k < c; k++) {
                    int src = (i * wd + j) * c + k;
                    int dst = (k * h + i) * wd + j;
                    System.arraycopy(w, src * out, o, dst * out, out);
                }
            }
        }
        return o;
    }

    /** Transposes a row-major [rows, cols] matrix. */
    public static float[] transpose(float[] w, int rows, int cols) {
        float[] o = new float[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                o[j * rows + i] = w[i * cols + j];
            }
        }
        return o;
    }
}
