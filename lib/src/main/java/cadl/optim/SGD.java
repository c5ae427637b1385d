package cadl.optim;

import cadl.nn.Module;
import cadl.tensor.Tensor;
import java.util.Collection;

/**
 * Gradient descent (Cauchy 1847; stochastic on minibatches: Robbins &amp; Monro 1951), with optional momentum
 * (Polyak 1964) in the form TensorFlow's MomentumOptimizer and PyTorch use:
 * <pre>
 *   without momentum:  theta &lt;- theta - lr g
 *   with momentum mu:  v &lt;- mu v + g;   theta &lt;- theta - lr v      (v starts at 0)
 * </pre>
 */
public final class SGD extends Optimizer {
    /** Momentum unless given: none. */
    public static final double DEFAULT_MOMENTUM = 0.0;

    private final double learningRate, momentum;
    private final Object[] velocity; // per parameter: float[] or double[], allocated at its first update

    /** Plain gradient descent over {@code params} at {@code learningRate}. */
    public SGD(Collection<Tensor> params, double learningRate) {
        this(params, learningRate, DEFAULT_MOMENTUM);
    }

    /** Gradient descent with momentum {@code momentum} in [0, 1). */
    public SGD(Collection<Tensor> params, double learningRate, double momentum) {
        super(params);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("SGD: learningRate must be > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("SGD: momentum must be in [0, 1), got " + momentum);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.velocity = new Object[parameters().size()];
    }

    /** Plain gradient descent over {@code model.parameters()}. */
    public SGD(Module model, double learningRate) {
        this(model == null ? null : model.parameters(), learningRate, DEFAULT_MOMENTUM);
    }

    /** Gradient descent with momentum over {@code model.parameters()}. */
    public SGD(Module model, double learningRate, double momentum) {
        this(model == null ? null : model.parameters(), learningRate, momentum);
    }

    @Override
    protected void update(int index, double[] p, double[] g) {
        int n = p.length;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) p[i] -= learningRate * g[i];
        } else {
            if (velocity[index] == null) velocity[index] = new double[n];
            double[] v = (double[]) velocity[index];
            for (int i = 0; i < n; i++) {
                v[i] = momentum * v[i] + g[i];
                p[i] -= learningRate * v[i];
            }
        }
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        int n = p.length;
        final float lr = (float) learningRate, mu = (float) momentum;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) p[i] -= lr * g[i];
        } else {
            if (velocity[index] == null) velocity[index] = new float[n];
            float[] v = (float[]) velocity[index];
            for (int i = 0; i < n; i++) {
                v[i] = mu * v[i] + g[i];
                p[i] -= lr * v[i];
            }
        }
    }

    /** The step size. */
    public double learningRate() {
        return learningRate;
    }

    /** The momentum (0 for none). */
    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "SGD(learningRate=" + fmt(learningRate) + (momentum == 0 ? "" : ", momentum=" + fmt(momentum)) + ")";
    }
}
