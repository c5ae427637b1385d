package cadl.tensor;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An n-dimensional array of numbers that remembers how it was computed, so that {@link #backward()} can
 * apply the chain rule: the course's stand-in for TensorFlow 1's graph and {@code optimizer.minimize}.
 *
 * <p>Every operation computes its result at once (eagerly) over an ND4J {@code INDArray}. When any input
 * requires gradients (and no {@link NoGrad} region is active), the result also records its inputs in
 * order, an op name (prefixed by the open {@link Scope}s) and its backward rule, written next to the
 * forward computation below. Elementwise ops broadcast like numpy; for ops computed in ND4J the engine sums
 * gradients back to each input's shape in one place ({@code Engine.unbroadcast}); the heap path's rules
 * do it themselves ({@code Host.reduceTiled}), for the patterns they take.
 *
 * <h2>Primitives and their derivatives (upstream gradient g, output y)</h2>
 * <table>
 *   <caption>backward rules</caption>
 *   <tr><th>op</th><th>forward</th><th>gradient to the inputs</th></tr>
 *   <tr><td>add / sub</td><td>a + b, a - b</td><td>g, g / g, -g</td></tr>
 *   <tr><td>mul</td><td>a * b</td><td>g b, g a</td></tr>
 *   <tr><td>div</td><td>a / b</td><td>g / b, -g a / b^2</td></tr>
 *   <tr><td>neg</td><td>-x</td><td>-g</td></tr>
 *   <tr><td>pow(p)</td><td>x^p</td><td>g p x^(p-1)</td></tr>
 *   <tr><td>exp / log / sqrt</td><td>e^x, ln x, sqrt x</td><td>g y, g / x, g / (2 y)</td></tr>
 *   <tr><td>abs</td><td>|x|</td><td>g sign(x) (0 at 0)</td></tr>
 *   <tr><td>sin / cos</td><td>sin x, cos x</td><td>g cos x, -g sin x</td></tr>
 *   <tr><td>tanh / sigmoid</td><td>tanh x, 1/(1+e^-x)</td><td>g (1 - y^2), g y (1 - y)</td></tr>
 *   <tr><td>relu / leakyRelu(a)</td><td>max(x, 0), x or a x</td><td>g [x &gt; 0] (0 at 0), g or a g</td></tr>
 *   <tr><td>clip(lo, hi)</td><td>min(max(x, lo), hi)</td><td>g [lo &lt;= x &lt;= hi]</td></tr>
 *   <tr><td>sum(axes)</td><td>sum over axes</td><td>g copied along the summed axes</td></tr>
 *   <tr><td>max(axes)</td><td>max over axes</td><td>g to the maxima, shared equally between ties</td></tr>
 *   <tr><td>softmax / logSoftmax</td><td>e^x / sum e^x, x - log sum e^x</td><td>y (g - sum(g y)), g - softmax(x) sum(g)</td></tr>
 *   <tr><td>matmul</td><td>A B</td><td>g B^T, A^T g</td></tr>
 *   <tr><td>permute / reshape</td><td>moves or regroups elements</td><td>the inverse move applied to g</td></tr>
 *   <tr><td>concat / slice / rows</td><td>joins or selects</td><td>g split / scattered back into zeros</td></tr>
 *   <tr><td>conv2d / conv2dTranspose</td><td>see {@link #conv2d}</td><td>ND4J's conv2d_bp (each is the other's adjoint)</td></tr>
 *   <tr><td>dropout / maskingNoise</td><td>x m (m random)</td><td>g m</td></tr>
 *   <tr><td>softmaxCrossEntropy</td><td>-(1/N) sum y log softmax(z), fused and stable</td><td>(softmax(z) sum(y) - y) / N, -log softmax(z) / N</td></tr>
 *   <tr><td>cast</td><td>x in another dtype</td><td>g cast back</td></tr>
 * </table>
 * Composites built from these have no backward of their own: {@code mean}, {@code square}, {@code stack},
 * {@code expandDims}, {@code squeeze}, {@code transpose}, the losses in {@code cadl.nn.Losses}.
 *
 * <p>Example: {@code Tensor.of(1, 2, 3)} prints {@code Tensor[3] float32 [1.0, 2.0, 3.0]}; tensors with
 * more than {@value #PRINT_THRESHOLD} elements print three entries at each end of every axis with
 * "..." between, like numpy.
 *
 * <p>Speed: a float32 tensor made from Java values ({@code of}, {@code zeros}, {@code normal}, ...) keeps
 * them in a Java array, and ops on such tensors run as plain loops, with matrix products in OpenBLAS
 * (see {@code Host}): about a microsecond of overhead per op, where an ND4J call costs 12-110 us. Ops
 * the heap loops do not cover (convolutions, slicing, float64, unusual broadcasting) read
 * {@link #array()}, which moves the values into ND4J once; after that they stay there. Backward walks
 * the graph once, and the NaN/Inf check runs only when the loss itself is not finite.
 */
public final class Tensor {

    /** A backward rule: from the gradient of the output, the gradients of the inputs (null where none). */
    @FunctionalInterface
    interface Backward {
        INDArray[] apply(INDArray g);
    }

    /**
     * A backward rule of the float32 fast path ({@code Host}): from the output's gradient, the inputs'
     * gradients as row-major arrays of exactly the inputs' shapes (null where none).
     */
    @FunctionalInterface
    interface HostBackward {
        float[][] apply(float[] g);
    }

    // Storage: exactly one of data (ND4J) and host (float32 on the Java heap, row-major) is non-null.
    // Ops whose inputs are all float32 and partly on the heap run on the heap (Host); any other op reads
    // nd(), which moves the values into ND4J once.
    private INDArray data;
    private float[] host;
    private final long[] shp;
    final Tensor[] parents;
    Backward backward;
    HostBackward hostBackward;
    final String op;
    String name;
    private boolean requiresGrad;
    boolean released;
    boolean keepGrad;
    INDArray grad;
    float[] hostGrad;

    private Tensor(INDArray data, String op, Tensor[] parents, Backward backward) {
        this.data = data;
        this.shp = data.shape();
        this.op = op;
        this.parents = parents;
        this.backward = backward;
    }

    private Tensor(float[] host, long[] shape, String op, Tensor[] parents, HostBackward backward) {
        this.host = host;
        this.shp = shape;
        this.op = op;
        this.parents = parents;
        this.hostBackward = backward;
    }

    /** Records an op's result: with its inputs and backward rule when any input requires gradients. */
    static Tensor make(String op, INDArray out, Backward bw, Tensor... inputs) {
        String qualified = Scope.qualify(op);
        if (tracks(inputs)) {
            Tensor t = new Tensor(out, qualified, inputs, bw);
            t.requiresGrad = true;
            return t;
        }
        return new Tensor(out, qualified, null, null);
    }

    /** As {@link #make} for a result computed on the Java heap. */
    static Tensor makeHost(String op, float[] out, long[] shape, HostBackward bw, Tensor... inputs) {
        String qualified = Scope.qualify(op);
        if (tracks(inputs)) {
            Tensor t = new Tensor(out, shape, qualified, inputs, bw);
            t.requiresGrad = true;
            return t;
        }
        return new Tensor(out, shape, qualified, null, null);
    }

    private static boolean tracks(Tensor[] inputs) {
        if (NoGrad.active()) return false;
        for (Tensor in : inputs) if (in.requiresGrad) return true;
        return false;
    }

    /** A float32 leaf on the Java heap over {@code values} (not copied). */
    static Tensor onHost(float[] values, long[] shape) {
        return new Tensor(values, shape, "input", null, null);
    }

    /** The ND4J array of this tensor, moving heap values into ND4J the first time (they then live there). */
    INDArray nd() {
        if (data == null) {
            data = Host.toNd(host, shp);
            host = null;
        }
        return data;
    }

    /** The shape as stored (not a copy: do not modify). */
    long[] shapeLong() {
        return shp;
    }

    /** True while the values live on the Java heap. */
    boolean onHeap() {
        return host != null;
    }

    /** Float32 values, row-major: the heap array itself (read only) or a copy out of ND4J. */
    float[] floats() {
        if (host != null) return host;
        return Host.read(data);
    }

    /** True when an op on {@code ts} should run on the heap: all float32, non-empty, at least one there already. */
    static boolean heap(Tensor... ts) {
        boolean any = false;
        for (Tensor t : ts) {
            if (t.host == null && t.data.dataType() != DataType.FLOAT) return false;
            if (t.numel() == 0) return false;
            any |= t.host != null;
        }
        return any;
    }

    // ------------------------------------------------------------------ creation

    /** Wraps an ND4J array without copying (library use). FLOAT32 or FLOAT64 only. */
    public static Tensor wrap(INDArray a) {
        if (a == null) throw new IllegalArgumentException("Tensor.wrap: array is null");
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) a = a.castTo(DataType.FLOAT);
        return new Tensor(a, "input", null, null);
    }

    /** A 1-D float32 tensor of {@code values}. */
    public static Tensor of(float... values) {
        return onHost(values.clone(), new long[] {values.length});
    }

    /** A 1-D float32 tensor of {@code values} (use {@link #cast} for float64). */
    public static Tensor of(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return of(f);
    }

    /** A 2-D float32 tensor [rows, cols] from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        float[] f = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw Errors.arg("Tensor.of", "row " + i + " has " + rows[i].length + " values but row 0 has " + c, "give rows of equal length");
            }
            System.arraycopy(rows[i], 0, f, i * c, c);
        }
        return of(f, r, c);
    }

    /** A 2-D float32 tensor [rows, cols] from rows of equal length. */
    public static Tensor of(double[][] rows) {
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < f[i].length; j++) f[i][j] = (float) rows[i][j];
        }
        return of(f);
    }

    /** A float32 tensor of the given shape filled row-major from {@code data}. */
    public static Tensor of(float[] data, int... shape) {
        long n = count(shape);
        if (n != data.length) {
            throw Errors.arg("Tensor.of", data.length + " values cannot fill shape " + Arrays.toString(shape) + " (" + n + " elements)", null);
        }
        return onHost(data.clone(), longs(shape));
    }

    /**
     * A float32 tensor of the given shape filled row-major from {@code data} (every {@code of} gives float32;
     * ask for float64 with {@link #of(DType, double[], int...)} or {@link #toDouble()}).
     */
    public static Tensor of(double[] data, int... shape) {
        return of(DType.FLOAT32, data, shape);
    }

    /** A tensor of element type {@code dtype} and the given shape, filled row-major from {@code data}. */
    public static Tensor of(DType dtype, double[] data, int... shape) {
        if (dtype == null) throw Errors.arg("Tensor.of", "the dtype is null", "pass DType.FLOAT32 or DType.FLOAT64");
        long n = count(shape);
        if (n != data.length) {
            throw Errors.arg("Tensor.of", data.length + " values cannot fill shape " + Arrays.toString(shape) + " (" + n + " elements)", null);
        }
        if (dtype == DType.FLOAT32) return onHost(toFloats(data), longs(shape));
        return wrap(Nd4j.create(data.clone(), longs(shape), DataType.DOUBLE));
    }

    /** A rank-0 (scalar) float32 tensor. */
    public static Tensor scalar(double v) {
        return onHost(new float[] {(float) v}, new long[0]);
    }

    /** Zeros of {@code shape}, float32. */
    public static Tensor zeros(int... shape) {
        return onHost(new float[Math.toIntExact(count(shape))], longs(shape));
    }

    /** Ones of {@code shape}, float32. */
    public static Tensor ones(int... shape) {
        return full(1, shape);
    }

    /** {@code value} everywhere in {@code shape}, float32. */
    public static Tensor full(double value, int... shape) {
        float[] f = new float[Math.toIntExact(count(shape))];
        Arrays.fill(f, (float) value);
        return onHost(f, longs(shape));
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop}, both included. */
    public static Tensor linspace(double start, double stop, int num) {
        if (num < 1) throw Errors.arg("linspace", "num must be >= 1, got " + num, null);
        float[] f = new float[num];
        for (int i = 0; i < num; i++) f[i] = (float) (num == 1 ? start : start + (stop - start) * i / (num - 1));
        return of(f);
    }

    /** Values {@code start, start + step, ...} below {@code stop} (numpy's arange). */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || (stop - start) / step < 0) {
            throw Errors.arg("arange", "step " + step + " never goes from " + start + " to " + stop, null);
        }
        int n = (int) Math.ceil((stop - start) / step);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (start + i * step);
        return of(f);
    }

    /** Draws from N(mean, std^2) with the course's seeded {@link Rng}. */
    public static Tensor normal(double mean, double std, int... shape) {
        double[] d = new double[(int) count(shape)];
        Rng.fillNormal(d, mean, std);
        return onHost(toFloats(d), longs(shape));
    }

    /** Draws uniformly from [lo, hi) with the course's seeded {@link Rng}. */
    public static Tensor uniform(double lo, double hi, int... shape) {
        double[] d = new double[(int) count(shape)];
        Rng.fillUniform(d, lo, hi);
        return onHost(toFloats(d), longs(shape));
    }

    // ------------------------------------------------------------------ attributes

    /** The shape (a copy). */
    public int[] shape() {
        long[] s = shp;
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = (int) s[i];
        return r;
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shp.length;
    }

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shp) n *= d;
        return n;
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return (int) shp[Errors.axis("size", dim, rank())];
    }

    /** Element type. */
    public DType dtype() {
        return host != null ? DType.FLOAT32 : DType.of(data.dataType());
    }

    /** True if gradients flow into or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * True for a tensor no recorded operation produced: values made directly, parameters, results computed
     * while no input required gradients, and {@link #detach()}ed tensors. Optimizers accept only leaves.
     */
    public boolean isLeaf() {
        return parents == null;
    }

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

    /** The gradient accumulated by {@link #backward()}, or null before any. */
    public Tensor grad() {
        if (hostGrad != null) return new Tensor(hostGrad, shp, "grad", null, null);
        return grad == null ? null : new Tensor(grad, "grad", null, null);
    }

    /** The name given with {@link #named}, qualified by the scopes open then; null if none. */
    public String name() {
        return name;
    }

    /** Names this tensor {@code Scope.qualify(name)} (e.g. "layer1/W"); returns this. */
    public Tensor named(String name) {
        this.name = Scope.qualify(name);
        return this;
    }

    /** The op that produced this tensor ("input" for leaves), with its scope prefix. */
    public String op() {
        return op;
    }

    /**
     * The live ND4J buffer; for library code (checkpoints, pictures). Values held on the Java heap move into
     * ND4J first and stay there. Do not modify it from a notebook.
     */
    public INDArray array() {
        return nd();
    }

    /**
     * For optimizers: the live float32 values as a Java array, to be updated in place (values held in ND4J
     * move to the Java heap and stay there). Throws for float64 tensors, which stay in ND4J.
     */
    public float[] liveFloats() {
        if (host == null) {
            if (data.dataType() != DataType.FLOAT) {
                throw Errors.state("liveFloats", "tensor is " + dtype() + ", not float32", "use array() for float64 tensors");
            }
            host = Host.read(data);
            data = null;
        }
        return host;
    }

    /** For optimizers: a float32 tensor's gradient as row-major values (read only), or null before any. */
    public float[] gradFloats() {
        return hostGrad;
    }

    /** Clears this leaf's accumulated gradient. */
    public void zeroGrad() {
        grad = null;
        hostGrad = null;
    }

    /**
     * Adds {@code g} (an INDArray, or a float[] of this tensor's shape) to the gradient (engine only). A
     * float32 tensor keeps its gradient in a Java array ({@code hostGrad}), a float64 one in ND4J.
     */
    void accumulateGrad(Object g) {
        if (dtype() == DType.FLOAT32) {
            // an engine array may be shared with other tensors' gradients: copy it before keeping it
            float[] f = g instanceof float[] ? (float[]) g : Host.read((INDArray) g);
            if (hostGrad == null) {
                hostGrad = g instanceof float[] ? f.clone() : f;
            } else {
                for (int i = 0; i < f.length; i++) hostGrad[i] += f[i];
            }
            return;
        }
        INDArray a = g instanceof INDArray ? (INDArray) g : Host.toNd((float[]) g, shp);
        if (grad == null) grad = a.dataType() == data.dataType() ? a.dup() : a.castTo(data.dataType());
        else grad.addi(a);
    }

    // ------------------------------------------------------------------ elementwise, broadcasting

    private enum Bin {
        ADD(Host.ADD), SUB(Host.SUB), MUL(Host.MUL), DIV(Host.DIV);

        /** The same operation's code in {@code Host}'s loops. */
        final int host;

        Bin(int host) {
            this.host = host;
        }

        INDArray run(INDArray a, INDArray b) {
            switch (this) {
                case ADD: return a.add(b);
                case SUB: return a.sub(b);
                case MUL: return a.mul(b);
                default: return a.div(b);
            }
        }

        /** {@code a op b} computed as an op on b first (b has the full shape). */
        INDArray runReversed(INDArray a, INDArray b) {
            switch (this) {
                case ADD: return b.add(a);
                case SUB: return b.rsub(a);
                case MUL: return b.mul(a);
                default: return b.rdiv(a);
            }
        }
    }

    static long[] broadcastShape(String op, long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            long y = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw Errors.arg(op, "cannot broadcast " + Errors.shape(a) + " with " + Errors.shape(b)
                        + ": sizes " + x + " and " + y + " differ in dimension " + i,
                        "sizes must match or be 1; reshape one operand, e.g. to a column with reshape(-1, 1)");
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }

    private static INDArray toRank(INDArray x, int rank) {
        if (x.rank() == rank) return x;
        long[] s = new long[rank];
        long[] xs = x.shape();
        Arrays.fill(s, 1);
        System.arraycopy(xs, 0, s, rank - xs.length, xs.length);
        return x.reshape(s);
    }

    /** {@code a op b} with numpy broadcasting, on raw arrays. */
    static INDArray bin(Bin f, String op, INDArray a, INDArray b) {
        if (a.dataType() != b.dataType()) b = b.castTo(a.dataType());
        long[] as = a.shape(), bs = b.shape();
        if (Arrays.equals(as, bs)) return f.run(a, b);
        if (b.rank() == 0 || b.length() == 1 && b.rank() <= a.rank()) {
            return f.run(a, b.rank() == 0 ? b : scalarOf(b));
        }
        long[] out = broadcastShape(op, as, bs);
        INDArray a2 = toRank(a, out.length), b2 = toRank(b, out.length);
        if (Arrays.equals(a2.shape(), out)) return f.run(a2, b2);
        if (Arrays.equals(b2.shape(), out)) return f.runReversed(a2, b2);
        // both sides broadcast (e.g. [3, 1] with [1, 4]): ND4J's pairwise ops broadcast both operands
        // into a new array; INDArray.broadcast() would be a slow extra copy
        return f.run(a2, b2);
    }

    private static INDArray scalarOf(INDArray b) {
        return Nd4j.scalar(b.dataType(), b.getDouble(0));
    }

    private Tensor binary(Bin f, String op, Tensor o) {
        if (heap(this, o)) {
            Tensor r = binaryOnHeap(f, op, o);
            if (r != null) return r;
        }
        INDArray a = nd(), b = o.nd();
        INDArray out = bin(f, op, a, b);
        return make(op, out, g -> {
            switch (f) {
                case ADD: return new INDArray[] {g, g};
                case SUB: return new INDArray[] {g, g.neg()};
                case MUL: return new INDArray[] {bin(Bin.MUL, op, g, b), bin(Bin.MUL, op, g, a)};
                default: {
                    INDArray ga = bin(Bin.DIV, op, g, b);
                    INDArray gb = o.requiresGrad ? bin(Bin.MUL, op, ga, out).negi() : null;
                    return new INDArray[] {ga, gb};
                }
            }
        }, this, o);
    }

    /** {@code this op o} on the heap when one operand tiles the other (same shape, scalar, trailing block); else null. */
    private Tensor binaryOnHeap(Bin f, String op, Tensor o) {
        int code = f.host;
        float[] a = floats(), b = o.floats();
        float[] out;
        long[] shape;
        if (Host.tile(shp, o.shp) >= 0) {
            out = Host.binTiled(code, a, b);
            shape = shp;
        } else if (Host.tile(o.shp, shp) >= 0) {
            out = Host.binTiledLeft(code, a, b);
            shape = o.shp;
        } else {
            return null;
        }
        boolean ga = requiresGrad, gb = o.requiresGrad;
        return makeHost(op, out, shape, g -> {
            switch (f) {
                case ADD: return new float[][] {ga ? Host.reduceTiled(g, a.length) : null, gb ? Host.reduceTiled(g, b.length) : null};
                case SUB: return new float[][] {ga ? Host.reduceTiled(g, a.length) : null, gb ? Host.scale(Host.reduceTiled(g, b.length), -1f) : null};
                case MUL: return new float[][] {
                    ga ? Host.reduceTiled(mulTiled(g, b), a.length) : null,
                    gb ? Host.reduceTiled(mulTiled(g, a), b.length) : null};
                default: {
                    float[] q = Host.binTiled(Host.DIV, g, b);    // g / b; b tiles the output
                    return new float[][] {
                        ga ? Host.reduceTiled(q, a.length) : null,
                        gb ? Host.scale(Host.reduceTiled(Host.times(q, out), b.length), -1f) : null};
                }
            }
        }, this, o);
    }

    /** {@code g * x} where x (full size or a trailing block) tiles g. */
    private static float[] mulTiled(float[] g, float[] x) {
        return Host.binTiled(Host.MUL, g, x);
    }

    /** {@code this op v} for a constant v, on the heap. */
    private Tensor scalarOnHeap(String op, int code, double v) {
        float[] c = {(float) v};
        float[] y = Host.binTiled(code, floats(), c);
        return makeHost(op, y, shp, g -> new float[][] {
            code == Host.ADD || code == Host.SUB ? g : Host.binTiled(code, g, c)}, this);
    }

    /** A unary op of {@code Host} on the heap. */
    private Tensor unaryOnHeap(String op, int kind) {
        float[] x = floats();
        float[] y = Host.unary(kind, x);
        return makeHost(op, y, shp, g -> new float[][] {Host.unaryGrad(kind, g, x, y)}, this);
    }

    /** Elementwise {@code this + o}, broadcasting. */
    public Tensor add(Tensor o) {
        return binary(Bin.ADD, "add", o);
    }

    /** Elementwise {@code this + v}. */
    public Tensor add(double v) {
        if (heap(this)) return scalarOnHeap("add", Host.ADD, v);
        return make("add", nd().add(v), g -> new INDArray[] {g}, this);
    }

    /** Elementwise {@code this - o}, broadcasting. */
    public Tensor sub(Tensor o) {
        return binary(Bin.SUB, "sub", o);
    }

    /** Elementwise {@code this - v}. */
    public Tensor sub(double v) {
        if (heap(this)) return scalarOnHeap("sub", Host.SUB, v);
        return make("sub", nd().sub(v), g -> new INDArray[] {g}, this);
    }

    /** Elementwise {@code this * o}, broadcasting. */
    public Tensor mul(Tensor o) {
        return binary(Bin.MUL, "mul", o);
    }

    /** Elementwise {@code this * v}. */
    public Tensor mul(double v) {
        if (heap(this)) return scalarOnHeap("mul", Host.MUL, v);
        return make("mul", nd().mul(v), g -> new INDArray[] {g.mul(v)}, this);
    }

    /** Elementwise {@code this / o}, broadcasting. */
    public Tensor div(Tensor o) {
        return binary(Bin.DIV, "div", o);
    }

    /** Elementwise {@code this / v}. */
    public Tensor div(double v) {
        if (v == 0) throw Errors.arg("div", "division by the constant 0", null);
        if (heap(this)) return scalarOnHeap("div", Host.DIV, v);
        return make("div", nd().div(v), g -> new INDArray[] {g.div(v)}, this);
    }

    /** Elementwise {@code -this}. */
    public Tensor neg() {
        if (heap(this)) return unaryOnHeap("neg", Host.NEG);
        return make("neg", nd().neg(), g -> new INDArray[] {g.neg()}, this);
    }

    /** Elementwise {@code this^p} for a constant exponent p. d/dx = p x^(p-1). */
    public Tensor pow(double p) {
        INDArray x = nd();
        return make("pow", Transforms.pow(x, p, true), g -> new INDArray[] {g.mul(Transforms.pow(x, p - 1, true)).muli(p)}, this);
    }

    /** Elementwise square (composite: {@code mul(this)} for exactness of the gradient). */
    public Tensor square() {
        if (heap(this)) return unaryOnHeap("square", Host.SQUARE);
        INDArray x = nd();
        return make("square", x.mul(x), g -> new INDArray[] {g.mul(x).muli(2)}, this);
    }

    /** Elementwise e^x. d/dx = e^x. */
    public Tensor exp() {
        if (heap(this)) return unaryOnHeap("exp", Host.EXP);
        INDArray y = Transforms.exp(nd(), true);
        return make("exp", y, g -> new INDArray[] {g.mul(y)}, this);
    }

    /** Elementwise natural logarithm. d/dx = 1/x. */
    public Tensor log() {
        if (heap(this)) return unaryOnHeap("log", Host.LOG);
        INDArray x = nd();
        return make("log", Transforms.log(x, true), g -> new INDArray[] {g.div(x)}, this);
    }

    /** Elementwise square root. d/dx = 1 / (2 sqrt x). */
    public Tensor sqrt() {
        INDArray y = Transforms.sqrt(nd(), true);
        return make("sqrt", y, g -> new INDArray[] {g.div(y).muli(0.5)}, this);
    }

    /** Elementwise |x|. d/dx = sign(x), taken as 0 at 0. */
    public Tensor abs() {
        if (heap(this)) return unaryOnHeap("abs", Host.ABS);
        INDArray x = nd();
        return make("abs", Transforms.abs(x, true), g -> new INDArray[] {g.mul(Transforms.sign(x, true))}, this);
    }

    /** Elementwise sine. d/dx = cos x. */
    public Tensor sin() {
        INDArray x = nd();
        return make("sin", Transforms.sin(x, true), g -> new INDArray[] {g.mul(Transforms.cos(x, true))}, this);
    }

    /** Elementwise cosine. d/dx = -sin x. */
    public Tensor cos() {
        INDArray x = nd();
        return make("cos", Transforms.cos(x, true), g -> new INDArray[] {g.mul(Transforms.sin(x, true)).negi()}, this);
    }

    /** Elementwise hyperbolic tangent. d/dx = 1 - tanh^2 x. */
    public Tensor tanh() {
        if (heap(this)) return unaryOnHeap("tanh", Host.TANH);
        INDArray y = Transforms.tanh(nd(), true);
        return make("tanh", y, g -> new INDArray[] {g.mul(y.mul(y).rsubi(1))}, this);
    }

    /** Elementwise logistic sigmoid 1 / (1 + e^-x). d/dx = y (1 - y). */
    public Tensor sigmoid() {
        if (heap(this)) return unaryOnHeap("sigmoid", Host.SIGMOID);
        INDArray y = Transforms.sigmoid(nd(), true);
        return make("sigmoid", y, g -> new INDArray[] {g.mul(y).muli(y.rsub(1))}, this);
    }

    /** Elementwise max(x, 0). d/dx = 1 where x &gt; 0, else 0 (we take 0 at exactly 0). */
    public Tensor relu() {
        if (heap(this)) return unaryOnHeap("relu", Host.RELU);
        INDArray y = Transforms.relu(nd(), true);
        return make("relu", y, g -> new INDArray[] {g.mul(y.gt(0).castTo(g.dataType()))}, this);
    }

    /** Elementwise x for x &gt; 0, alpha x otherwise. */
    public Tensor leakyRelu(double alpha) {
        INDArray x = nd();
        INDArray y = Transforms.leakyRelu(x, alpha, true);
        return make("leakyRelu", y, g -> {
            INDArray pos = x.gt(0).castTo(g.dataType());
            INDArray slope = pos.mul(1 - alpha).addi(alpha);
            return new INDArray[] {g.mul(slope)};
        }, this);
    }

    /** Elementwise min(max(x, lo), hi). Gradient passes where lo &lt;= x &lt;= hi. */
    public Tensor clip(double lo, double hi) {
        if (lo > hi) throw Errors.arg("clip", "lo " + lo + " is above hi " + hi, null);
        INDArray x = nd();
        INDArray y = Transforms.min(Transforms.max(x, lo, true), hi, false);
        return make("clip", y, g -> {
            INDArray inside = x.gte(lo).castTo(g.dataType()).muli(x.lte(hi).castTo(g.dataType()));
            return new INDArray[] {g.mul(inside)};
        }, this);
    }

    // ------------------------------------------------------------------ reductions

    private int[] axesOrAll(String op, int... axes) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) r[i] = Errors.axis(op, axes[i], rank());
        return r;
    }

    private long[] keptShape(int[] axes) {
        long[] s = shp.clone();
        for (int a : axes) s[a] = 1;
        return s;
    }

    /** Sum of all elements, a scalar. */
    public Tensor sum() {
        return sum(false);
    }

    /** Sum over {@code axes}, which disappear from the shape. */
    public Tensor sum(int... axes) {
        return sum(false, axes);
    }

    /** Sum over {@code axes} (all if none), keeping them as size 1 when {@code keepDims}. */
    public Tensor sum(boolean keepDims, int... axes) {
        int[] ax = axesOrAll("sum", axes);
        long[] kept = keptShape(ax);
        long[] xs = shp;
        if (heap(this)) {
            float[] y = Host.sum(floats(), xs, kept);
            long[] os = keepDims ? kept : dropAxes(xs, ax);
            return makeHost("sum", y, os, g -> new float[][] {Host.expand(g, xs, kept)}, this);
        }
        INDArray out = ax.length == 0 ? nd().dup() : nd().sum(keepDims, ax);
        if (!keepDims && ax.length == rank()) out = out.reshape(new long[0]);
        DataType dt = nd().dataType();
        return make("sum", out, g -> new INDArray[] {Nd4j.zeros(dt, xs).addi(g.reshape(kept))}, this);
    }

    private static long[] dropAxes(long[] s, int[] axes) {
        boolean[] drop = new boolean[s.length];
        for (int a : axes) drop[a] = true;
        int n = 0;
        for (boolean d : drop) if (!d) n++;
        long[] r = new long[n];
        for (int i = 0, j = 0; i < s.length; i++) if (!drop[i]) r[j++] = s[i];
        return r;
    }

    /** Mean of all elements (composite: sum / count). */
    public Tensor mean() {
        return mean(false);
    }

    /** Mean over {@code axes}. */
    public Tensor mean(int... axes) {
        return mean(false, axes);
    }

    /** Mean over {@code axes} (all if none), composite of sum and a scale. */
    public Tensor mean(boolean keepDims, int... axes) {
        int[] ax = axesOrAll("mean", axes);
        long n = 1;
        for (int a : ax) n *= shp[a];
        return sum(keepDims, ax).div(n == 0 ? 1 : n);
    }

    /** Maximum of all elements. */
    public Tensor max() {
        return max(false);
    }

    /** Maximum over {@code axes}. */
    public Tensor max(int... axes) {
        return max(false, axes);
    }

    /** Maximum over {@code axes}; the gradient goes to the maxima, shared equally between ties. */
    public Tensor max(boolean keepDims, int... axes) {
        int[] ax = axesOrAll("max", axes);
        long[] kept = keptShape(ax);
        INDArray x = nd();
        INDArray mk = x.max(true, ax);
        INDArray out = keepDims ? mk : (ax.length == rank() ? mk.reshape(new long[0]) : x.max(false, ax));
        return make("max", out, g -> {
            INDArray mask = bin(Bin.SUB, "max", x, mk).eq(0).castTo(x.dataType());
            INDArray count = mask.sum(true, ax);
            INDArray share = g.reshape(kept).div(count);
            return new INDArray[] {bin(Bin.MUL, "max", mask, share)};
        }, this);
    }

    /** Softmax along {@code axis}: e^x / sum(e^x), computed stably (shifted by the max). */
    public Tensor softmax(int axis) {
        int a = Errors.axis("softmax", axis, rank());
        INDArray x = nd();
        INDArray e = Transforms.exp(bin(Bin.SUB, "softmax", x, x.max(true, a)), false);
        INDArray y = bin(Bin.DIV, "softmax", e, e.sum(true, a));
        return make("softmax", y, g -> {
            INDArray dot = g.mul(y).sum(true, a);
            return new INDArray[] {bin(Bin.SUB, "softmax", g, dot).muli(y)};
        }, this);
    }

    /** Log of the softmax along {@code axis}: x - max - log(sum(e^(x - max))). */
    public Tensor logSoftmax(int axis) {
        int a = Errors.axis("logSoftmax", axis, rank());
        INDArray x = nd();
        INDArray shifted = bin(Bin.SUB, "logSoftmax", x, x.max(true, a));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, a), false);
        INDArray y = bin(Bin.SUB, "logSoftmax", shifted, lse);
        return make("logSoftmax", y, g -> {
            INDArray soft = Transforms.exp(y, true);
            return new INDArray[] {g.sub(bin(Bin.MUL, "logSoftmax", soft, g.sum(true, a)))};
        }, this);
    }

    /**
     * Softmax cross entropy from logits, fused for speed and stability: for logits {@code z} of shape
     * {@code [N, K]} and targets {@code y} of the same shape (one-hot rows or any distributions),
     * {@code -(1/N) sum_i sum_k y_ik log softmax(z_i)_k}, a scalar. The log-softmax is computed as
     * {@code z - max - log(sum(exp(z - max)))}, so large logits do not overflow.
     * Derivatives: d/dz = (softmax(z) sum_k y_k - y) / N, which is (softmax(z) - y) / N for rows of y that
     * sum to 1; d/dy = -log softmax(z) / N.
     */
    public Tensor softmaxCrossEntropy(Tensor targets) {
        if (rank() != 2 || !Arrays.equals(shp, targets.shp)) {
            throw Errors.arg("softmaxCrossEntropy", "expected logits [N, K] and targets of the same shape, got "
                    + Errors.shape(shape()) + " and " + Errors.shape(targets.shape()),
                    "one-hot encode the labels (Labels.oneHot) to [N, K]; flatten logits to [N, K]");
        }
        if (heap(this, targets)) return softmaxCrossEntropyOnHeap(targets);
        INDArray z = nd();
        INDArray y = targets.nd().dataType() == z.dataType() ? targets.nd() : targets.nd().castTo(z.dataType());
        double n = z.size(0);
        INDArray logp = z.subColumnVector(z.max(1));
        INDArray lse = Transforms.log(Transforms.exp(logp, true).sum(1), false);
        logp.subiColumnVector(lse);
        INDArray out = logp.mul(y).sum().muli(-1.0 / n);
        return make("softmaxCrossEntropy", out, g -> {
            double s = g.getDouble(0) / n;
            return new INDArray[] {
                requiresGrad ? Transforms.exp(logp, true).muliColumnVector(y.sum(1)).subi(y).muli(s) : null,
                targets.requiresGrad ? logp.mul(-s) : null};
        }, this, targets);
    }

    private Tensor softmaxCrossEntropyOnHeap(Tensor targets) {
        int n = size(0), k = size(1);
        float[] z = floats(), y = targets.floats();
        float[] logp = new float[z.length];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * k;
            float mx = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) mx = Math.max(mx, z[o + j]);
            double se = 0;
            for (int j = 0; j < k; j++) se += Math.exp(z[o + j] - mx);
            float lse = (float) Math.log(se);
            for (int j = 0; j < k; j++) {
                float lp = z[o + j] - mx - lse;
                logp[o + j] = lp;
                total += (double) lp * y[o + j];
            }
        }
        boolean gz = requiresGrad, gy = targets.requiresGrad;
        return makeHost("softmaxCrossEntropy", new float[] {(float) (-total / n)}, new long[0], g -> {
            float s = g[0] / n;
            float[] dz = null, dy = null;
            if (gz) {
                dz = new float[z.length];
                for (int i = 0; i < n; i++) {
                    int o = i * k;
                    float ys = 0;
                    for (int j = 0; j < k; j++) ys += y[o + j];
                    for (int j = 0; j < k; j++) dz[o + j] = ((float) Math.exp(logp[o + j]) * ys - y[o + j]) * s;
                }
            }
            if (gy) dy = Host.scale(logp, -s);
            return new float[][] {dz, dy};
        }, this, targets);
    }

    // ------------------------------------------------------------------ shapes

    /**
     * Matrix product {@code [N, K] x [K, M] -> [N, M]}. Gradients: {@code g B^T} and {@code A^T g}.
     */
    public Tensor matmul(Tensor o) {
        if (rank() != 2 || o.rank() != 2 || size(1) != o.size(0)) {
            String why = rank() != 2 || o.rank() != 2 ? "both operands must be 2-D"
                    : "inner sizes " + size(1) + " and " + o.size(0) + " differ";
            throw Errors.arg("matmul", "cannot multiply " + Errors.shape(shape()) + " by " + Errors.shape(o.shape()) + ": " + why,
                    rank() == 2 && o.rank() == 2 ? "the columns of the left must equal the rows of the right; transpose one?" : "reshape to 2-D first");
        }
        if (heap(this, o)) {
            int m = size(0), k = size(1), n = o.size(1);
            float[] a = floats(), b = o.floats();
            boolean ga = requiresGrad, gb = o.requiresGrad;
            return makeHost("matmul", Host.gemm(a, false, b, false, m, n, k), new long[] {m, n}, g -> new float[][] {
                ga ? Host.gemm(g, false, b, true, m, k, n) : null,
                gb ? Host.gemm(a, true, g, false, k, n, m) : null}, this, o);
        }
        INDArray a = nd(), b = o.nd().dataType() == a.dataType() ? o.nd() : o.nd().castTo(a.dataType());
        return make("matmul", a.mmul(b), g -> new INDArray[] {
            requiresGrad ? g.mmul(b.transpose()) : null,
            o.requiresGrad ? a.transpose().mmul(g) : null}, this, o);
    }

    /** The transpose of a 2-D tensor (composite of permute). */
    public Tensor transpose() {
        Errors.checkRank("transpose", this, 2, "a matrix");
        return permute(1, 0);
    }

    /** Reorders dimensions: {@code permute(0, 3, 1, 2)} takes NHWC to NCHW. */
    public Tensor permute(int... dims) {
        if (dims.length != rank()) {
            throw Errors.arg("permute", "got " + dims.length + " dimensions " + Arrays.toString(dims) + " for shape " + Errors.shape(shape()), "name every dimension once");
        }
        int[] inv = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = Errors.axis("permute", dims[i], rank());
            if (seen[d]) throw Errors.arg("permute", "dimension " + d + " named twice in " + Arrays.toString(dims), null);
            seen[d] = true;
            inv[d] = i;
        }
        if (dims.length == 2 && heap(this)) {
            if (dims[0] == 0) return makeHost("permute", floats(), shp, g -> new float[][] {g}, this);
            int r = size(0), c = size(1);
            return makeHost("permute", Host.transpose(floats(), r, c), new long[] {c, r},
                    g -> new float[][] {Host.transpose(g, c, r)}, this);
        }
        if (dims.length == 2) {
            // a 2-D transpose stays a view: matmul reads it directly (BLAS transposes for free), so tied
            // weights (x.matmul(W.transpose())) cost no copy
            return make("permute", nd().permute(dims), g -> new INDArray[] {g.permute(inv)}, this);
        }
        return make("permute", nd().permute(dims).dup('c'), g -> new INDArray[] {g.permute(inv).dup('c')}, this);
    }

    /** The same elements in a new shape; one dimension may be -1 (inferred). */
    public Tensor reshape(int... shape) {
        long n = numel();
        int infer = -1;
        long known = 1;
        int[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw Errors.arg("reshape", "only one -1 allowed in " + Arrays.toString(shape), null);
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0 && known != 0 && n % known == 0) s[infer] = (int) (n / known);
        if (count(s) != n) {
            throw Errors.arg("reshape", "cannot reshape " + Errors.shape(shape()) + " (" + n + " elements) to " + Arrays.toString(shape),
                    "the new shape must hold the same number of elements");
        }
        long[] orig = shp;
        if (heap(this)) return makeHost("reshape", floats(), longs(s), g -> new float[][] {g}, this);
        INDArray x = nd().ordering() == 'c' && nd().isView() == false ? nd() : nd().dup('c');
        return make("reshape", x.reshape('c', longs(s)), g -> new INDArray[] {g.dup('c').reshape('c', orig)}, this);
    }

    /** Inserts a dimension of size 1 at {@code axis} (composite of reshape). */
    public Tensor expandDims(int axis) {
        int r = rank() + 1;
        int a = Errors.axis("expandDims", axis, r);
        int[] s = new int[r];
        int[] old = shape();
        for (int i = 0, j = 0; i < r; i++) s[i] = i == a ? 1 : old[j++];
        return reshape(s);
    }

    /** Removes dimension {@code axis}, which must have size 1 (composite of reshape). */
    public Tensor squeeze(int axis) {
        int a = Errors.axis("squeeze", axis, rank());
        if (size(a) != 1) throw Errors.arg("squeeze", "dimension " + a + " of " + Errors.shape(shape()) + " has size " + size(a) + ", not 1", null);
        int[] old = shape();
        int[] s = new int[old.length - 1];
        for (int i = 0, j = 0; i < old.length; i++) if (i != a) s[j++] = old[i];
        return reshape(s);
    }

    /** Joins tensors of equal shape except along {@code axis}. */
    public static Tensor concat(int axis, Tensor... ts) {
        if (ts.length == 0) throw Errors.arg("concat", "no tensors given", null);
        int a = Errors.axis("concat", axis, ts[0].rank());
        INDArray[] arrays = new INDArray[ts.length];
        long[] sizes = new long[ts.length];
        for (int i = 0; i < ts.length; i++) {
            long[] s0 = ts[0].nd().shape().clone(), si = ts[i].nd().shape().clone();
            if (s0.length != si.length) throw Errors.arg("concat", "tensor " + i + " has shape " + Errors.shape(si) + " but tensor 0 has " + Errors.shape(s0), "give tensors of one rank");
            s0[a] = 0;
            si[a] = 0;
            if (!Arrays.equals(s0, si)) {
                throw Errors.arg("concat", "tensor " + i + " has shape " + Errors.shape(ts[i].shape()) + ", tensor 0 " + Errors.shape(ts[0].shape())
                        + ": they may differ only along axis " + a, null);
            }
            arrays[i] = ts[i].nd();
            sizes[i] = ts[i].nd().size(a);
        }
        INDArray out = Nd4j.concat(a, arrays);
        return make("concat", out, g -> {
            INDArray[] r = new INDArray[ts.length];
            long start = 0;
            for (int i = 0; i < ts.length; i++) {
                r[i] = g.get(along(g.rank(), a, start, start + sizes[i])).dup('c');
                start += sizes[i];
            }
            return r;
        }, ts);
    }

    /** Stacks tensors of equal shape along a new dimension {@code axis} (composite). */
    public static Tensor stack(int axis, Tensor... ts) {
        if (ts.length == 0) throw Errors.arg("stack", "no tensors given", null);
        Tensor[] e = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape(), ts[0].shape())) {
                throw Errors.arg("stack", "tensor " + i + " has shape " + Errors.shape(ts[i].shape()) + " but tensor 0 has " + Errors.shape(ts[0].shape()), null);
            }
            e[i] = ts[i].expandDims(axis);
        }
        return concat(axis, e);
    }

    private static INDArrayIndex[] along(int rank, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) idx[i] = i == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        return idx;
    }

    /** Elements {@code from} (included) to {@code to} (excluded) along {@code axis}. */
    public Tensor slice(int axis, int from, int to) {
        int a = Errors.axis("slice", axis, rank());
        int n = size(a);
        if (from < 0 || to > n || from >= to) {
            throw Errors.arg("slice", "range [" + from + ", " + to + ") is not inside 0.." + n + " along axis " + a + " of " + Errors.shape(shape()), null);
        }
        long[] xs = nd().shape();
        DataType dt = nd().dataType();
        INDArrayIndex[] idx = along(rank(), a, from, to);
        return make("slice", nd().get(idx).dup('c'), g -> {
            INDArray z = Nd4j.zeros(dt, xs);
            z.get(along(xs.length, a, from, to)).assign(g);
            return new INDArray[] {z};
        }, this);
    }

    /** Rows {@code from} to {@code to} (excluded) along the first dimension. */
    public Tensor rows(int from, int to) {
        return slice(0, from, to);
    }

    /** The rows (entries along the first dimension) at {@code indices}, in that order: a minibatch. */
    public Tensor rows(int[] indices) {
        if (rank() == 0) throw Errors.arg("rows", "a scalar has no rows", null);
        int n = size(0);
        for (int i : indices) {
            if (i < 0 || i >= n) throw Errors.arg("rows", "index " + i + " is outside 0.." + (n - 1) + " for shape " + Errors.shape(shape()), null);
        }
        long[] xs = nd().shape();
        long rest = n == 0 ? 0 : numel() / n;
        INDArray flat = nd().reshape('c', n, rest);
        INDArray picked = Nd4j.pullRows(flat, 1, indices);
        long[] os = xs.clone();
        os[0] = indices.length;
        DataType dt = nd().dataType();
        return make("rows", picked.reshape('c', os), g -> {
            INDArray z = Nd4j.zeros(dt, n, rest);
            INDArray g2 = g.reshape('c', indices.length, rest);
            for (int i = 0; i < indices.length; i++) z.getRow(indices[i]).addi(g2.getRow(i));
            return new INDArray[] {z.reshape('c', xs)};
        }, this);
    }

    // ------------------------------------------------------------------ convolution

    /**
     * 2-D convolution in TensorFlow's layout: images {@code [N, H, W, C_in]}, filters
     * {@code [kh, kw, C_in, C_out]} -> {@code [N, H_out, W_out, C_out]}, with
     * {@code H_out = ceil(H / stride)} for SAME and {@code floor((H - kh) / stride) + 1} for VALID.
     * Gradients come from ND4J's conv2d_bp.
     */
    public Tensor conv2d(Tensor filters, int stride, Padding padding) {
        return Conv.conv2d(this, filters, stride, padding);
    }

    /**
     * The transpose (adjoint) of {@link #conv2d}, as TensorFlow's conv2d_transpose: maps
     * {@code [N, H, W, C_out]} back to {@code outputShape = [N, H_in, W_in, C_in]} using the SAME filter
     * tensor {@code [kh, kw, C_in, C_out]} as the forward convolution it inverts (tied weights).
     */
    public Tensor conv2dTranspose(Tensor filters, int[] outputShape, int stride, Padding padding) {
        return Conv.conv2dTranspose(this, filters, outputShape, stride, padding);
    }

    // ------------------------------------------------------------------ noise

    /**
     * Dropout with drop probability {@code p} (as PyTorch's {@code nn.Dropout(p)}): when {@code training}, each
     * element is set to 0 with probability {@code p} and the others are scaled by {@code 1 / (1 - p)}, so the
     * expected value is unchanged; otherwise returns this unchanged. {@code [...] -> [...]}.
     * Derivative: the same mask and scale applied to the upstream gradient.
     */
    public Tensor dropout(double p, boolean training) {
        if (!(p >= 0 && p < 1)) {
            throw Errors.arg("dropout", "p is the probability of dropping a value and must be in [0, 1), got " + p,
                    "use 0.5 to drop half the values; TensorFlow 1's keep_prob k is p = 1 - k");
        }
        if (!training || p == 0) return this;
        double keep = 1 - p;
        INDArray m = bernoulli(keep).divi(keep);
        return make("dropout", nd().mul(m), g -> new INDArray[] {g.mul(m)}, this);
    }

    /** Masking noise (denoising autoencoders): sets each element to 0 with probability {@code dropProb}. */
    public Tensor maskingNoise(double dropProb) {
        if (dropProb < 0 || dropProb >= 1) throw Errors.arg("maskingNoise", "dropProb must be in [0, 1), got " + dropProb, null);
        INDArray m = bernoulli(1 - dropProb);
        return make("maskingNoise", nd().mul(m), g -> new INDArray[] {g.mul(m)}, this);
    }

    /** A mask of this tensor's shape: 1 with probability p, else 0 (ND4J's native generator seeded by {@link Rng}). */
    private INDArray bernoulli(double p) {
        INDArray m = Nd4j.createUninitialized(nd().dataType(), nd().shape());
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution(m, p), Rng.nativeGenerator());
        return m;
    }

    // ------------------------------------------------------------------ no-gradient helpers

    /** Index of the largest value along {@code axis} (values are indices; never requires grad). */
    public Tensor argmax(int axis) {
        int a = Errors.axis("argmax", axis, rank());
        return new Tensor(Nd4j.argMax(nd(), a).castTo(DataType.FLOAT), "argmax", null, null);
    }

    /** 1 where equal, 0 elsewhere (broadcasting; never requires grad). */
    public Tensor equal(Tensor o) {
        INDArray d = bin(Bin.SUB, "equal", nd(), o.nd());
        return new Tensor(d.eq(0).castTo(nd().dataType()), "equal", null, null);
    }

    /** 1 where greater than {@code v}, 0 elsewhere. */
    public Tensor gt(double v) {
        return new Tensor(nd().gt(v).castTo(nd().dataType()), "gt", null, null);
    }

    /** 1 where less than {@code v}, 0 elsewhere. */
    public Tensor lt(double v) {
        return new Tensor(nd().lt(v).castTo(nd().dataType()), "lt", null, null);
    }

    /** This tensor in another element type (the gradient is cast back). */
    public Tensor cast(DType t) {
        if (t == dtype()) return this;
        DataType from = nd().dataType();
        return make("cast", nd().castTo(t.nd4j), g -> new INDArray[] {g.castTo(from)}, this);
    }

    /** This tensor as float64. */
    public Tensor toDouble() {
        return cast(DType.FLOAT64);
    }

    /** This tensor as float32. */
    public Tensor toFloat() {
        return cast(DType.FLOAT32);
    }

    /** The same values, cut off from the graph: no gradient flows through it. */
    public Tensor detach() {
        if (host != null) return new Tensor(host, shp, "detach", null, null);
        return new Tensor(data, "detach", null, null);
    }

    // ------------------------------------------------------------------ to Java

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) throw Errors.state("item", "tensor of shape " + Errors.shape(shape()) + " holds " + numel() + " values, not 1", "reduce it (sum, mean) or index it with get(...)");
        return host != null ? host[0] : data.getDouble(0);
    }

    /** The value at {@code idx}. */
    public double get(int... idx) {
        if (idx.length != rank()) throw Errors.arg("get", "got " + idx.length + " indices for shape " + Errors.shape(shape()), null);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= size(i)) throw Errors.arg("get", "index " + idx[i] + " is outside 0.." + (size(i) - 1) + " in dimension " + i + " of " + Errors.shape(shape()), null);
        }
        if (host != null) {
            long off = 0;
            for (int i = 0; i < idx.length; i++) off = off * shp[i] + idx[i];
            return host[(int) off];
        }
        return idx.length == 0 ? data.getDouble(0) : data.getDouble(longs(idx));
    }

    /** All values, row-major, as floats (a copy). */
    public float[] toFloatArray() {
        if (host != null) return host.clone();
        return data.dup('c').data().asFloat();
    }

    /** All values, row-major, as doubles (a copy). */
    public double[] toDoubleArray() {
        if (host != null) {
            double[] d = new double[host.length];
            for (int i = 0; i < d.length; i++) d[i] = host[i];
            return d;
        }
        return data.dup('c').data().asDouble();
    }

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

    // ------------------------------------------------------------------ autodiff

    /** Computes the gradient of this scalar with respect to every tensor that requires it; releases the graph. */
    public void backward() {
        Engine.backward(this, false);
    }

    /** As {@link #backward()}; with {@code retainGraph} the graph can be walked again. */
    public void backward(boolean retainGraph) {
        Engine.backward(this, retainGraph);
    }

    // ------------------------------------------------------------------ printing

    String describe() {
        return "Tensor" + Errors.shape(shape()) + " " + dtype();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(describe());
        if (name != null) b.append(" '").append(name).append('\'');
        else if (parents != null) b.append(" (").append(op).append(')');
        if (requiresGrad && parents == null) b.append(" requiresGrad");
        b.append(rank() >= 2 ? "\n" : " ");
        double[] v = numel() <= 1_000_000 ? toDoubleArray() : null;
        if (v == null) return b.append("[... ").append(numel()).append(" values ...]").toString();
        format(b, v, shape(), 0, 0, 0, numel() > PRINT_THRESHOLD);
        return b.toString();
    }

    /** Tensors with more elements than this print with "..." (numpy's threshold). */
    public static final int PRINT_THRESHOLD = 1000;
    /** How many entries a summarised axis shows at each end. */
    public static final int PRINT_EDGE_ITEMS = 3;

    private static int format(StringBuilder b, double[] v, int[] s, int dim, int offset, int indent, boolean summarise) {
        if (s.length == 0) {
            b.append(num(v[0]));
            return 1;
        }
        int n = s[dim];
        int stride = 1;
        for (int i = dim + 1; i < s.length; i++) stride *= s[i];
        b.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * PRINT_EDGE_ITEMS && i == PRINT_EDGE_ITEMS) {
                b.append(dim == s.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + 1));
                i = n - PRINT_EDGE_ITEMS;
            }
            if (dim == s.length - 1) b.append(num(v[offset + i]));
            else format(b, v, s, dim + 1, offset + i * stride, indent + 1, summarise);
            if (i < n - 1) b.append(dim == s.length - 1 ? ", " : ",\n" + "\n".repeat(s.length - 2 - dim) + " ".repeat(indent + 1));
        }
        b.append(']');
        return n;
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e7) return String.format(Locale.ROOT, "%.1f", x);
        double ax = Math.abs(x);
        if (ax != 0 && (ax < 1e-4 || ax >= 1e7)) {
            String e = String.format(Locale.ROOT, "%.4e", x);   // 1.2500e-05 -> 1.25e-05
            int at = e.indexOf('e'), end = at;
            while (e.charAt(end - 1) == '0' && e.charAt(end - 2) != '.') end--;
            return e.substring(0, end) + e.substring(at);
        }
        String f = String.format(Locale.ROOT, "%.4f", x);
        int end = f.length();
        while (f.charAt(end - 1) == '0' && f.charAt(end - 2) != '.') end--;
        return f.substring(0, end);
    }

    // ------------------------------------------------------------------ small helpers

    static long[] longs(int[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) throw Errors.arg("shape", "negative size " + s[i] + " in " + Arrays.toString(s), null);
            r[i] = s[i];
        }
        return r;
    }

    static int[] toInts(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = Math.toIntExact(s[i]);
        return r;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    static long count(int[] s) {
        long n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
