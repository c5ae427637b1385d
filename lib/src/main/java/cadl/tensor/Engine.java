package cadl.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reverse-mode engine: orders a result's graph, walks it backwards calling each op's backward rule,
 * sums the broadcast gradients of ND4J rules back to their inputs' shapes (heap rules return them shaped)
 * and accumulates into tensors that require gradients. A gradient is an INDArray or, for the float32
 * heap path, a float[] of its tensor's shape; each is converted only where a rule of the other kind
 * needs it.
 */
final class Engine {
    private Engine() {
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
            throw Errors.state("backward", "called on a tensor of shape " + Errors.shape(root.shape())
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
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw nonFinite(order, value);
        }
        // gradients are INDArrays or, for values on the Java heap, float[] of the tensor's shape (row-major)
        Map<Tensor, Object> grads = new IdentityHashMap<>();
        grads.put(root, root.onHeap() ? new float[] {1f} : Nd4j.onesLike(root.nd()));
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Object g = grads.remove(t);
            if (g == null) continue;
            if (t.released) {
                throw Errors.state("backward", "the graph through op '" + t.op + "' was released by an earlier backward()",
                        "call backward(true) the first time to keep it, or recompute the forward pass");
            }
            if (t.backward == null && t.hostBackward == null) {
                if (t.requiresGrad()) t.accumulateGrad(g);
                continue;
            }
            if (t.keepGrad) t.accumulateGrad(g);
            Object[] pg;
            if (t.hostBackward != null) {
                pg = t.hostBackward.apply(g instanceof float[] ? (float[]) g : Host.read((INDArray) g));
            } else {
                pg = t.backward.apply(g instanceof INDArray ? (INDArray) g : Host.toNd((float[]) g, t.shapeLong()));
            }
            for (int k = 0; k < t.parents.length; k++) {
                Tensor p = t.parents[k];
                if (pg[k] == null || !p.requiresGrad()) continue;
                Object gk = pg[k] instanceof INDArray ? unbroadcast((INDArray) pg[k], p.shapeLong()) : pg[k];
                Object prev = grads.get(p);
                grads.put(p, prev == null ? gk : sum(prev, gk, p.shapeLong()));
            }
            if (!retainGraph) {
                t.released = true;
                t.backward = null; // frees the arrays the rule captured
                t.hostBackward = null;
            }
        }
    }

    /** {@code a + b} for two gradients of one tensor, each an INDArray or a float[] (a new result: they may be shared). */
    private static Object sum(Object a, Object b, long[] shape) {
        if (a instanceof float[] && b instanceof float[]) return Host.plus((float[]) a, (float[]) b);
        INDArray x = a instanceof INDArray ? (INDArray) a : Host.toNd((float[]) a, shape);
        INDArray y = b instanceof INDArray ? (INDArray) b : Host.toNd((float[]) b, shape);
        if (y.dataType() != x.dataType()) y = y.castTo(x.dataType());
        return x.add(y);
    }

    /** Sums {@code g} over the dimensions that broadcasting expanded, giving an array of {@code shape}. */
    static INDArray unbroadcast(INDArray g, long[] shape) {
        long[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        if (lead < 0) return g.reshape(shape);
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < gs.length; i++) {
            if (i < lead) axes.add(i);
            else if (shape[i - lead] == 1 && gs[i] != 1) axes.add(i);
        }
        INDArray r = g;
        if (!axes.isEmpty()) {
            int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
            r = g.sum(true, ax);
        }
        return r.reshape(shape);
    }

    /** Finds the first op in forward order whose value is NaN or infinite: only runs when the loss is not finite. */
    private static IllegalStateException nonFinite(List<Tensor> order, double value) {
        for (Tensor t : order) {
            double s = 0;
            for (double v : t.toDoubleArray()) s += v;
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                String who = t.backward == null && t.parents == null
                        ? "the input " + (t.name != null ? "'" + t.name + "'" : t.describe())
                        : "op '" + t.op + "' " + t.describe();
                return Errors.state("backward", "the loss is " + value + "; the first NaN/Inf appears in " + who,
                        "lower the learning rate, or look for log(0), division by 0 or overflow there");
            }
        }
        return Errors.state("backward", "the loss is " + value, "lower the learning rate");
    }
}
