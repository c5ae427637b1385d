package cadl.nn;

import cadl.tensor.Tensor;
import java.util.Locale;

/**
 * How a parameter starts: {@link #normal(double)}, {@link #xavier()} (Glorot &amp; Bengio 2010, uniform),
 * {@link #constant(double)} or {@link #zeros()}. Draws come from the course's seeded {@code Rng}, so
 * {@code Rng.seed(...)} makes a model's start reproducible.
 *
 * <p>Fans: for a matrix [n_in, n_out] fanIn = n_in, fanOut = n_out; for filters [kh, kw, in, out]
 * fanIn = kh kw in, fanOut = kh kw out.
 */
public abstract class Init {
    /** The weights' default in every layer: Xavier/Glorot uniform, as the S2 lesson's {@code linear}. */
    public static final Init DEFAULT_WEIGHTS = xavier();
    /** The biases' default in every layer: 0. */
    public static final Init DEFAULT_BIAS = constant(0.0);

    Init() {
    }

    /** A new float32 tensor of {@code shape}, not yet a parameter. */
    public abstract Tensor create(int... shape);

    /** Draws from N(0, stddev^2). */
    public static Init normal(double stddev) {
        if (!(stddev > 0)) throw new IllegalArgumentException("Init.normal: stddev must be > 0, got " + stddev);
        return new Init() {
            @Override
            public Tensor create(int... shape) {
                return Tensor.normal(0, stddev, shape);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "normal(%s)", stddev);
            }
        };
    }

    /** Xavier/Glorot uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
    public static Init xavier() {
        return new Init() {
            @Override
            public Tensor create(int... shape) {
                int[] f = fans(shape);
                double a = Math.sqrt(6.0 / (f[0] + f[1]));
                return Tensor.uniform(-a, a, shape);
            }

            @Override
            public String toString() {
                return "xavier";
            }
        };
    }

    /** {@code value} everywhere. */
    public static Init constant(double value) {
        return new Init() {
            @Override
            public Tensor create(int... shape) {
                return Tensor.full(value, shape);
            }

            @Override
            public String toString() {
                return "constant(" + value + ")";
            }
        };
    }

    /** 0 everywhere. */
    public static Init zeros() {
        return constant(0.0);
    }

    /** {fanIn, fanOut} of a weight shape: [n] -&gt; n, n; [in, out]; [kh, kw, in, out] -&gt; kh kw in, kh kw out. */
    static int[] fans(int[] shape) {
        if (shape.length == 1) return new int[] {shape[0], shape[0]};
        if (shape.length == 2) return new int[] {shape[0], shape[1]};
        int receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) receptive *= shape[i];
        return new int[] {receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]};
    }
}
