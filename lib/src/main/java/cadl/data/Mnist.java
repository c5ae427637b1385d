package cadl.data;

import cadl.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MNIST handwritten digits, or Fashion-MNIST clothing where the digits cannot be had, as a
 * {@link Dataset}: all 70000 images {@code [70000, 784]} (float32, pixels scaled to 0..1),
 * labels 0..9, the 60000 training images first and the 10000 test images after them.
 *
 * <pre>
 *   Dataset mnist = Mnist.load();                  // digits, else Fashion-MNIST (says so)
 *   Dataset quick = Mnist.load().limit(7000);      // 6000 train + 1000 test, for quick runs
 *   Tensor x = mnist.train().images();             // [60000, 784]
 *   Splits s = Splits.of(mnist, 0.8, 0.1, 0.1);    // the S3 split of all 70000
 * </pre>
 *
 * <p><b>Where the files come from.</b> {@link #load()} looks for the four MNIST files in the cache
 * directory {@code ~/.cache/cadl-java/mnist}; missing ones are downloaded from a list of mirrors
 * (the PyTorch project's {@code ossci-datasets} S3 bucket, then the Google-hosted CVDF copy
 * TensorFlow uses), each checked against its published SHA-256 and written to a temporary file
 * moved into place only when complete, so a failed download leaves nothing behind. When no
 * mirror answers (no network), it loads Fashion-MNIST from the Debian package
 * {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist}) instead and prints one
 * line saying so. Fashion-MNIST has the same format, sizes and ten classes, so every lesson runs
 * unchanged; only the pictures are clothes. {@link #load(Variant)} asks for one variant with no
 * fallback, {@link #load(Path)} reads the four files from a directory of your choice, and
 * {@link #available()} tells which variant loads without a network.
 *
 * <p>Files may be gzip-compressed or not ({@code train-images-idx3-ubyte.gz} or
 * {@code train-images-idx3-ubyte}); {@link Idx} validates each one, and a mismatch between files
 * (different counts, image sizes other than 28 x 28, labels above 9) is an error naming the files.
 */
public final class Mnist {

    /** The two data sets with MNIST's format: ten classes of 28 x 28 grey images, 60000 + 10000. */
    public enum Variant {
        /** LeCun, Cortes and Burges' handwritten digits 0-9. */
        MNIST("MNIST", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
        /** Zalando's Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): ten kinds of clothing. */
        FASHION("Fashion-MNIST", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot"));

        private final String title;
        private final List<String> classNames;

        Variant(String title, List<String> classNames) {
            this.title = title;
            this.classNames = classNames;
        }

        /** The name shown in titles, "MNIST" or "Fashion-MNIST". */
        public String title() {
            return title;
        }

        /** The ten class names, indexed by label. */
        public List<String> classNames() {
            return classNames;
        }
    }

    /** Image rows and columns. */
    public static final int SIDE = 28;
    /** Pixels per image, the width of the images tensor. */
    public static final int PIXELS = SIDE * SIDE;
    /** Number of classes. */
    public static final int CLASSES = 10;

    /** The four files, in the order train images, train labels, test images, test labels. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /**
     * Published SHA-256 of the four MNIST {@code .gz} files (9912422, 28881, 1648877 and 4542 bytes),
     * as listed by TensorFlow Datasets' checksums and PyTorch's mirror users.
     */
    static final List<String> MNIST_SHA256 = List.of(
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /** Mirrors of the MNIST {@code .gz} files, tried in order (base URLs; the file name is appended). */
    public static final List<String> MIRRORS = List.of(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/");

    /** Where downloaded MNIST files are kept: {@code ~/.cache/cadl-java/mnist}. */
    public static final Path CACHE_DIR = Path.of(System.getProperty("user.home"), ".cache", "cadl-java", "mnist");

    /** Where Debian's {@code dataset-fashion-mnist} package puts Fashion-MNIST. */
    public static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private Mnist() {
    }

    /**
     * MNIST digits (cached or downloaded), else Fashion-MNIST from the Debian package, printing one
     * line saying which and why.
     *
     * @throws IllegalStateException if neither can be had, saying how to get one
     */
    public static Dataset load() {
        return loader().load();
    }

    /**
     * The given variant, with no fallback: MNIST from the cache or the mirrors, Fashion-MNIST from
     * the Debian package.
     *
     * @throws IllegalStateException if that variant cannot be had, saying how to get it
     */
    public static Dataset load(Variant variant) {
        return loader().variant(variant).load();
    }

    /**
     * The four files from {@code directory} (gzip or not), named as MNIST names them
     * ({@code train-images-idx3-ubyte[.gz]}, ...). Class names are the digits unless the directory
     * is the Debian Fashion-MNIST one; use {@link #load(Variant, Path)} to say which.
     */
    public static Dataset load(Path directory) {
        return loader().directory(directory).load();
    }

    /** The four files of {@code variant} from {@code directory} (gzip or not). */
    public static Dataset load(Variant variant, Path directory) {
        return loader().variant(variant).directory(directory).load();
    }

    /**
     * Which variant {@link #load()} gets without a network: MNIST if its four files are in the
     * cache with their published SHA-256, else Fashion-MNIST if the Debian package is installed, else empty.
     */
    public static Optional<Variant> available() {
        return loader().available();
    }

    /** A loader to configure (cache directory, mirrors, limit...); {@code Mnist.load()} uses the defaults. */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * Loads MNIST or Fashion-MNIST with settings other than the defaults: a variant, a directory,
     * another cache or mirror list, a limit. Each setter returns this loader.
     */
    public static final class Loader {
        private Variant variant;
        private Path directory;
        private Path cacheDir = CACHE_DIR;
        private List<String> mirrors = MIRRORS;
        private Path fashionDir = FASHION_DIR;
        private Duration connectTimeout = Download.CONNECT_TIMEOUT;
        private int limit = -1;
        private PrintStream out = System.out;

        private Loader() {
        }

        /** Ask for this variant only (no fallback). */
        public Loader variant(Variant v) {
            this.variant = Objects.requireNonNull(v, "variant");
            return this;
        }

        /** Read the four files from this directory: no cache, no download. */
        public Loader directory(Path dir) {
            this.directory = Objects.requireNonNull(dir, "directory");
            return this;
        }

        /** Cache downloaded MNIST files here instead of {@link #CACHE_DIR}. */
        public Loader cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "cacheDir");
            return this;
        }

        /** Download from these base URLs (each ending in '/'), in order, instead of {@link #MIRRORS}. */
        public Loader mirrors(List<String> baseUrls) {
            List<String> copy = new ArrayList<>();
            for (String u : baseUrls) {
                copy.add(u.endsWith("/") ? u : u + "/");
            }
            this.mirrors = List.copyOf(copy);
            return this;
        }

        /** Look for Fashion-MNIST here instead of {@link #FASHION_DIR}. */
        public Loader fashionDir(Path dir) {
            this.fashionDir = Objects.requireNonNull(dir, "fashionDir");
            return this;
        }

        /** Give up on a mirror that does not accept the connection within this time. */
        public Loader connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Keep at most {@code n} images, in the train:test proportion (see {@link Dataset#limit(int)}),
         * converting only those: quicker than {@code load().limit(n)}.
         */
        public Loader limit(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Mnist.Loader.limit: n must be at least 1, got " + n);
            }
            this.limit = n;
            return this;
        }

        /** Print the fallback notice here instead of {@code System.out}. */
        public Loader notices(PrintStream stream) {
            this.out = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** Which variant loads without a network (see {@link Mnist#available()}). */
        public Optional<Variant> available() {
            if (mnistCached()) {
                return Optional.of(Variant.MNIST);
            }
            if (find(fashionDir) != null) {
                return Optional.of(Variant.FASHION);
            }
            return Optional.empty();
        }

        /**
         * Loads as configured.
         *
         * @throws IllegalStateException if the data cannot be had, saying how to get it
         * @throws IllegalArgumentException if a file is corrupt or the files do not match
         */
        public Dataset load() {
            if (directory != null) {
                Path[] files = find(directory);
                if (files == null) {
                    throw new IllegalStateException("Mnist: " + directory + " does not hold the four files "
                            + String.join(", ", FILES) + " (each may end in .gz); missing: "
                            + String.join(", ", missing(directory)));
                }
                Variant v = variant != null ? variant
                        : directory.toAbsolutePath().normalize().equals(fashionDir.toAbsolutePath().normalize())
                        ? Variant.FASHION : Variant.MNIST;
                return read(v, files, limit);
            }
            if (variant == Variant.FASHION) {
                return loadFashion(null);
            }
            Path[] digits;
            String why;
            try {
                digits = fetchMnist();
                return read(Variant.MNIST, digits, limit);
            } catch (IOException e) {
                why = e.getMessage();
            }
            if (variant == Variant.MNIST) {
                throw new IllegalStateException("Mnist: the MNIST digits are not cached in " + cacheDir
                        + " and " + why + ". Put the four files "
                        + String.join(".gz, ", FILES) + ".gz there, or use Mnist.load(Mnist.Variant.FASHION)");
            }
            return loadFashion(why);
        }

        private Dataset loadFashion(String whyNotMnist) {
            Path[] files = find(fashionDir);
            if (files == null) {
                String head = whyNotMnist == null
                        ? "Mnist: Fashion-MNIST is not in " + fashionDir
                        : "Mnist: no data set: the MNIST digits are not cached in " + cacheDir
                        + " and " + whyNotMnist + ", and Fashion-MNIST is not in " + fashionDir;
                throw new IllegalStateException(head + ". Install it with `sudo apt-get install dataset-fashion-mnist`,"
                        + " or put the four MNIST files (" + String.join(".gz, ", FILES) + ".gz) in " + cacheDir
                        + ", or call Mnist.load(Path.of(\"your/dir\"))");
            }
            if (whyNotMnist != null) {
                out.println("Mnist: using Fashion-MNIST from " + fashionDir + " (same shapes, 10 classes of clothing):"
                        + " the MNIST digits are not cached in " + cacheDir + " and " + whyNotMnist);
            }
            return read(Variant.FASHION, files, limit);
        }

        /** Whether the four MNIST .gz files are in the cache with their published hashes. */
        private boolean mnistCached() {
            for (int i = 0; i < FILES.size(); i++) {
                Path f = cacheDir.resolve(FILES.get(i) + ".gz");
                try {
                    if (!Files.isRegularFile(f) || !Download.sha256(f).equals(MNIST_SHA256.get(i))) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }

        private Path[] fetchMnist() throws IOException {
            Path[] files = new Path[FILES.size()];
            for (int i = 0; i < files.length; i++) {
                files[i] = Download.fetch(FILES.get(i) + ".gz", MNIST_SHA256.get(i), mirrors, cacheDir, connectTimeout);
            }
            return files;
        }
    }

    /** The four files in {@code dir} (each {@code name.gz} or {@code name}), or null if any is missing. */
    static Path[] find(Path dir) {
        Path[] files = new Path[FILES.size()];
        for (int i = 0; i < files.length; i++) {
            Path gz = dir.resolve(FILES.get(i) + ".gz");
            Path plain = dir.resolve(FILES.get(i));
            files[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
            if (files[i] == null) {
                return null;
            }
        }
        return files;
    }

    private static List<String> missing(Path dir) {
        List<String> out = new ArrayList<>();
        for (String f : FILES) {
            if (!Files.isRegularFile(dir.resolve(f + ".gz")) && !Files.isRegularFile(dir.resolve(f))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Reads and cross-checks the four files; keeps at most {@code limit} images (-1: all). */
    static Dataset read(Variant variant, Path[] files, int limit) {
        Idx.Array trainImages = Idx.readImages(files[0]);
        int[] trainLabels = Idx.readLabels(files[1]);
        Idx.Array testImages = Idx.readImages(files[2]);
        int[] testLabels = Idx.readLabels(files[3]);
        checkPair(trainImages, trainLabels, files[1]);
        checkPair(testImages, testLabels, files[3]);
        int nTrain = trainLabels.length;
        int nTest = testLabels.length;
        int n = nTrain + nTest;
        int keepTrain = nTrain;
        int keepTest = nTest;
        if (limit > 0 && limit < n) {
            keepTrain = (int) Math.round((double) limit * nTrain / n);
            keepTest = limit - keepTrain;
        }
        int kept = keepTrain + keepTest;
        int[] labels = new int[kept];
        System.arraycopy(trainLabels, 0, labels, 0, keepTrain);
        System.arraycopy(testLabels, 0, labels, keepTrain, keepTest);
        float[] pixels = new float[kept * PIXELS];
        toUnit(trainImages.bytes(), keepTrain * PIXELS, pixels, 0);
        toUnit(testImages.bytes(), keepTest * PIXELS, pixels, keepTrain * PIXELS);
        Tensor x = Tensor.of(pixels, kept, PIXELS);
        return new Dataset(variant.title(), x, labels, variant.classNames(),
                new int[] {SIDE, SIDE}, keepTrain);
    }

    /** Writes the first {@code count} bytes of {@code src}, scaled from 0..255 to 0..1, into {@code dst} from {@code at}. */
    private static void toUnit(byte[] src, int count, float[] dst, int at) {
        final float scale = 1f / 255f;
        for (int i = 0; i < count; i++) dst[at + i] = (src[i] & 0xff) * scale;
    }

    private static void checkPair(Idx.Array images, int[] labels, Path labelFile) {
        if (images.size(1) != SIDE || images.size(2) != SIDE) {
            throw new IllegalArgumentException("Mnist: " + images.file() + " holds " + images.size(1) + " x "
                    + images.size(2) + " images, expected " + SIDE + " x " + SIDE);
        }
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException("Mnist: " + images.file() + " holds " + images.size(0)
                    + " images but " + labelFile + " holds " + labels.length + " labels; they must match");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new IllegalArgumentException("Mnist: " + labelFile + ": label " + i + " is " + labels[i]
                        + ", expected 0.." + (CLASSES - 1));
            }
        }
    }
}
