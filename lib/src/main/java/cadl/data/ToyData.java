package cadl.data;

import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.util.List;
import java.util.Random;

/**
 * The small synthetic data sets the lessons use, drawn from {@link Rng#random()} so that
 * {@code Rng.seed(s)} first makes them reproducible.
 *
 * <ul>
 *   <li>{@link #noisySine(int)}: the S2 regression toy, y = sin(x) + noise.</li>
 *   <li>{@link #housing(int)}: GI's house prices, made from known true weights plus Gaussian
 *       noise, so a fitted model can be compared with the truth.</li>
 *   <li>{@link #twoSpirals(int, double)} and {@link #circles(int, double)}: two classes in the
 *       plane that no straight line separates.</li>
 * </ul>
 */
public final class ToyData {

    private ToyData() {
    }

    /** Inputs and targets of a one-dimensional regression: x {@code [N, 1]}, y {@code [N, 1]}. */
    public static final class Regression {
        private final Tensor x;
        private final Tensor y;
        private final double[] xs;
        private final double[] ys;

        Regression(double[] xs, double[] ys) {
            this.xs = xs;
            this.ys = ys;
            this.x = Tensor.of(xs).reshape(xs.length, 1);
            this.y = Tensor.of(ys).reshape(ys.length, 1);
        }

        /** The inputs {@code [N, 1]}, float32. */
        public Tensor x() {
            return x;
        }

        /** The targets {@code [N, 1]}, float32. */
        public Tensor y() {
            return y;
        }

        /** The inputs as doubles, for plotting (a copy). */
        public double[] xs() {
            return xs.clone();
        }

        /** The targets as doubles, for plotting (a copy). */
        public double[] ys() {
            return ys.clone();
        }

        /** Number of points N. */
        public int n() {
            return xs.length;
        }

        @Override
        public String toString() {
            return "Regression(n=" + xs.length + ", x [" + xs.length + ", 1], y [" + ys.length + ", 1])";
        }
    }

    /** The S2 size of the noisy sine set. */
    public static final int SINE_POINTS = 1000;
    /** The half-width of the uniform noise added to sin(x) in S2. */
    public static final double SINE_NOISE = 0.5;

    /** {@link #noisySine(int)} with the lesson's 1000 points. */
    public static Regression noisySine() {
        return noisySine(SINE_POINTS);
    }

