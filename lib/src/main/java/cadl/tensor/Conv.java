package cadl.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution primitives on ND4J's native conv2d / conv2d_bp ops, in TensorFlow's layout: images NHWC,
 * filters [kh, kw, C_in, C_out]. The transposed convolution is the adjoint of the forward one, so each
 * op's backward is the other's forward, and both share one filter tensor (the tied decoder of S3).
 */
final class Conv {
    private static final int NHWC = 1;
    private static final int YXIO = 0; // weights [kh, kw, in, out]

    private Conv() {
    }

    private static int[] args(long kh, long kw, int stride, Padding p) {
        return new int[] {(int) kh, (int) kw, stride, stride, 0, 0, 1, 1, p == Padding.SAME ? 1 : 0, NHWC, YXIO};
    }

    static void checkStride(String op, int stride) {
        if (stride < 1) throw Errors.arg(op, "stride must be >= 1, got " + stride, null);
    }

    static INDArray forward(INDArray x, INDArray w, int stride, Padding p) {
        long[] xs = x.shape(), ws = w.shape();
        long ho = p.outputSize((int) xs[1], (int) ws[0], stride), wo = p.outputSize((int) xs[2], (int) ws[1], stride);
        INDArray out = Nd4j.createUninitialized(x.dataType(), xs[0], ho, wo, ws[3]);
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w).addOutputs(out)
                .addIntegerArguments(args(ws[0], ws[1], stride, p)).build());
        return out;
    }

    /** Gradients of conv2d(x, w) for upstream {@code g}: {input, weights}. */
    static INDArray[] backward(INDArray x, INDArray w, INDArray g, int stride, Padding p) {
        INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
        INDArray gw = Nd4j.createUninitialized(w.dataType(), w.shape());
        long[] ws = w.shape();
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, g).addOutputs(gx, gw)
                .addIntegerArguments(args(ws[0], ws[1], stride, p)).build());
        return new INDArray[] {gx, gw};
    }

    /**
     * The transposed convolution as ND4J's deconv2d_tf (TensorFlow's Conv2DBackpropInput): the
     * gradient of conv2d with respect to an input of shape {@code outShape}, for upstream {@code y}.
     * Measured 2.7x faster than calling conv2d_bp on a zero input, which also computes a weight
     * gradient that is thrown away. ND4J's deconv2d_tf only accepts the output size
     * {@code H * stride} (SAME) or {@code (H - 1) * stride + kh} (VALID); for the other sizes a
     * forward convolution also maps onto (e.g. S3's 7 -> 4 -> 7) it falls back to conv2d_bp.
     */
    static INDArray transpose(INDArray y, INDArray w, long[] outShape, int stride, Padding p) {
        long[] ys = y.shape(), ws0 = w.shape();
        boolean deconvSize = p == Padding.SAME
                ? outShape[1] == ys[1] * stride && outShape[2] == ys[2] * stride
                : outShape[1] == (ys[1] - 1) * stride + ws0[0] && outShape[2] == (ys[2] - 1) * stride + ws0[1];
        if (!deconvSize) {
            return backward(Nd4j.zeros(y.dataType(), outShape), w, y, stride, p)[0];
        }
        INDArray out = Nd4j.createUninitialized(y.dataType(), outShape);
        INDArray shape = Nd4j.createFromArray(Tensor.toInts(outShape));
        long[] ws = w.shape();
        Nd4j.exec(DynamicCustomOp.builder("deconv2d_tf").addInputs(shape, w, y).addOutputs(out)
                .addIntegerArguments((int) ws[0], (int) ws[1], stride, stride, 0, 0, 1, 1, p == Padding.SAME ? 1 : 0, NHWC).build());
        return out;
    }

    private static void check(String op, Tensor x, Tensor f, int stride) {
        checkStride(op, stride);
        if (x.rank() != 4) {
            throw Errors.arg(op, "expected images [N, H, W, C] but got shape " + Errors.shape(x.shape()), "reshape, e.g. x.reshape(-1, 28, 28, 1)");
        }
        if (f.rank() != 4) {
            throw Errors.arg(op, "expected filters [kh, kw, C_in, C_out] but got shape " + Errors.shape(f.shape()), null);
        }
        if (x.dtype() != f.dtype()) {
            throw Errors.arg(op, "images are " + x.dtype() + " but filters are " + f.dtype(), "cast one of them");
        }
    }

    static Tensor conv2d(Tensor x, Tensor f, int stride, Padding p) {
        check("conv2d", x, f, stride);
        if (x.size(3) != f.size(2)) {
            throw Errors.arg("conv2d", "images " + Errors.shape(x.shape()) + " have " + x.size(3) + " channels but filters "
                    + Errors.shape(f.shape()) + " expect " + f.size(2), "filters are [kh, kw, C_in, C_out]");
        }
        if (p == Padding.VALID && (x.size(1) < f.size(0) || x.size(2) < f.size(1))) {
            throw Errors.arg("conv2d", "filters " + Errors.shape(f.shape()) + " are larger than images " + Errors.shape(x.shape()) + " with VALID padding", "use Padding.SAME");
        }
        INDArray xa = x.nd(), fa = f.nd();
        return Tensor.make("conv2d", forward(xa, fa, stride, p), g -> backward(xa, fa, g, stride, p), x, f);
    }

    static Tensor conv2dTranspose(Tensor y, Tensor f, int[] outputShape, int stride, Padding p) {
        check("conv2dTranspose", y, f, stride);
        if (outputShape == null || outputShape.length != 4) {
            throw Errors.arg("conv2dTranspose", "outputShape must be [N, H, W, C], got " + Arrays.toString(outputShape), null);
        }
        long[] os = Tensor.longs(outputShape);
        if (os[0] != y.size(0) || os[3] != f.size(2) || y.size(3) != f.size(3)
                || p.outputSize(outputShape[1], f.size(0), stride) != y.size(1)
                || p.outputSize(outputShape[2], f.size(1), stride) != y.size(2)) {
            throw Errors.arg("conv2dTranspose", "a " + p + " convolution with filters " + Errors.shape(f.shape()) + " and stride " + stride
                    + " maps " + Arrays.toString(outputShape) + " to [" + os[0] + ", " + p.outputSize(outputShape[1], f.size(0), stride) + ", "
                    + p.outputSize(outputShape[2], f.size(1), stride) + ", " + f.size(3) + "], not to the input " + Errors.shape(y.shape()),
                    "give the shape that the forward convolution took as input");
        }
        INDArray ya = y.nd(), fa = f.nd();
        INDArray out = transpose(ya, fa, os, stride, p);
        return Tensor.make("conv2dTranspose", out, g -> new INDArray[] {
            forward(g, fa, stride, p),
            backward(g, fa, ya, stride, p)[1]}, y, f);
    }
}
