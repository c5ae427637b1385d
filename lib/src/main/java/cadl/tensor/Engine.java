package cadl.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: orders a result's graph, walks it backwards calling each op's backward rule,
 * undoes broadcasting (the one place where a gradient of the output's shape is summed down to an input's
 * smaller shape) and accumulates into the tensors that require gradients. A gradient is always an array of
 * its tensor's dtype (float[] or double[]), like the values.
 */
final class Engine {
    private Engine() {
    }

    /** A backward rule: from the gradient of the output, the gradients of the inputs, in order (null where none). */
    @FunctionalInterface
    interface Backward {
        /**
         * Each returned array has either its input's shape or, for inputs that broadcasting expanded, the
         * output's shape; the engine sums the latter down.
         */
        Object[] apply(Object g);
    }

    /** Tensors that {@code root} depends on, inputs before the ops that use them (iterative DFS, by identity). */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] parents = t.parents;
            if (parents != null && next < parents.length) {
                frame[1] = next + 1;
                Tensor p = parents[next];
                if (seen.put(p, Boolean.TRUE) == null) stack.push(new Object[] {p, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    static void backward(Tensor root, boolean retainGraph) {
        if (root.numel() != 1) {
            throw Errors.state("backward", "called on a tensor of shape " + Errors.shape(root.shape)
                    + "; gradients start from a single number", "reduce it first, e.g. loss = y.sum() or y.mean()");
        }
        if (!root.requiresGrad()) {
            throw Errors.state("backward", "this tensor does not depend on any parameter that requires gradients",
                    "create parameters with requiresGrad(true) and compute outside NoGrad");
        }
        if (root.released) {
            throw Errors.state("backward", "the graph of this result was already used by a backward() and released",
                    "call backward(true) the first time to keep it, or recompute the forward pass");
        }
        List<Tensor> order = topologicalOrder(root);
        double value = root.item();
        if (Double.isNaN(value) || Double.isInfinite(value)) throw nonFinite(order, value);
        Map<Tensor, Object> grads = new IdentityHashMap<>();
        grads.put(root, Kernel.of(root.data).full(1, 1));
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Object g = grads.remove(t);
            if (g == null) continue;
            if (t.released) {
                throw Errors.state("backward", "the graph through op '" + t.op + "' was released by an earlier backward()",
                        "call backward(true) the first time to keep it, or recompute the forward pass");
            }
            if (t.backward == null) {
                if (t.requiresGrad()) t.accumulateGrad(g);
                continue;
            }
            if (t.keepGrad) t.accumulateGrad(g);
            Object[] pg = t.backward.apply(g);
            for (int k = 0; k < t.parents.length; k++) {
                Tensor p = t.parents[k];
                if (pg[k] == null || !p.requiresGrad()) continue;
                Object gk = unbroadcast(pg[k], t.shape, p.shape);
                Object prev = grads.get(p);
                grads.put(p, prev == null ? gk : Kernel.of(gk).add(prev, gk));
            }
            if (!retainGraph) {
                t.released = true;
                t.backward = null;   // frees the arrays the rule captured
            }
        }
    }

    /**
     * A gradient {@code g} for an input of shape {@code in}: as it is when it already has that many elements, else
     * of the output's shape {@code out}, summed over the axes broadcasting expanded (the reverse of broadcasting).
     */
    static Object unbroadcast(Object g, long[] out, long[] in) {
        int n = Kernel.length(g);
        if (n == Shapes.count("backward", in)) return g;
        return Kernel.of(g).sum(g, out, Shapes.toRank(in, out.length));
    }

    /** Finds the first op in forward order whose value is NaN or infinite: only runs when the loss is not finite. */
    private static IllegalStateException nonFinite(List<Tensor> order, double value) {
        for (Tensor t : order) {
            double s = 0;
            for (double v : t.toDoubleArray()) s += v;
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                String who = t.parents == null
                        ? "the input " + (t.name != null ? "'" + t.name + "'" : t.describe())
                        : "op '" + t.op + "' " + t.describe();
                return Errors.state("backward", "the loss is " + value + "; the first NaN/Inf appears in " + who,
                        "lower the learning rate, or look for log(0), division by 0 or overflow there");
            }
        }
        return Errors.state("backward", "the loss is " + value, "lower the learning rate");
    }
}
