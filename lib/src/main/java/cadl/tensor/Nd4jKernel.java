package cadl.tensor;


import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The float64 kernel, and the random masks of both dtypes: ND4J's native ops on copies of the Java arrays
 * (float64 is the dtype of gradient checks, where an independent implementation matters more than the 12-110 us
 * an ND4J call costs), OpenBLAS's dgemm on the arrays themselves, and ND4J's oneDNN convolutions in TensorFlow's
 * layout (NHWC images, [kh, kw, C_in, C_out] filters), the reference the float32 convolutions are tested against.
 */
class Nd4jKernel extends Kernel {
    private static final int NHWC = 1;
    private static final int YXIO = 0;   // filters [kh, kw, in, out]

    /** A new ND4J array of {@code shape} holding a copy of the values (float[] as FLOAT, double[] as DOUBLE). */
    static INDArray nd(Object x, long[] shape) {
        INDArray a = Nd4j.createUninitialized(Kernel.dtype(x).nd4j, shape, 'c');
        if (Kernel.length(x) == 0) return a;
        java.nio.ByteBuffer b = a.data().asNio().order(ByteOrder.nativeOrder());
        if (x instanceof float[]) b.asFloatBuffer().put((float[]) x);     // one bulk copy (Nd4j.create copies one by one)
        else b.asDoubleBuffer().put((double[]) x);
        return a;
    }

    private static INDArray nd(Object x) {
        return nd(x, new long[] {Kernel.length(x)});
    }

