package cadl.tensor;

import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one source of randomness of the course: initial weights, noise, dropout masks and shuffles all
 * draw from it, so {@code Rng.seed(42)} at the top of a notebook makes every run the same.
 */
public final class Rng {
    /** The seed used until a notebook calls {@link #seed(long)}. */
    public static final long DEFAULT_SEED = 0L;

    private static Random random = new Random(DEFAULT_SEED);

    private Rng() {
    }

    /** Restarts the course's random stream from {@code seed}. */
    public static synchronized void seed(long seed) {
        random = new Random(seed);
    }

    /** The shared generator (seeded by {@link #seed(long)}). */
    public static synchronized Random random() {
        return random;
    }

    /** A random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public static synchronized int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * ND4J's native generator, reseeded from the shared stream: bulk draws (dropout and masking
     * masks) run natively yet still follow {@link #seed(long)}.
     */
    static synchronized org.nd4j.linalg.api.rng.Random nativeGenerator() {
        org.nd4j.linalg.api.rng.Random r = Nd4j.getRandom();
        r.setSeed(random.nextLong());
        return r;
    }

    static synchronized void fillNormal(double[] out, double mean, double std) {
        for (int i = 0; i < out.length; i++) out[i] = mean + std * random.nextGaussian();
    }

    static synchronized void fillUniform(double[] out, double lo, double hi) {
        for (int i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * random.nextDouble();
    }
}
