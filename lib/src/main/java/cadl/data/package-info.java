/**
 * The data the lessons learn from: MNIST and Fashion-MNIST read from IDX files, the toy sets
 * (noisy sine wave, synthetic housing, two interleaved spirals), the astronaut photograph the
 * painting network copies, and the data-shaped helpers around them.
 *
 * <ul>
 *   <li>{@link cadl.data.Idx} reads IDX files (plain or gzip, sniffed by magic bytes) and
 *       rejects corrupt, truncated or mismatched files with a message naming the file.</li>
 *   <li>{@link cadl.data.Mnist} loads MNIST digits (downloaded from mirrors, checked by SHA-256,
 *       cached) or, offline, Fashion-MNIST from the Debian package {@code dataset-fashion-mnist},
 *       as a {@link cadl.data.Dataset}: images {@code [N, 784]} in 0..1 and int labels.</li>
 *   <li>{@link cadl.data.Dataset} pairs inputs with labels and knows MNIST's train/test partition;
 *       {@link cadl.data.Splits} shuffles one into train / valid / test by fractions;
 *       {@link cadl.data.Labels#oneHot(int[], int)} turns class numbers into one-hot rows.</li>
 *   <li>{@link cadl.data.ToyData} makes the small synthetic sets, seeded through
 *       {@link cadl.tensor.Rng}; {@link cadl.data.Astronaut} is the bundled image.</li>
 * </ul>
 *
 * <p>Minibatches live in {@code cadl.train}; this package only holds and splits data.
 */
package cadl.data;