    /** The values of an ND4J array as a new Java array of the dtype of {@code like} (one bulk copy when contiguous). */
    static Object java(INDArray a, Object like) {
        DataType want = like instanceof float[] ? DataType.FLOAT : DataType.DOUBLE;
        if (a.dataType() != want) a = a.castTo(want);
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) a = a.dup('c');
        int n = Math.toIntExact(a.length());
        if (want == DataType.FLOAT) {
            float[] out = new float[n];
            if (n > 0) a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
            return out;
        }
        double[] out = new double[n];
        if (n > 0) a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer().get(out);
        return out;
    }

    @Override
    Object full(int n, double v) {
        double[] d = new double[n];
        Arrays.fill(d, v);
        return d;
    }

    @Override
    Object binary(Arith op, Object a, long[] as, Object b, long[] bs, long[] out) {
        INDArray x = nd(broadcastTo(a, as, out)), y = nd(broadcastTo(b, bs, out));
        switch (op) {
            case ADD: return java(x.addi(y), a);
            case SUB: return java(x.subi(y), a);
            case MUL: return java(x.muli(y), a);
            case DIV: return java(x.divi(y), a);
            default: return java(x.eq(y), a);
        }
    }

    @Override
    Object affine(Object x, double s, double t) {
        return java(nd(x).muli(s).addi(t), x);
    }

    @Override
    Object map(Fn f, Object xo) {
        INDArray x = nd(xo);
        switch (f) {
            case EXP: return java(Transforms.exp(x, false), xo);
            case LOG: return java(Transforms.log(x, false), xo);
            case SQRT: return java(Transforms.sqrt(x, false), xo);
            case ABS: return java(Transforms.abs(x, false), xo);
            case SIGN: return java(Transforms.sign(x, false), xo);
            case SIN: return java(Transforms.sin(x, false), xo);
            case COS: return java(Transforms.cos(x, false), xo);
            case TANH: return java(Transforms.tanh(x, false), xo);
            default: return java(Transforms.sigmoid(x, false), xo);
        }
    }

    @Override
    Object pow(Object x, double p) {
        return java(Transforms.pow(nd(x), p, false), x);
    }

    // Comparisons and index moves are Java (ND4J's max/min and comparisons do not keep NaN as PyTorch does).

    @Override
    Object clamp(Object xo, double lo, double hi) {
        double[] x = (double[]) xo;
        return Arrays.stream(x).map(v -> Math.min(Math.max(v, lo), hi)).toArray();
    }

    @Override
    Object select(Object xo, double c, double above, double otherwise) {
        return Arrays.stream((double[]) xo).map(v -> v > c ? above : otherwise).toArray();
    }

    /** The float32 kernel's branch-free mask in doubles (so both dtypes agree on NaN: a NaN x gives NaN). */
    @Override
    Object gate(Object go, Object xo, double c, double below) {
        double[] g = (double[]) go, x = (double[]) xo, y = new double[g.length];
        double big = 0x1p1023;
        for (int i = 0; i < y.length; i++) {
            double m = Math.min(1, Math.max(0, (x[i] - c) * big * big));
            y[i] = g[i] * (m + (1 - m) * below);
        }
        return y;
    }

    @Override
    Object inside(Object xo, double lo, double hi) {
        return Arrays.stream((double[]) xo).map(v -> v >= lo && v <= hi ? 1 : 0).toArray();
    }

    @Override
    Object gather(Object xo, int[] map) {
        double[] x = (double[]) xo;
        return Arrays.stream(map).mapToDouble(i -> x[i]).toArray();
    }

    @Override
    Object scatterAdd(Object xo, int[] map, int n) {
        double[] x = (double[]) xo, y = new double[n];
        for (int i = 0; i < map.length; i++) y[map[i]] += x[i];
        return y;
    }

    @Override
    Object scatterMax(Object xo, int[] map, int n) {
        double[] x = (double[]) xo, y = new double[n];
        Arrays.fill(y, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < map.length; i++) y[map[i]] = Math.max(y[map[i]], x[i]);   // Math.max keeps NaN
        return y;
    }

    // ---------------------------------------------------------------- convolutions (float64; float32 overrides them)

    private static int[] convArgs(long[] ws, int stride, Padding p) {
        return new int[] {(int) ws[0], (int) ws[1], stride, stride, 0, 0, 1, 1, p == Padding.SAME ? 1 : 0, NHWC, YXIO};
    }

    private static INDArray conv(INDArray x, INDArray w, int stride, Padding p) {
        long[] xs = x.shape(), ws = w.shape();
        long ho = p.outputSize((int) xs[1], (int) ws[0], stride), wo = p.outputSize((int) xs[2], (int) ws[1], stride);
        INDArray out = Nd4j.createUninitialized(x.dataType(), xs[0], ho, wo, ws[3]);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out).addIntegerArguments(convArgs(ws, stride, p)).build());
        return out;
    }

    private static INDArray[] convBackward(INDArray x, INDArray w, INDArray g, int stride, Padding p) {
        INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray gw = Nd4j.createUninitialized(w.dataType(), w.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, g).addOutputs(gx, gw)
                .addIntegerArguments(convArgs(w.shape(), stride, p)).build());
        return new INDArray[] {gx, gw};
    }

    @Override
    Object conv2d(Object x, long[] xs, Object w, long[] ws, int stride, Padding p) {
        return java(conv(nd(x, xs), nd(w, ws), stride, p), x);
    }

    /**
     * The filter gradient from ND4J's conv2d_bp, which also computes an input gradient (thrown away here, so the
     * filter values it needs for that do not matter: zeros).
     */
    @Override
    Object conv2dFilterGrad(Object x, long[] xs, Object g, long[] gs, long[] ws, int stride, Padding p) {
        INDArray xa = nd(x, xs);
        return java(convBackward(xa, Nd4j.zeros(xa.dataType(), ws), nd(g, gs), stride, p)[1], x);
    }

    /**
     * ND4J's deconv2d_tf (TensorFlow's Conv2DBackpropInput): measured 2.7x faster than conv2d_bp on a zero input,
     * which also computes a filter gradient that is thrown away. It only accepts the image sizes
     * {@code H_out * stride} (SAME) or {@code (H_out - 1) * stride + kh} (VALID); other sizes a forward convolution
     * also maps onto (e.g. Session 3's 7 -> 4 -> 7) go through conv2d_bp.
     */
    @Override
    Object conv2dInputGrad(Object go, long[] gs, Object wo, long[] ws, long[] xs, int stride, Padding p) {
        INDArray g = nd(go, gs), w = nd(wo, ws);
        boolean deconvSize = p == Padding.SAME
                ? xs[1] == gs[1] * stride && xs[2] == gs[2] * stride
                : xs[1] == (gs[1] - 1) * stride + ws[0] && xs[2] == (gs[2] - 1) * stride + ws[1];
        if (!deconvSize) return java(convBackward(Nd4j.zeros(g.dataType(), xs), w, g, stride, p)[0], go);
        INDArray r = Nd4j.createUninitialized(g.dataType(), xs);
        Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf").addInputs(Nd4j.createFromArray(Shapes.ints(xs)), w, g).addOutputs(r)
                .addIntegerArguments((int) ws[0], (int) ws[1], stride, stride, 0, 0, 1, 1, p == Padding.SAME ? 1 : 0, NHWC).build());
        return java(r, go);
    }

    @Override
    final Object bernoulli(int n, double keep, boolean scaled) {
        Object like = this instanceof HeapKernel ? new float[0] : new double[0];
        INDArray m = Nd4j.createUninitialized(Kernel.dtype(like).nd4j, n);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(m, keep), Rng.nativeGenerator());
        return java(scaled ? m.divi(keep) : m, like);
    }
}
