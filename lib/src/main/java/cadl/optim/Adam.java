package cadl.optim;

import cadl.nn.Module;
import cadl.tensor.Tensor;
import java.util.Collection;

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
 * {@link #DEFAULT_EPS}. The update is one loop over each parameter's values, in the parameter's precision: float32
 * parameters are updated in float arithmetic as PyTorch does, float64 ones in double.
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
    private final Object[] m, v; // per parameter: float[] or double[] moments, allocated at its first update

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
        this.m = new Object[parameters().size()];
        this.v = new Object[parameters().size()];
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
    protected void update(int index, double[] p, double[] g) {
        int n = p.length;
        double c1 = 1 - Math.pow(beta1, stepCount()), c2 = 1 - Math.pow(beta2, stepCount());
        if (m[index] == null) {
            m[index] = new double[n];
            v[index] = new double[n];
        }
        double[] mi = (double[]) m[index], vi = (double[]) v[index];
        final double b1 = beta1, b2 = beta2, lr = learningRate, e = eps;
        for (int i = 0; i < n; i++) {
            mi[i] = b1 * mi[i] + (1 - b1) * g[i];
            vi[i] = b2 * vi[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr * (mi[i] / c1) / (Math.sqrt(vi[i] / c2) + e);
        }
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        long t = stepCount();
        int n = p.length;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        if (m[index] == null) {
            m[index] = new float[n];
            v[index] = new float[n];
        }
        float[] mi = (float[]) m[index], vi = (float[]) v[index];
        final float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
        final float a1 = (float) (1 - beta1), a2 = (float) (1 - beta2);
        final float lrc = (float) (learningRate / c1), ic2 = (float) (1 / c2);
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mm = b1 * mi[i] + a1 * gi;
            float vv = b2 * vi[i] + a2 * gi * gi;
            mi[i] = mm;
            vi[i] = vv;
            p[i] -= lrc * mm / ((float) Math.sqrt(vv * ic2) + e);
        }
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
