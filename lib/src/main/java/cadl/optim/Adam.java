package cadl.optim;

import cadl.nn.Module;
import cadl.tensor.Tensor;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Collection;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam: D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1, with bias
 * correction. For each parameter theta with gradient g at step t = 1, 2, ...:
 * <pre>
 *   m &lt;- beta1 m + (1 - beta1) g            (first moment, starts at 0)
 *   v &lt;- beta2 v + (1 - beta2) g^2          (second moment, starts at 0)
 *   mHat = m / (1 - beta1^t),  vHat = v / (1 - beta2^t)
 *   theta &lt;- theta - learningRate mHat / (sqrt(vHat) + eps)
 * </pre>
 * Defaults (the paper's): {@link #DEFAULT_LEARNING_RATE}, {@link #DEFAULT_BETA1}, {@link #DEFAULT_BETA2},
 * {@link #DEFAULT_EPS}. The update runs as one loop over each parameter's buffer (arithmetic in double,
 * stored in the parameter's type), with an ND4J fallback for arrays that are views.
 */
public final class Adam extends Optimizer {
    /** The paper's suggested step size, 0.001 (the lessons' rate too). */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Decay of the first-moment average, 0.9. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Decay of the second-moment average, 0.999. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Added to sqrt(vHat) to avoid division by zero, 1e-8. */
    public static final double DEFAULT_EPS = 1e-8;

    private final double learningRate, beta1, beta2, eps;
    private final INDArray[] m, v;

    /** Adam over {@code params} with the default hyperparameters. */
    public Adam(Collection<Tensor> params) {
        this(params, DEFAULT_LEARNING_RATE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    /** Adam over {@code params} at {@code learningRate}, other hyperparameters at their defaults. */
    public Adam(Collection<Tensor> params, double learningRate) {
        this(params, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    /** Adam with every hyperparameter given. */
    public Adam(Collection<Tensor> params, double learningRate, double beta1, double beta2, double eps) {
        super(params);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam: learningRate must be > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        if (!(eps >= 0)) throw new IllegalArgumentException("Adam: eps must be >= 0, got " + eps);
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new INDArray[parameters().size()];
        this.v = new INDArray[parameters().size()];
    }

    /** Adam over {@code model.parameters()} at {@code learningRate}. */
    public Adam(Module model, double learningRate) {
        this(model == null ? null : model.parameters(), learningRate);
    }

    /** Adam over {@code model.parameters()} with the default hyperparameters. */
    public Adam(Module model) {
        this(model == null ? null : model.parameters());
    }

    @Override
    protected void update(int index, INDArray value, INDArray grad) {
        update(index, value, grad, stepCount());
    }

    /** The update at step {@code t}; package-private so a test can run the ND4J path on a view. */
    void update(int index, INDArray value, INDArray grad, long t) {
        if (m[index] == null) {
            m[index] = Nd4j.zeros(value.dataType(), value.shape());
            v[index] = Nd4j.zeros(value.dataType(), value.shape());
        }
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        INDArray g = contiguous(grad) ? grad : grad.dup('c');
        if (contiguous(value)) {
            if (value.dataType() == DataType.FLOAT) updateFloat(floats(value), floats(g), floats(m[index]), floats(v[index]), (int) value.length(), c1, c2);
            else updateDouble(doubles(value), doubles(g), doubles(m[index]), doubles(v[index]), (int) value.length(), c1, c2);
        } else {
            INDArray mi = m[index], vi = v[index];
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = org.nd4j.linalg.ops.transforms.Transforms.sqrt(vi.div(c2), false).addi(eps);
            value.subi(mi.div(c1).muli(learningRate).divi(denom));
        }
    }

    private void updateFloat(FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, int n, double c1, double c2) {
        final double b1 = beta1, b2 = beta2, lr = learningRate, e = eps;
        for (int i = 0; i < n; i++) {
            double gi = g.get(i);
            double mi = b1 * m.get(i) + (1 - b1) * gi;
            double vi = b2 * v.get(i) + (1 - b2) * gi * gi;
            m.put(i, (float) mi);
            v.put(i, (float) vi);
            p.put(i, (float) (p.get(i) - lr * (mi / c1) / (Math.sqrt(vi / c2) + e)));
        }
    }

    private void updateDouble(DoubleBuffer p, DoubleBuffer g, DoubleBuffer m, DoubleBuffer v, int n, double c1, double c2) {
        final double b1 = beta1, b2 = beta2, lr = learningRate, e = eps;
        for (int i = 0; i < n; i++) {
            double gi = g.get(i);
            double mi = b1 * m.get(i) + (1 - b1) * gi;
            double vi = b2 * v.get(i) + (1 - b2) * gi * gi;
            m.put(i, mi);
            v.put(i, vi);
            p.put(i, p.get(i) - lr * (mi / c1) / (Math.sqrt(vi / c2) + e));
        }
    }

    /** True if the array's elements are its buffer's, in order, from the start (no view, no strides). */
    static boolean contiguous(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.data().length() == a.length();
    }

    static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    static DoubleBuffer doubles(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** The step size. */
    public double learningRate() {
        return learningRate;
    }

    /** First-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** Second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** The denominator's guard. */
    public double eps() {
        return eps;
    }

    @Override
    public String toString() {
        return "Adam(learningRate=" + fmt(learningRate) + ", beta1=" + fmt(beta1) + ", beta2=" + fmt(beta2) + ", eps=" + fmt(eps) + ")";
    }
}
