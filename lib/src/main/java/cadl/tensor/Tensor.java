package cadl.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of numbers that remembers how it was computed, so that {@link #backward()} can
 * apply the chain rule: the course's stand-in for TensorFlow 1's graph and {@code optimizer.minimize}.
 *
 * <p>Every operation computes its result at once (eagerly). When any input requires gradients (and no
 * {@link NoGrad} region is active), the result also records its inputs in order, an op name (prefixed by the
 * open {@link Scope}s) and its backward rule. Each op method below leads in one step to its rule, where
 * forward and backward stand side by side: {@link Elementwise}, {@link Reductions}, {@link Shaping},
 * {@link Conv}; the package documentation lists every primitive with its derivative.
 *
 * <p>Values are a row-major Java array that a tensor never replaces: {@code float[]} for float32 (the default
 * of every factory) and {@code double[]} for float64. No operation moves or changes another tensor's values:
 * {@link #detach()} shares them with its source (as PyTorch's does), {@link #copy()} copies, and the only
 * in-place writes are an optimizer's {@link #update} and {@link #copyFrom} on leaves. For ND4J, see
 * {@link Nd4jInterop}.
 *
 * <p>Example: {@code Tensor.of(1, 2, 3)} prints {@code Tensor[3] float32 [1.0, 2.0, 3.0]}; tensors with more
 * than {@value #PRINT_THRESHOLD} elements print three entries at each end of every axis with "..." between,
 * like numpy.
 */
public final class Tensor {
    /** Tensors with more elements than this print with "..." (numpy's threshold). */
    public static final int PRINT_THRESHOLD = 1000;
    /** How many entries a summarised axis shows at each end. */
    public static final int PRINT_EDGE_ITEMS = 3;

    final Object data;          // float[] (float32) or double[] (float64), row-major; never replaced
    final long[] shape;         // not copied out: do not modify
    final Tensor[] parents;     // null for leaves
    final String op;
    Engine.Backward backward;
    String name;
    private boolean requiresGrad;
    boolean released;
    boolean keepGrad;
    private Object grad;        // an array like data, or null

    private Tensor(Object data, long[] shape, String op, Tensor[] parents, Engine.Backward backward) {
        this.data = data;
        this.shape = shape;
        this.op = op;
        this.parents = parents;
        this.backward = backward;
    }

    /** A leaf over {@code values} (not copied). */
    static Tensor leaf(Object values, long[] shape, String op) {
        return new Tensor(values, shape, op, null, null);
    }

    /** Records an op's result: with its inputs and backward rule when any input requires gradients. */
    static Tensor record(String op, Object values, long[] shape, Engine.Backward rule, Tensor... inputs) {
        String qualified = Scope.qualify(op);
        if (NoGrad.active()) return new Tensor(values, shape, qualified, null, null);
        for (Tensor in : inputs) {
            if (in.requiresGrad) {
                Tensor t = new Tensor(values, shape, qualified, inputs, rule);
                t.requiresGrad = true;
                return t;
            }
        }
        return new Tensor(values, shape, qualified, null, null);
    }

    /** The kernel that computes on this tensor's values. */
    Kernel k() {
        return Kernel.of(data);
    }

    // ------------------------------------------------------------------ creation (every factory gives float32)

    /** A 1-D float32 tensor of {@code values}. */
    public static Tensor of(float... values) { return leaf(values.clone(), new long[] {values.length}, "input"); }

    /** A 1-D float32 tensor of {@code values} (rounded; {@link #of(DType, double[], int...)} for float64). */
    public static Tensor of(double... values) { return of(DType.FLOAT32, values, values.length); }

    /** A 2-D float32 tensor [rows, cols] from rows of equal length. */
    public static Tensor of(float[][] rows) {
        double[][] d = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            d[i] = new double[rows[i].length];
            for (int j = 0; j < d[i].length; j++) d[i][j] = rows[i][j];
        }
        return of(d);
    }

    /** A 2-D float32 tensor [rows, cols] from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[Shapes.allocatable("Tensor.of", new long[] {r, c}, DType.FLOAT64)];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw Errors.arg("Tensor.of", "row " + i + " has " + rows[i].length + " values but row 0 has " + c, "give rows of equal length");
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return of(DType.FLOAT32, d, r, c);
    }

    /** A float32 tensor of the given shape filled row-major from {@code data}. */
    public static Tensor of(float[] data, int... shape) {
        long[] s = Shapes.longs("Tensor.of", shape);
        checkFill(data.length, s);
        return leaf(data.clone(), s, "input");
    }

    /**
     * A float32 tensor of the given shape filled row-major from {@code data} (every {@code of} gives float32;
     * ask for float64 with {@link #of(DType, double[], int...)} or {@link #toDouble()}).
     */
    public static Tensor of(double[] data, int... shape) { return of(DType.FLOAT32, data, shape); }

    /** A tensor of element type {@code dtype} and the given shape, filled row-major from {@code data}. */
    public static Tensor of(DType dtype, double[] data, int... shape) {
        if (dtype == null) throw Errors.arg("Tensor.of", "the dtype is null", "pass DType.FLOAT32 or DType.FLOAT64");
        long[] s = Shapes.longs("Tensor.of", shape);
        checkFill(data.length, s);
        return leaf(Kernel.of(dtype, data), s, "input");
    }

    private static void checkFill(int n, long[] s) {
        long want = Shapes.count("Tensor.of", s);
        if (want != n) {
            throw Errors.arg("Tensor.of", n + " values cannot fill shape " + Arrays.toString(s) + " (" + want + " elements)", null);
        }
    }

    /** A rank-0 (scalar) float32 tensor. */
    public static Tensor scalar(double v) { return leaf(new float[] {(float) v}, new long[0], "input"); }

    /** Zeros of {@code shape}, float32. */
    public static Tensor zeros(int... shape) { return full(0, shape); }

    /** Ones of {@code shape}, float32. */
    public static Tensor ones(int... shape) { return full(1, shape); }

    /** {@code value} everywhere in {@code shape}, float32. */
    public static Tensor full(double value, int... shape) {
        long[] s = Shapes.longs("full", shape);
        return leaf(Kernel.HEAP.full(Shapes.allocatable("full", s, DType.FLOAT32), value), s, "input");
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop}, both included. */
    public static Tensor linspace(double start, double stop, int num) {
        if (num < 1) throw Errors.arg("linspace", "num must be >= 1, got " + num, null);
        double[] d = new double[num];
        for (int i = 0; i < num; i++) d[i] = num == 1 ? start : start + (stop - start) * i / (num - 1);
        return of(d);
    }

    /** Values {@code start, start + step, ...} below {@code stop} (numpy's arange). */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || (stop - start) / step < 0 || Double.isNaN((stop - start) / step)) {
            throw Errors.arg("arange", "step " + step + " never goes from " + start + " to " + stop, null);
        }
        long n = (long) Math.ceil((stop - start) / step);
        double[] d = new double[Shapes.allocatable("arange", new long[] {n}, DType.FLOAT32)];
        for (int i = 0; i < d.length; i++) d[i] = start + i * step;
        return of(d);
    }

    /** Draws from N(mean, std^2) with the course's seeded {@link Rng}. */
    public static Tensor normal(double mean, double std, int... shape) {
        long[] s = Shapes.longs("normal", shape);
        double[] d = new double[Shapes.allocatable("normal", s, DType.FLOAT32)];
        Rng.fillNormal(d, mean, std);
        return leaf(Kernel.of(DType.FLOAT32, d), s, "input");
    }

    /** Draws uniformly from [lo, hi) with the course's seeded {@link Rng}. */
    public static Tensor uniform(double lo, double hi, int... shape) {
        long[] s = Shapes.longs("uniform", shape);
        double[] d = new double[Shapes.allocatable("uniform", s, DType.FLOAT32)];
        Rng.fillUniform(d, lo, hi);
        return leaf(Kernel.of(DType.FLOAT32, d), s, "input");
    }

    // ------------------------------------------------------------------ attributes

    /** The shape (a copy). */
    public int[] shape() { return Shapes.ints(shape); }

    /** Number of dimensions (0 for a scalar). */
    public int rank() { return shape.length; }

    /** Number of elements. */
    public long numel() { return Kernel.length(data); }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) { return (int) shape[Errors.axis("size", dim, rank())]; }

    /** Element type. */
    public DType dtype() { return Kernel.dtype(data); }

    /** True if gradients flow into or through this tensor. */
    public boolean requiresGrad() { return requiresGrad; }

    /**
     * True for a tensor no recorded operation produced: values made directly, parameters, results computed
     * while no input required gradients, and {@link #detach()}ed tensors. Optimizers accept only leaves.
     */
    public boolean isLeaf() { return parents == null; }

    /** Marks a leaf (a parameter) as needing its gradient; returns this. */
    public Tensor requiresGrad(boolean flag) {
        if (parents != null) {
            throw Errors.state("requiresGrad", "'" + op + "' is the result of an operation, not a leaf",
                    "call detach() first, or set it on the parameters it was computed from");
        }
        this.requiresGrad = flag;
        return this;
    }

    /** Keeps the gradient of this intermediate result after backward (leaves always keep theirs). */
    public Tensor retainGrad() {
        keepGrad = true;
        return this;
    }

    /** The gradient accumulated by {@link #backward()} (a tensor sharing it), or null before any. */
    public Tensor grad() { return grad == null ? null : leaf(grad, shape, "grad"); }

    /** The name given with {@link #named}, qualified by the scopes open then; null if none. */
    public String name() { return name; }

    /** Names this tensor {@code Scope.qualify(name)} (e.g. "layer1/W"); returns this. */
    public Tensor named(String name) {
        this.name = Scope.qualify(name);
        return this;
    }

    /** The op that produced this tensor ("input" for leaves), with its scope prefix. */
    public String op() { return op; }

    /** The tensors this one was computed from, in order (empty for a leaf). */
    public List<Tensor> inputs() { return parents == null ? List.of() : List.of(parents); }

    /** Every tensor this one depends on, and itself last: inputs before the ops that used them (the graph, in run order). */
    public List<Tensor> history() { return Engine.topologicalOrder(this); }

    // ------------------------------------------------------------------ gradients and in-place updates

    /** Clears this tensor's accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Adds {@code g} (an array like the values, which the engine may share elsewhere) to the gradient. */
    void accumulateGrad(Object g) {
        if (grad == null) grad = Kernel.copy(g);
        else Kernel.addInto(grad, g);
    }

    /**
     * An in-place change of a leaf's values from its gradient, given as the live row-major arrays: the one hook of
     * an optimizer's step ({@code cadl.optim.SGD} is the example). Change {@code values} only.
     */
    public interface Update {
        /** A float32 parameter. */
        void apply(float[] values, float[] grad);

        /** A float64 parameter. */
        void apply(double[] values, double[] grad);
    }

    /** Runs {@code u} on this leaf's values and gradient; does nothing and returns false while there is no gradient. */
    public boolean update(Update u) {
        if (parents != null) throw Errors.state("update", "'" + op + "' is the result of an operation, not a leaf", "update the parameters it was computed from");
        if (grad == null) return false;
        if (data instanceof float[]) u.apply((float[]) data, (float[]) grad);
        else u.apply((double[]) data, (double[]) grad);
        return true;
    }

    /** Overwrites this leaf's values with {@code src}'s (same shape, cast to this dtype), in place: loading saved weights. */
    public void copyFrom(Tensor src) {
        if (parents != null) throw Errors.state("copyFrom", "'" + op + "' is the result of an operation, not a leaf", "copy into a parameter");
        if (!Arrays.equals(shape, src.shape)) {
            throw Errors.arg("copyFrom", "shape " + Errors.shape(src.shape) + " does not match " + Errors.shape(shape), null);
        }
        Object v = Kernel.cast(src.data, dtype());
        System.arraycopy(v, 0, data, 0, Kernel.length(v));
    }

    // ------------------------------------------------------------------ elementwise (rules in Elementwise)

    /** Elementwise {@code this + o}, broadcasting. */
    public Tensor add(Tensor o) { return Elementwise.add(this, o); }

    /** Elementwise {@code this + v}. */
    public Tensor add(double v) { return Elementwise.add(this, constant(v)); }

    /** Elementwise {@code this - o}, broadcasting. */
    public Tensor sub(Tensor o) { return Elementwise.sub(this, o); }

    /** Elementwise {@code this - v}. */
    public Tensor sub(double v) { return Elementwise.sub(this, constant(v)); }

    /** Elementwise {@code this * o}, broadcasting. */
    public Tensor mul(Tensor o) { return Elementwise.mul(this, o); }

    /** Elementwise {@code this * v}. */
    public Tensor mul(double v) { return Elementwise.mul(this, constant(v)); }

    /** Elementwise {@code this / o}, broadcasting. */
    public Tensor div(Tensor o) { return Elementwise.div(this, o); }

    /** Elementwise {@code this / v}. */
    public Tensor div(double v) {
        if (v == 0) throw Errors.arg("div", "division by the constant 0", null);
        return Elementwise.div(this, constant(v));
    }

    /** A scalar constant of this tensor's dtype (the scalar forms of the arithmetic are the tensor forms with it). */
    private Tensor constant(double v) {
        return leaf(k().full(1, v), new long[0], "input");
    }

    /** Elementwise {@code -this} (composite: times -1). */
    public Tensor neg() { return mul(-1); }

    /** Elementwise {@code this^p} for a constant exponent p. */
    public Tensor pow(double p) { return Elementwise.pow(this, p); }

    /** Elementwise square. */
    public Tensor square() { return Elementwise.square(this); }

    /** Elementwise e^x. */
    public Tensor exp() { return Elementwise.exp(this); }

    /** Elementwise natural logarithm. */
    public Tensor log() { return Elementwise.log(this); }

    /** Elementwise square root. */
    public Tensor sqrt() { return Elementwise.sqrt(this); }

    /** Elementwise |x| (derivative sign(x), 0 at 0). */
    public Tensor abs() { return Elementwise.abs(this); }

    /** Elementwise sine. */
    public Tensor sin() { return Elementwise.sin(this); }

    /** Elementwise cosine. */
    public Tensor cos() { return Elementwise.cos(this); }

    /** Elementwise hyperbolic tangent. */
    public Tensor tanh() { return Elementwise.tanh(this); }

    /** Elementwise logistic sigmoid 1 / (1 + e^-x). */
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }

    /** Elementwise max(x, 0); NaN stays NaN, as in PyTorch (derivative 0 at 0). */
    public Tensor relu() { return Elementwise.relu(this); }

    /** Elementwise x for x &gt; 0, alpha x otherwise. */
    public Tensor leakyRelu(double alpha) { return Elementwise.leakyRelu(this, alpha); }

    /** Elementwise min(max(x, lo), hi). Gradient passes where lo &lt;= x &lt;= hi. */
    public Tensor clip(double lo, double hi) { return Elementwise.clip(this, lo, hi); }

    /** This tensor in another element type (the gradient is cast back). */
    public Tensor cast(DType t) { return Elementwise.cast(this, t); }

    /** This tensor as float64. */
    public Tensor toDouble() { return cast(DType.FLOAT64); }

    /** This tensor as float32. */
    public Tensor toFloat() { return cast(DType.FLOAT32); }

    /**
     * Dropout with drop probability {@code p} (as PyTorch's {@code nn.Dropout(p)}): when {@code training}, each
     * element is set to 0 with probability {@code p} and the others are scaled by {@code 1 / (1 - p)}, so the
     * expected value is unchanged; otherwise returns this unchanged.
     */
    public Tensor dropout(double p, boolean training) { return Elementwise.dropout(this, p, training); }

    /** Masking noise (denoising autoencoders): sets each element to 0 with probability {@code dropProb}. */
    public Tensor maskingNoise(double dropProb) { return Elementwise.maskingNoise(this, dropProb); }

    // ------------------------------------------------------------------ reductions (rules in Reductions)

    /** Sum of all elements, a scalar. */
    public Tensor sum() { return sum(false); }

    /** Sum over {@code axes} (negative ones count from the end), which disappear from the shape. */
    public Tensor sum(int... axes) { return sum(false, axes); }

    /** Sum over {@code axes} (all if none), keeping them as size 1 when {@code keepDims}. */
    public Tensor sum(boolean keepDims, int... axes) { return Reductions.sum(this, keepDims, axes); }

    /** Mean of all elements. */
    public Tensor mean() { return mean(false); }

    /** Mean over {@code axes}. */
    public Tensor mean(int... axes) { return mean(false, axes); }

    /** Mean over {@code axes} (all if none): a composite of sum and a scale. */
    public Tensor mean(boolean keepDims, int... axes) {
        int[] ax = Shapes.axesOrAll("mean", rank(), axes);
        long n = 1;
        for (int a : ax) n *= shape[a];
        return sum(keepDims, ax).div(n == 0 ? 1 : n);
    }

    /** Maximum of all elements (NaN if any is NaN). */
    public Tensor max() { return max(false); }

    /** Maximum over {@code axes}. */
    public Tensor max(int... axes) { return max(false, axes); }

    /** Maximum over {@code axes}; the gradient goes to the maxima, shared equally between ties. */
    public Tensor max(boolean keepDims, int... axes) { return Reductions.max(this, keepDims, axes); }

    /** Softmax along {@code axis}: e^x / sum(e^x), computed stably. */
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis); }

    /** Log of the softmax along {@code axis}: x - max - log(sum(e^(x - max))). */
    public Tensor logSoftmax(int axis) { return Reductions.logSoftmax(this, axis); }

    /**
     * Softmax cross entropy from logits {@code [N, K]} and targets of the same shape (one-hot rows or any
     * distributions): {@code -(1/N) sum_i sum_k y_ik log softmax(z_i)_k}, a scalar, computed stably.
     */
    public Tensor softmaxCrossEntropy(Tensor targets) { return Reductions.softmaxCrossEntropy(this, targets); }

    /** Index of the largest value along {@code axis} (values are indices; never requires grad). */
    public Tensor argmax(int axis) {
        int a = Errors.axis("argmax", axis, rank());
        return leaf(k().argmax(data, shape, a), Shapes.drop(shape, new int[] {a}), "argmax");
    }

    /** 1 where equal, 0 elsewhere (broadcasting; never requires grad). */
    public Tensor equal(Tensor o) {
        Elementwise.checkDtypes("equal", this, o);
        long[] out = Shapes.broadcast("equal", shape, o.shape);
        return leaf(k().binary(Kernel.Arith.EQ, data, shape, o.data, o.shape, out), out, "equal");
    }

    /** 1 where greater than {@code v}, 0 elsewhere (NaN is not greater). */
    public Tensor gt(double v) { return leaf(k().select(data, v, 1, 0), shape, "gt"); }

    /** 1 where less than {@code v}, 0 elsewhere (NaN is not less). */
    public Tensor lt(double v) { return leaf(k().select(k().affine(data, -1, 0), -v, 1, 0), shape, "lt"); }

    // ------------------------------------------------------------------ shapes (rules in Shaping)

    /** Matrix product {@code [N, K] x [K, M] -> [N, M]}. */
    public Tensor matmul(Tensor o) { return Shaping.matmul(this, false, o, false); }

    /**
     * Matrix product with either operand read transposed, as TensorFlow's {@code tf.matmul(a, b, transpose_a,
     * transpose_b)}: {@code x.matmul(W, false, true)} is x W^T without copying W's transpose (a tied decoder).
     */
    public Tensor matmul(Tensor o, boolean transposeThis, boolean transposeOther) {
        return Shaping.matmul(this, transposeThis, o, transposeOther);
    }

    /** The transpose of a 2-D tensor (composite of permute). */
    public Tensor transpose() {
        Errors.checkRank("transpose", this, 2, "a matrix");
        return permute(1, 0);
    }

    /** Reorders dimensions: {@code permute(0, 3, 1, 2)} takes NHWC to NCHW; negative dims count from the end. */
    public Tensor permute(int... dims) { return Shaping.permute(this, dims); }

    /** The same elements in a new shape (sharing the values); one dimension may be -1 (inferred). */
    public Tensor reshape(int... shape) { return Shaping.reshape(this, shape); }

    /** Inserts a dimension of size 1 at {@code axis} (composite of reshape). */
    public Tensor expandDims(int axis) {
        int r = rank() + 1;
        int a = Errors.axis("expandDims", axis, r);
        int[] s = new int[r];
        for (int i = 0, j = 0; i < r; i++) s[i] = i == a ? 1 : (int) shape[j++];
        return reshape(s);
    }

    /** Removes dimension {@code axis}, which must have size 1 (composite of reshape). */
    public Tensor squeeze(int axis) {
        int a = Errors.axis("squeeze", axis, rank());
        if (shape[a] != 1) throw Errors.arg("squeeze", "dimension " + a + " of " + Errors.shape(shape) + " has size " + shape[a] + ", not 1", null);
        return reshape(Shapes.ints(Shapes.drop(shape, new int[] {a})));
    }

    /** Joins tensors of equal shape except along {@code axis}. */
    public static Tensor concat(int axis, Tensor... ts) { return Shaping.concat(axis, ts); }

    /** Stacks tensors of equal shape along a new dimension {@code axis} (composite of expandDims and concat). */
    public static Tensor stack(int axis, Tensor... ts) {
        if (ts == null || ts.length == 0) throw Errors.arg("stack", "no tensors given", null);
        Tensor[] e = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape, ts[0].shape)) {
                throw Errors.arg("stack", "tensor " + i + " has shape " + Errors.shape(ts[i].shape) + " but tensor 0 has " + Errors.shape(ts[0].shape), null);
            }
            e[i] = ts[i].expandDims(axis);
        }
        return concat(axis, e);
    }

    /** Elements {@code from} (included) to {@code to} (excluded) along {@code axis}. */
    public Tensor slice(int axis, int from, int to) { return Shaping.slice(this, axis, from, to); }

    /** Rows {@code from} to {@code to} (excluded) along the first dimension. */
    public Tensor rows(int from, int to) { return slice(0, from, to); }

    /** The rows (entries along the first dimension) at {@code indices}, in that order: a minibatch. */
    public Tensor rows(int[] indices) { return Shaping.rows(this, indices); }

    // ------------------------------------------------------------------ convolution (rules in Conv)

    /**
     * 2-D convolution in TensorFlow's layout: images {@code [N, H, W, C_in]}, filters {@code [kh, kw, C_in, C_out]}
     * -> {@code [N, H_out, W_out, C_out]}, with {@code H_out = ceil(H / stride)} for SAME and
     * {@code floor((H - kh) / stride) + 1} for VALID.
     */
    public Tensor conv2d(Tensor filters, int stride, Padding padding) { return Conv.conv2d(this, filters, stride, padding); }

    /**
     * The transpose (adjoint) of {@link #conv2d}, as TensorFlow's conv2d_transpose: maps {@code [N, H, W, C_out]}
     * back to {@code outputShape = [N, H_in, W_in, C_in]} using the SAME filter tensor {@code [kh, kw, C_in, C_out]}
     * as the forward convolution it inverts (tied weights).
     */
    public Tensor conv2dTranspose(Tensor filters, int[] outputShape, int stride, Padding padding) { return Conv.conv2dTranspose(this, filters, outputShape, stride, padding); }

    // ------------------------------------------------------------------ graph and copies

    /** The same values (shared, not copied), cut off from the graph: no gradient flows through it. */
    public Tensor detach() { return leaf(data, shape, "detach"); }

    /** A new leaf holding a copy of the values (later changes to either do not reach the other). */
    public Tensor copy() { return leaf(Kernel.copy(data), shape, "copy"); }

    /** Computes the gradient of this scalar with respect to every tensor that requires it; releases the graph. */
    public void backward() {
        Engine.backward(this, false);
    }

    /** As {@link #backward()}; with {@code retainGraph} the graph can be walked again. */
    public void backward(boolean retainGraph) {
        Engine.backward(this, retainGraph);
    }

    // ------------------------------------------------------------------ to Java

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) throw Errors.state("item", "tensor of shape " + Errors.shape(shape) + " holds " + numel() + " values, not 1", "reduce it (sum, mean) or index it with get(...)");
        return Kernel.get(data, 0);
    }

    /** The value at {@code idx} (negative indices count from the end). */
    public double get(int... idx) {
        if (idx.length != rank()) throw Errors.arg("get", "got " + idx.length + " indices for shape " + Errors.shape(shape), null);
        long off = 0;
        for (int i = 0; i < idx.length; i++) {
            long j = idx[i] < 0 ? idx[i] + shape[i] : idx[i];
            if (j < 0 || j >= shape[i]) throw Errors.arg("get", "index " + idx[i] + " is outside 0.." + (shape[i] - 1) + " in dimension " + i + " of " + Errors.shape(shape), null);
            off = off * shape[i] + j;
        }
        return Kernel.get(data, (int) off);
    }

    /** All values, row-major, as floats (a copy). */
    public float[] toFloatArray() { return Kernel.floats(data); }

    /** All values, row-major, as doubles (a copy). */
    public double[] toDoubleArray() { return Kernel.doubles(data); }

    /** All values as ints (rounded; for labels and indices). */
    public int[] toIntArray() {
        double[] d = toDoubleArray();
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) r[i] = (int) Math.round(d[i]);
        return r;
    }

    /** A 2-D tensor as rows of floats. */
    public float[][] toFloatMatrix() {
        Errors.checkRank("toFloatMatrix", this, 2, "a matrix");
        float[] f = toFloatArray();
        int r = size(0), c = size(1);
        float[][] m = new float[r][c];
        for (int i = 0; i < r; i++) System.arraycopy(f, i * c, m[i], 0, c);
        return m;
    }

    String describe() {
        return "Tensor" + Errors.shape(shape) + " " + dtype();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(describe());
        if (name != null) b.append(" '").append(name).append('\'');
        else if (parents != null) b.append(" (").append(op).append(')');
        if (requiresGrad && parents == null) b.append(" requiresGrad");
        b.append(rank() >= 2 ? "\n" : " ");
        return Printer.values(b, this).toString();
    }
}
