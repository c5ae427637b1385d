package cadl.optim;

import cadl.nn.Module;
import cadl.tensor.DType;
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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates parameters from their gradients. Subclasses implement only the update of one parameter
 * ({@link #update(int, INDArray, INDArray)}); {@link #step()} is the same frame for all of them: it skips
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
                Tensor p = params.get(i);
                if (p.dtype() == DType.FLOAT32) {
                    // float32 values are updated in place as Java arrays (no ND4J call per parameter)
                    float[] grad = p.gradFloats();
                    if (grad != null) update(i, p.liveFloats(), grad);
                    continue;
                }
                Tensor g = p.grad();
                if (g == null) continue;
                INDArray value = p.array();
                INDArray grad = g.array();
                if (grad.dataType() != value.dataType()) grad = grad.castTo(value.dataType());
                update(i, value, grad);
            }
        }
    }

    /** The number of {@link #step()} calls so far (Adam's t). */
    public final long stepCount() {
        return steps;
    }

    /**
     * Updates parameter {@code index} in place from its gradient (same shape and type); called by {@link #step()}
     * after the step count was incremented.
     */
    protected abstract void update(int index, INDArray value, INDArray grad);

    /**
     * Updates float32 parameter {@code index} in place: {@code value} is the parameter's live row-major array,
     * {@code grad} its gradient (read only). The default goes through {@link #update(int, INDArray, INDArray)}.
     */
    protected void update(int index, float[] value, float[] grad) {
        INDArray v = org.nd4j.linalg.factory.Nd4j.create(value, new long[] {value.length}, 'c');
        update(index, v, org.nd4j.linalg.factory.Nd4j.create(grad, new long[] {grad.length}, 'c'));
        float[] out = v.data().asFloat();
        System.arraycopy(out, 0, value, 0, out.length);
    }

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
