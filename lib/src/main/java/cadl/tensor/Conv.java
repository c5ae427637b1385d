package cadl.tensor;

import java.util.Arrays;

/**
 * The rules of the convolutions, in TensorFlow's layout: images NHWC, filters [kh, kw, C_in, C_out]. The
 * transposed convolution is the adjoint of the forward one, so each one's backward is the other's forward,
 * and both share one filter tensor (the tied decoder of Session 3). The kernel computes three things: the
 * convolution, its gradient for the images (= the transposed convolution) and its gradient for the filters; a
 * rule asks only for the gradients someone needs (a network's input images need none).
 */
final class Conv {
    private Conv() {
    }

    private static void check(String op, Tensor x, Tensor f, int stride, Padding p) {
        if (x == null || f == null) throw Errors.arg(op, (x == null ? "the images are" : "the filters are") + " null", null);
        if (p == null) throw Errors.arg(op, "padding is null", "pass Padding.SAME or Padding.VALID");
        if (stride < 1) throw Errors.arg(op, "stride must be >= 1, got " + stride, null);
        if (x.rank() != 4) {
            throw Errors.arg(op, "expected images [N, H, W, C] but got shape " + Errors.shape(x.shape), "reshape, e.g. x.reshape(-1, 28, 28, 1)");
        }
        if (f.rank() != 4) throw Errors.arg(op, "expected filters [kh, kw, C_in, C_out] but got shape " + Errors.shape(f.shape), null);
        if (x.dtype() != f.dtype()) throw Errors.arg(op, "images are " + x.dtype() + " but filters are " + f.dtype(), "convert one with toDouble() or toFloat()");
    }

    /** conv2d(x, w): d/dx = conv2dTranspose(g, w) back to x's shape, d/dw = the filter gradient of x against g. */
    static Tensor conv2d(Tensor x, Tensor f, int stride, Padding p) {
        check("conv2d", x, f, stride, p);
        if (x.shape[3] != f.shape[2]) {
            throw Errors.arg("conv2d", "images " + Errors.shape(x.shape) + " have " + x.shape[3] + " channels but filters "
                    + Errors.shape(f.shape) + " expect " + f.shape[2], "filters are [kh, kw, C_in, C_out]");
        }
        if (p == Padding.VALID && (x.shape[1] < f.shape[0] || x.shape[2] < f.shape[1])) {
            throw Errors.arg("conv2d", "filters " + Errors.shape(f.shape) + " are larger than images " + Errors.shape(x.shape) + " with VALID padding", "use Padding.SAME");
        }
        long[] out = {x.shape[0], p.outputSize((int) x.shape[1], (int) f.shape[0], stride), p.outputSize((int) x.shape[2], (int) f.shape[1], stride), f.shape[3]};
        Shapes.allocatable("conv2d", out, x.dtype());
        Kernel k = x.k();
        return Tensor.record("conv2d", k.conv2d(x.data, x.shape, f.data, f.shape, stride, p), out, g -> new Object[] {
            x.requiresGrad() ? k.conv2dInputGrad(g, out, f.data, f.shape, x.shape, stride, p) : null,
            f.requiresGrad() ? k.conv2dFilterGrad(x.data, x.shape, g, out, f.shape, stride, p) : null}, x, f);
    }

    /** The adjoint of conv2d: d/dy = conv2d(g, w), d/dw = the filter gradient of conv2d(g, w) against y. */
    static Tensor conv2dTranspose(Tensor y, Tensor f, int[] outputShape, int stride, Padding p) {
        check("conv2dTranspose", y, f, stride, p);
        if (outputShape == null || outputShape.length != 4) {
            throw Errors.arg("conv2dTranspose", "outputShape must be [N, H, W, C], got " + Arrays.toString(outputShape), null);
        }
        long[] os = Shapes.longs("conv2dTranspose", outputShape);
        int h = p.outputSize(outputShape[1], (int) f.shape[0], stride), w = p.outputSize(outputShape[2], (int) f.shape[1], stride);
        if (os[0] != y.shape[0] || os[3] != f.shape[2] || y.shape[3] != f.shape[3] || h != y.shape[1] || w != y.shape[2]) {
            throw Errors.arg("conv2dTranspose", "a " + p + " convolution with filters " + Errors.shape(f.shape) + " and stride " + stride
                    + " maps " + Arrays.toString(outputShape) + " to [" + os[0] + ", " + h + ", " + w + ", " + f.shape[3]
                    + "], not to the input " + Errors.shape(y.shape), "give the shape that the forward convolution took as input");
        }
        Shapes.allocatable("conv2dTranspose", os, y.dtype());
        Kernel k = y.k();
        return Tensor.record("conv2dTranspose", k.conv2dInputGrad(y.data, y.shape, f.data, f.shape, os, stride, p), os, g -> new Object[] {
            y.requiresGrad() ? k.conv2d(g, os, f.data, f.shape, stride, p) : null,
            f.requiresGrad() ? k.conv2dFilterGrad(g, os, y.data, y.shape, f.shape, stride, p) : null}, y, f);
    }
}