    /**
     * The S2 toy: {@code n} inputs evenly spaced over [-3, 3] (as the original's
     * {@code np.linspace(-3, 3, n)}), targets {@code y = sin(x) + u} with u uniform in [-0.5, 0.5].
     *
     * @param n number of points, at least 2
     */
    public static Regression noisySine(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("ToyData.noisySine: n must be at least 2, got " + n);
        }
        Random r = Rng.random();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -3 + 6.0 * i / (n - 1);
            ys[i] = Math.sin(xs[i]) + (r.nextDouble() * 2 - 1) * SINE_NOISE;
        }
        return new Regression(xs, ys);
    }

    /**
     * Synthetic house prices with a known answer: features {@code [N, 3]} (floor area in square
     * feet, distance to transit in metres, rooms) and prices {@code [N, 1]} =
     * features . {@link #trueWeights()} + {@link #trueIntercept()} + Gaussian noise of standard
     * deviation {@link #noiseStd()}. A linear model fitted well recovers the weights and reaches a
     * root-mean-squared error near the noise level, and no lower.
     */
    public static final class Housing {
        private final double[][] features;
        private final double[] prices;

        Housing(double[][] features, double[] prices) {
            this.features = features;
            this.prices = prices;
        }

        /** The features {@code [N, 3]}: floor area, distance to transit, rooms (float32). */
        public Tensor features() {
            return Tensor.of(features);
        }

        /** The prices {@code [N, 1]} (float32). */
        public Tensor prices() {
            return Tensor.of(prices).reshape(prices.length, 1);
        }

        /** Features as doubles (a copy), row per house. */
        public double[][] featureRows() {
            double[][] copy = new double[features.length][];
            for (int i = 0; i < features.length; i++) {
                copy[i] = features[i].clone();
            }
            return copy;
        }

        /** Prices as doubles (a copy). */
        public double[] priceValues() {
            return prices.clone();
        }

        /** Number of houses N. */
        public int n() {
            return prices.length;
        }

        /** The names of the three feature columns. */
        public List<String> featureNames() {
            return HOUSING_FEATURES;
        }

        /** The weights the prices were made with, one per feature (a copy). */
        public double[] trueWeights() {
            return HOUSING_WEIGHTS.clone();
        }

        /** The intercept the prices were made with. */
        public double trueIntercept() {
            return HOUSING_INTERCEPT;
        }

        /** The standard deviation of the Gaussian noise added to every price. */
        public double noiseStd() {
            return HOUSING_NOISE_STD;
        }

        @Override
        public String toString() {
            return "Housing(n=" + n() + ", features " + HOUSING_FEATURES + ", true weights "
                    + java.util.Arrays.toString(HOUSING_WEIGHTS) + ", intercept " + HOUSING_INTERCEPT
                    + ", noise std " + HOUSING_NOISE_STD + ")";
        }
    }

    /** Housing feature names, in column order. */
    public static final List<String> HOUSING_FEATURES = List.of("floor area (sq ft)", "distance to transit (m)",
            "rooms");
    /** Each feature's range: floor area 800..3000, distance 50..2000 (uniform), rooms 1..6 (uniform integers). */
    private static final double[][] HOUSING_RANGES = {{800, 3000}, {50, 2000}, {1, 6}};
    private static final double[] HOUSING_WEIGHTS = {250, -40, 12000};
    private static final double HOUSING_INTERCEPT = 30000;
    private static final double HOUSING_NOISE_STD = 6000;

    /**
     * {@code n} houses: floor area uniform in [800, 3000] sq ft, distance to transit uniform in
     * [50, 2000] m, rooms a uniform integer 1..6; price = 250 area - 40 distance + 12000 rooms
     * + 30000 + N(0, 6000^2).
     *
     * @param n number of houses, at least 1
     */
    public static Housing housing(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ToyData.housing: n must be at least 1, got " + n);
        }
        Random r = Rng.random();
        double[][] f = new double[n][3];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            f[i][0] = Math.rint(HOUSING_RANGES[0][0] + r.nextDouble() * (HOUSING_RANGES[0][1] - HOUSING_RANGES[0][0]));
            f[i][1] = Math.rint(HOUSING_RANGES[1][0] + r.nextDouble() * (HOUSING_RANGES[1][1] - HOUSING_RANGES[1][0]));
            f[i][2] = HOUSING_RANGES[2][0] + r.nextInt((int) (HOUSING_RANGES[2][1] - HOUSING_RANGES[2][0]) + 1);
            double price = HOUSING_INTERCEPT;
            for (int j = 0; j < 3; j++) {
                price += HOUSING_WEIGHTS[j] * f[i][j];
            }
            p[i] = price + r.nextGaussian() * HOUSING_NOISE_STD;
        }
        return new Housing(f, p);
    }

    /**
     * Two interleaved spirals, {@code perClass} points each, labels 0 and 1: class k's point i
     * has radius {@code t = 0.05 + 0.95 i / (perClass - 1)} and angle {@code 3 pi t + k pi}, plus
     * Gaussian noise of standard deviation {@code noise} on each coordinate. Points lie in about
     * [-1, 1]^2. Examples come class by class (shuffle when training).
     *
     * @return a data set with x {@code [2 perClass, 2]} and two classes
     */
    public static Dataset twoSpirals(int perClass, double noise) {
        checkPoints("twoSpirals", perClass, noise);
        Random r = Rng.random();
        float[] xy = new float[2 * perClass * 2];
        int[] labels = new int[2 * perClass];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < perClass; i++) {
                double t = 0.05 + 0.95 * i / Math.max(1, perClass - 1);
                double a = 3 * Math.PI * t + k * Math.PI;
                int row = k * perClass + i;
                xy[2 * row] = (float) (t * Math.cos(a) + r.nextGaussian() * noise);
                xy[2 * row + 1] = (float) (t * Math.sin(a) + r.nextGaussian() * noise);
                labels[row] = k;
            }
        }
        return new Dataset("two spirals", Tensor.of(xy, 2 * perClass, 2), labels, List.of("spiral 0", "spiral 1"));
    }

    /**
     * Two concentric rings, {@code perClass} points each at uniform angles: class 0 the inner ring
     * of radius 0.5, class 1 the outer ring of radius 1, plus Gaussian noise of standard deviation
     * {@code noise} on each coordinate. A few ReLU units suffice to draw a polygon around the
     * inner ring; no line can.
     *
     * @return a data set with x {@code [2 perClass, 2]} and two classes
     */
    public static Dataset circles(int perClass, double noise) {
        checkPoints("circles", perClass, noise);
        Random r = Rng.random();
        float[] xy = new float[2 * perClass * 2];
        int[] labels = new int[2 * perClass];
        for (int k = 0; k < 2; k++) {
            double radius = k == 0 ? 0.5 : 1.0;
            for (int i = 0; i < perClass; i++) {
                double a = 2 * Math.PI * r.nextDouble();
                int row = k * perClass + i;
                xy[2 * row] = (float) (radius * Math.cos(a) + r.nextGaussian() * noise);
                xy[2 * row + 1] = (float) (radius * Math.sin(a) + r.nextGaussian() * noise);
                labels[row] = k;
            }
        }
        return new Dataset("two circles", Tensor.of(xy, 2 * perClass, 2), labels, List.of("inner", "outer"));
    }

    private static void checkPoints(String op, int perClass, double noise) {
        if (perClass < 1) {
            throw new IllegalArgumentException("ToyData." + op + ": perClass must be at least 1, got " + perClass);
        }
        if (!(noise >= 0)) {
            throw new IllegalArgumentException("ToyData." + op + ": noise must be >= 0, got " + noise);
        }
    }
}
