package cadl.tensor;

import cadl.tensor.Kernel.Arith;
import cadl.tensor.Kernel.Fn;

/**
 * The rules of the elementwise primitives: each method computes the forward values through the kernel and
 * records, beside it, the backward rule (upstream gradient {@code g}, input {@code x}, output {@code y}). The
 * same code runs for float32 and float64; only the kernel under it differs. Gradients of broadcast inputs are
 * returned in the output's shape: the engine sums them down ({@code Engine.unbroadcast}).
 */
final class Elementwise {
    private Elementwise() {
    }

    /**
     * Refuses mixing float32 and float64: there is no silent promotion (PyTorch would promote to float64 and
     * keep the gradient float32; here the learner chooses with toDouble() or toFloat()).
     */
    static void checkDtypes(String op, Tensor a, Tensor b) {
        if (a == null || b == null) throw Errors.arg(op, "an operand is null", null);
        if (a.dtype() != b.dtype()) {
            throw Errors.arg(op, "operands are " + a.dtype() + " " + Errors.shape(a.shape) + " and " + b.dtype() + " "
                    + Errors.shape(b.shape) + "; tensors of different dtypes do not mix", "convert one with toDouble() or toFloat()");
        }
    }

    /** {@code a op b} with broadcasting, and the given backward rule. */
    private static Tensor binary(String op, Arith f, Tensor a, Tensor b, Engine.Backward rule) {
        return binary(op, f, a, b, out(op, a, b), rule);
    }

    /** The broadcast shape of {@code a op b}, after checking that the dtypes agree. */
    private static long[] out(String op, Tensor a, Tensor b) {
        checkDtypes(op, a, b);
        return Shapes.broadcast(op, a.shape, b.shape);
    }

    /** {@code a op b} into the already broadcast shape {@code out} (for rules that need {@code out} themselves). */
    private static Tensor binary(String op, Arith f, Tensor a, Tensor b, long[] out, Engine.Backward rule) {
        return Tensor.record(op, a.k().binary(f, a.data, a.shape, b.data, b.shape, out), out, rule, a, b);
    }

    /** a + b: d/da = g, d/db = g. */
    static Tensor add(Tensor a, Tensor b) {
        return binary("add", Arith.ADD, a, b, g -> new Object[] {g, g});
    }

