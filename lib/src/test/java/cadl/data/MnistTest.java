package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cadl.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST / Fashion-MNIST loading; never touches the network (mirrors point at a closed local port). */
class MnistTest {

    /** A port nobody listens on: connections are refused at once, as with no network. */
    static final List<String> UNREACHABLE = List.of("http://127.0.0.1:1/mnist/", "http://127.0.0.1:9/mnist/");

    @TempDir
    Path tmp;

    /**
     * Writes the four files of a tiny MNIST-shaped set: {@code nTrain} + {@code nTest} images of 28 x 28,
     * image i filled with the value i (and label i % 10). Train files gzip, test files plain.
     */
    static Path writeTinySet(Path dir, int nTrain, int nTest) throws IOException {
        Files.createDirectories(dir);
        for (int part = 0; part < 2; part++) {
            int n = part == 0 ? nTrain : nTest;
            int first = part == 0 ? 0 : nTrain;
            byte[] pixels = new byte[n * 784];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (first + i));
                labels[i] = (byte) ((first + i) % 10);
            }
            byte[] img = IdxTest.idx(0x08, new int[] {n, 28, 28}, pixels);
            byte[] lab = IdxTest.idx(0x08, new int[] {n}, labels);
            String prefix = part == 0 ? "train" : "t10k";
            if (part == 0) {
                Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), IdxTest.gzip(img));
                Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), IdxTest.gzip(lab));
            } else {
                Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), img);
                Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), lab);
            }
        }
        return dir;
    }

    static long countFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void readsDirectoryIntoScaledImagesWithTrainTestPartition() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 12, 3);
        Dataset d = Mnist.load(dir);
        assertEquals(15, d.n());
        assertArrayEquals(new int[] {15, 784}, d.images().shape());
        assertArrayEquals(new int[] {28, 28}, d.itemShape());
        assertEquals("MNIST", d.name());
        assertEquals(12, d.trainSize());
        assertEquals(12, d.train().n());
        assertEquals(3, d.test().n());
        assertEquals(13 / 255.0, d.images().get(13, 400), 1e-6);
        assertEquals(3, d.label(13));
        assertEquals(12 / 255.0, d.test().images().get(0, 0), 1e-6, "test images follow the training images");
        assertArrayEquals(new int[] {28, 28}, d.image(5).shape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
    }

    @Test
    void explicitVariantGivesClassNames() throws IOException {
        Dataset d = Mnist.load(Mnist.Variant.FASHION, writeTinySet(tmp.resolve("f"), 4, 1));
        assertEquals("Fashion-MNIST", d.name());
        assertEquals("T-shirt/top", d.className(0));
        assertEquals("Ankle boot", d.className(9));
    }

    @Test
    void loaderLimitKeepsTrainTestProportion() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 60, 10);
        Dataset d = Mnist.loader().directory(dir).limit(14).load();
        assertEquals(14, d.n());
        assertEquals(12, d.train().n());
        assertEquals(2, d.test().n());
        assertEquals(60 / 255.0, d.test().images().get(0, 0), 1e-6, "first test image");
        Dataset same = Mnist.load(dir).limit(14);
        assertArrayEquals(d.labels(), same.labels());
        assertEquals(12, same.trainSize());
    }

    @Test
    void offlineFallsBackToFashionWithOneLine() throws IOException {
        Path fashion = writeTinySet(tmp.resolve("fashion"), 6, 2);
        Path cache = tmp.resolve("cache");
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        Dataset d = Mnist.loader().cacheDir(cache).mirrors(UNREACHABLE).fashionDir(fashion)
                .connectTimeout(Duration.ofSeconds(1))
                .notices(new PrintStream(notices, true, StandardCharsets.UTF_8)).load();
        assertEquals("Fashion-MNIST", d.name());
        assertEquals(8, d.n());
        String printed = notices.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("using Fashion-MNIST from " + fashion), printed);
        assertTrue(printed.contains("127.0.0.1"), printed);
        assertEquals(0, countFiles(cache), "a failed download leaves nothing in the cache");
    }

    @Test
    void explicitMnistDoesNotFallBack() throws IOException {
        Path fashion = writeTinySet(tmp.resolve("fashion"), 6, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Mnist.loader()
                .variant(Mnist.Variant.MNIST).cacheDir(tmp.resolve("cache")).mirrors(UNREACHABLE)
                .fashionDir(fashion).load());
        assertTrue(e.getMessage().contains("could not download train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("cache").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Mnist.load(Mnist.Variant.FASHION)"), e.getMessage());
    }

    @Test
    void neitherAvailableSaysHowToGetData() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Mnist.loader()
                .cacheDir(tmp.resolve("cache")).mirrors(UNREACHABLE).fashionDir(tmp.resolve("none")).load());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void availableTellsWhatLoadsOffline() throws IOException {
        Path fashion = writeTinySet(tmp.resolve("fashion"), 6, 2);
        Path cache = tmp.resolve("cache");
        assertEquals(Optional.of(Mnist.Variant.FASHION),
                Mnist.loader().cacheDir(cache).fashionDir(fashion).available());
        assertEquals(Optional.empty(), Mnist.loader().cacheDir(cache).fashionDir(tmp.resolve("none")).available());
        // MNIST-named files whose hashes are not MNIST's do not count as cached MNIST.
        writeTinySet(cache, 6, 2);
        assertEquals(Optional.empty(), Mnist.loader().cacheDir(cache).fashionDir(tmp.resolve("none")).available());
    }

    @Test
    void missingFileInDirectoryIsNamed() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 4, 1);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("missing: t10k-labels-idx1-ubyte"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustMatch() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 4, 2);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {3}, new byte[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte holds 2 images"), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte holds 3 labels"), e.getMessage());
    }

    @Test
    void wrongImageSizeIsNamed() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 4, 2);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxTest.idx(0x08, new int[] {2, 32, 32}, new byte[2048]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("32 x 32 images, expected 28 x 28"), e.getMessage());
    }

    @Test
    void labelAboveNineIsNamed() throws IOException {
        Path dir = writeTinySet(tmp.resolve("set"), 4, 2);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxTest.idx(0x08, new int[] {2}, new byte[] {1, 12}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("label 1 is 12, expected 0..9"), e.getMessage());
    }

    @Test
    void loadsFashionMnistFromDebianPackage() {
        assumeTrue(Files.isDirectory(Mnist.FASHION_DIR),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipping");
        long t0 = System.nanoTime();
        Dataset d = Mnist.load(Mnist.Variant.FASHION);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Fashion-MNIST: %d images loaded in %.2f s%n", d.n(), seconds);
        assertEquals(70000, d.n());
        assertArrayEquals(new int[] {70000, 784}, d.images().shape());
        assertEquals(60000, d.train().n());
        assertEquals(10000, d.test().n());
        int[] counts = Labels.counts(d.labels(), 10);
        for (int c = 0; c < 10; c++) {
            assertEquals(7000, counts[c], "Fashion-MNIST has 6000 + 1000 images per class; class " + c);
        }
        Tensor x = d.images();
        assertEquals(0.0, -x.neg().max().item(), 0.0);
        assertEquals(1.0, x.max().item(), 1e-6);
        double mean = x.mean().item();
        assertTrue(mean > 0.2 && mean < 0.4, "mean pixel " + mean);
    }
}
