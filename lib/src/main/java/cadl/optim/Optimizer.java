package cadl.optim;

import cadl.nn.Module;
import cadl.tensor.NoGrad;
import cadl.tensor.Tensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Updates parameters from their gradients. Subclasses implement only the update of one parameter, in place, on its
 * live row-major values and gradient: {@link #update(int, float[], float[])} for float32 and
 * {@link #update(int, double[], double[])} for float64 (see {@link SGD}, the plain example); {@link #step()} is the same frame for all of them: it skips
 * parameters without a gradient (not used in the last {@code backward()}), runs outside the graph and counts steps.
 *
 * <p>The parameter list must be non-empty, without duplicates, every tensor requiring gradients, and in a fixed
 * order (a {@code List} such as {@code model.parameters()}; a {@code HashSet} is refused because its order, and
 * so the pairing of parameters with the optimizer's state, is not defined).
 */
public abstract class Optimizer {
    private final List<Tensor> params;
    private long steps;

    /** An optimizer over {@code params} (see the class comment for what is refused). */
    protected Optimizer(Collection<Tensor> params) {
        String who = getClass().getSimpleName();
        if (params == null) throw new IllegalArgumentException(who + ": the parameter list is null");
        if (!(params instanceof List) && !(params instanceof LinkedHashSet)) {
            throw new IllegalArgumentException(who + ": parameters must come in a fixed order (a List such as model.parameters()), got a "
                    + params.getClass().getSimpleName() + " whose iteration order is not defined");
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException(who + ": the parameter list is empty (did the model create its layers? model.parameters() lists them)");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        int i = 0;
        for (Tensor p : params) {
            if (p == null) throw new IllegalArgumentException(who + ": parameter " + i + " is null");
            Integer first = seen.put(p, i);
            if (first != null) {
                throw new IllegalArgumentException(who + ": parameter " + i + " " + label(p) + " is the same tensor as parameter " + first
                        + " (each parameter once, or it would be updated twice)");
            }
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(who + ": parameter " + i + " " + label(p) + " does not require gradients (call requiresGrad(true) on it)");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(who + ": parameter " + i + " " + label(p) + " is the result of op '" + p.op()
                        + "' recorded in the graph, not a leaf; optimize the tensors it was computed from, or detach() it");
            }
            i++;
        }
        this.params = List.copyOf(new ArrayList<>(params));
    }

    /** An optimizer over {@code model.parameters()}. */
    protected Optimizer(Module model) {
        this(model == null ? null : model.parameters());
    }

    private static String label(Tensor p) {
        return p.name() != null ? "'" + p.name() + "'" : java.util.Arrays.toString(p.shape());
    }

    /** The parameters, in order. */
    public final List<Tensor> parameters() {
        return params;
    }

    /** Clears every parameter's gradient (before the next forward and backward pass). */
    public final void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        steps++;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                final int index = i;
                params.get(i).update(new Tensor.Update() {
                    @Override
                    public void apply(float[] values, float[] grad) {
                        update(index, values, grad);
                    }

                    @Override
                    public void apply(double[] values, double[] grad) {
                        update(index, values, grad);
                    }
                });
            }
        }
    }

    /** The number of {@link #step()} calls so far (Adam's t). */
    public final long stepCount() {
        return steps;
    }

    /**
     * Updates float32 parameter {@code index} in place: {@code value} is the parameter's live row-major array,
     * {@code grad} its gradient (read only); called by {@link #step()} after the step count was incremented.
     */
    protected abstract void update(int index, float[] value, float[] grad);

    /** As {@link #update(int, float[], float[])} for a float64 parameter. */
    protected abstract void update(int index, double[] value, double[] grad);

    /** Formats a hyperparameter as Python prints it (0.001, 0.9, 1e-08), for toString(). */
    protected static String fmt(double x) {
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            String s = BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String[] me = String.format(Locale.ROOT, "%.15e", x).split("e");
        String m = me[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        int e = Integer.parseInt(me[1]);
        return m + "e" + (e < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(e));
    }
}