    /** a - b: d/da = g, d/db = -g. */
    static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", Arith.SUB, a, b, g -> new Object[] {g, b.requiresGrad() ? Kernel.of(g).affine(g, -1, 0) : null});
    }

    /** a * b: d/da = g b, d/db = g a. */
    static Tensor mul(Tensor a, Tensor b) {
        long[] out = out("mul", a, b);
        return binary("mul", Arith.MUL, a, b, out, g -> new Object[] {
            a.requiresGrad() ? a.k().binary(Arith.MUL, g, out, b.data, b.shape, out) : null,
            b.requiresGrad() ? a.k().binary(Arith.MUL, g, out, a.data, a.shape, out) : null});
    }

    /** a / b: d/da = g / b, d/db = -g a / b^2 = -(g / b) y. */
    static Tensor div(Tensor a, Tensor b) {
        long[] out = out("div", a, b);
        Object y = a.k().binary(Arith.DIV, a.data, a.shape, b.data, b.shape, out);   // the rule needs y itself
        return Tensor.record("div", y, out, g -> {
            Kernel k = Kernel.of(g);
            Object q = k.binary(Arith.DIV, g, out, b.data, b.shape, out);
            return new Object[] {q, b.requiresGrad() ? k.affine(k.mul(q, y), -1, 0) : null};
        }, a, b);
    }

    /** A unary op: forward values {@code y}, and the rule. */
    private static Tensor unary(String op, Tensor x, Object y, Engine.Backward rule) {
        return Tensor.record(op, y, x.shape, rule, x);
    }

    /** x^p: d/dx = g p x^(p-1). */
    static Tensor pow(Tensor x, double p) {
        Kernel k = x.k();
        return unary("pow", x, k.pow(x.data, p), g -> new Object[] {k.mul(g, k.affine(k.pow(x.data, p - 1), p, 0))});
    }

    /** x^2: d/dx = 2 g x. */
    static Tensor square(Tensor x) {
        Kernel k = x.k();
        return unary("square", x, k.mul(x.data, x.data), g -> new Object[] {k.mul(g, k.affine(x.data, 2, 0))});
    }

    /** e^x: d/dx = g y. */
    static Tensor exp(Tensor x) {
        Kernel k = x.k();
        Object y = k.map(Fn.EXP, x.data);
        return unary("exp", x, y, g -> new Object[] {k.mul(g, y)});
    }

    /** ln x: d/dx = g / x. */
    static Tensor log(Tensor x) {
        Kernel k = x.k();
        return unary("log", x, k.map(Fn.LOG, x.data), g -> new Object[] {k.div(g, x.data)});
    }

    /** sqrt x: d/dx = g / (2 y). */
    static Tensor sqrt(Tensor x) {
        Kernel k = x.k();
        Object y = k.map(Fn.SQRT, x.data);
        return unary("sqrt", x, y, g -> new Object[] {k.div(g, k.affine(y, 2, 0))});
    }

    /** |x|: d/dx = g sign(x), 0 at 0. */
    static Tensor abs(Tensor x) {
        Kernel k = x.k();
        return unary("abs", x, k.map(Fn.ABS, x.data), g -> new Object[] {k.mul(g, k.map(Fn.SIGN, x.data))});
    }

    /** sin x: d/dx = g cos x. */
    static Tensor sin(Tensor x) {
        Kernel k = x.k();
        return unary("sin", x, k.map(Fn.SIN, x.data), g -> new Object[] {k.mul(g, k.map(Fn.COS, x.data))});
    }

    /** cos x: d/dx = -g sin x. */
    static Tensor cos(Tensor x) {
        Kernel k = x.k();
        return unary("cos", x, k.map(Fn.COS, x.data), g -> new Object[] {k.mul(g, k.affine(k.map(Fn.SIN, x.data), -1, 0))});
    }

    /** tanh x: d/dx = g (1 - y^2). */
    static Tensor tanh(Tensor x) {
        Kernel k = x.k();
        Object y = k.map(Fn.TANH, x.data);
        return unary("tanh", x, y, g -> new Object[] {k.mul(g, k.affine(k.mul(y, y), -1, 1))});
    }

    /** 1 / (1 + e^-x): d/dx = g y (1 - y). */
    static Tensor sigmoid(Tensor x) {
        Kernel k = x.k();
        Object y = k.map(Fn.SIGMOID, x.data);
        return unary("sigmoid", x, y, g -> new Object[] {k.mul(g, k.mul(y, k.affine(y, -1, 1)))});
    }

    /** max(x, 0), NaN kept: d/dx = g where x &gt; 0, else 0 (0 at 0). */
    static Tensor relu(Tensor x) {
        Kernel k = x.k();
        return unary("relu", x, k.clamp(x.data, 0, Double.POSITIVE_INFINITY), g -> new Object[] {k.gate(g, x.data, 0, 0)});
    }

    /** x for x &gt; 0, else alpha x (NaN kept): d/dx = g or alpha g. */
    static Tensor leakyRelu(Tensor x, double alpha) {
        Kernel k = x.k();
        return unary("leakyRelu", x, k.gate(x.data, x.data, 0, alpha), g -> new Object[] {k.gate(g, x.data, 0, alpha)});
    }

    /** min(max(x, lo), hi), NaN kept: d/dx = g where lo &lt;= x &lt;= hi, else 0. */
    static Tensor clip(Tensor x, double lo, double hi) {
        if (!(lo <= hi)) throw Errors.arg("clip", "lo " + lo + " is above hi " + hi, null);
        Kernel k = x.k();
        return unary("clip", x, k.clamp(x.data, lo, hi), g -> new Object[] {k.mul(g, k.inside(x.data, lo, hi))});
    }

    /** x in another dtype: d/dx = g cast back. */
    static Tensor cast(Tensor x, DType t) {
        if (t == null) throw Errors.arg("cast", "the dtype is null", "pass DType.FLOAT32 or DType.FLOAT64");
        if (t == x.dtype()) return x;
        DType from = x.dtype();
        return unary("cast", x, Kernel.cast(x.data, t), g -> new Object[] {Kernel.cast(g, from)});
    }

    /** x m for a random 0/1 (or 0/scale) mask m: d/dx = g m. */
    private static Tensor masked(String op, Tensor x, double keep, boolean scaled) {
        Kernel k = x.k();
        Object m = k.bernoulli(Kernel.length(x.data), keep, scaled);
        return unary(op, x, k.mul(x.data, m), g -> new Object[] {k.mul(g, m)});
    }

    static Tensor dropout(Tensor x, double p, boolean training) {
        if (!(p >= 0 && p < 1)) {
            throw Errors.arg("dropout", "p is the probability of dropping a value and must be in [0, 1), got " + p,
                    "use 0.5 to drop half the values; TensorFlow 1's keep_prob k is p = 1 - k");
        }
        if (!training || p == 0) return x;
        return masked("dropout", x, 1 - p, true);
    }

    static Tensor maskingNoise(Tensor x, double dropProb) {
        if (!(dropProb >= 0 && dropProb < 1)) throw Errors.arg("maskingNoise", "dropProb must be in [0, 1), got " + dropProb, null);
        return masked("maskingNoise", x, 1 - dropProb, false);
    }
}
