package cadl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cadl.nn.Activation;
import cadl.nn.Linear;
import cadl.nn.Module;
import cadl.nn.Sequential;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static Sequential model() {
        return new Sequential().add(Linear.of("layer1", 3, 4, Activation.RELU)).add(Linear.of("layer2", 4, 2));
    }

    @Test
    void roundTripIsBitExactIntoAFreshModel() {
        Rng.seed(1);
        Sequential a = model();
        Path p = Checkpoint.save(a, dir.resolve("model.npz"));
        Rng.seed(2);
        Sequential b = model();
        assertFalse(java.util.Arrays.equals(a.parameter("layer1/W").toFloatArray(), b.parameter("layer1/W").toFloatArray()));
        Module.LoadResult r = Checkpoint.load(b, p, true);
        assertTrue(r.complete());
        for (String k : a.namedParameters().keySet()) {
            assertArrayEquals(a.parameter(k).toFloatArray(), b.parameter(k).toFloatArray(), 0f, k);
        }
        Tensor x = Tensor.uniform(-1, 1, 5, 3);
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray(), 0f);
    }

    @Test
    void numpyReadsTheFileWithNamesShapesAndValues() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3 with numpy");
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layer1/W", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("layer1/b", Tensor.of(0.5f, -1.25f, 3f));
        t.put("scalar", Tensor.scalar(7));
        Path p = Checkpoint.write(t, dir.resolve("t.npz"));
        Process proc = new ProcessBuilder(python.toString(), "-c",
                "import numpy as np, sys\n"
                        + "z = np.load(sys.argv[1])\n"
                        + "print(sorted(z.files), z['layer1/W'].dtype, z['layer1/W'].shape, z['layer1/W'].tolist(), z['layer1/b'].tolist(), z['scalar'].shape, float(z['scalar']))",
                p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(proc.waitFor() == 0 || !out.contains("No module named"), "numpy not installed: " + out);
        assertEquals("['layer1/W', 'layer1/b', 'scalar'] float32 (2, 3) [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]] [0.5, -1.25, 3.0] () 7.0", out);
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3 with numpy");
        Path p = dir.resolve("np.npz");
        Process proc = new ProcessBuilder(python.toString(), "-c",
                "import numpy as np, sys\n"
                        + "np.savez(sys.argv[1], **{'layer1/W': np.arange(6, dtype=np.float64).reshape(2, 3), 'b': np.array([1.5], dtype=np.float32)})",
                p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(proc.waitFor() == 0, "numpy not usable: " + out);
        Map<String, Tensor> t = Checkpoint.read(p);
        assertEquals(List.of("layer1/W", "b"), List.copyOf(t.keySet()));
        assertArrayEquals(new int[] {2, 3}, t.get("layer1/W").shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.get("layer1/W").toFloatArray(), 0f);
        assertEquals(1.5, t.get("b").item(), 0.0);
    }

    @Test
    void shapeMismatchNamesParameterAndBothShapes() {
        Path p = Checkpoint.save(model(), dir.resolve("m.npz"));
        Sequential other = new Sequential().add(Linear.of("layer1", 3, 5, Activation.RELU)).add(Linear.of("layer2", 5, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(other, p, true));
        assertTrue(e.getMessage().contains("'layer1/W'") && e.getMessage().contains("[3, 5] in the model")
                && e.getMessage().contains("[3, 4] in the file"), e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(model(), dir.resolve("nothing.npz"), true));
        assertTrue(e.getMessage().contains("no checkpoint at") && e.getMessage().contains("nothing.npz"), e.getMessage());
    }

    @Test
    void nonStrictLoadReportsMissingAndUnexpected() {
        Path p = Checkpoint.save(Linear.of("layer1", 3, 4), dir.resolve("one.npz"));
        Module.LoadResult r = Checkpoint.load(model(), p, false);
        assertEquals(List.of("layer2/W", "layer2/b"), r.missingKeys());
        assertEquals(List.of(), r.unexpectedKeys());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(model(), p, true));
    }

    @Test
    void failedWriteLeavesNoPartialFileAndKeepsTheOldOne() throws IOException {
        Path p = dir.resolve("model.npz");
        Checkpoint.save(model(), p);
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> state = new LinkedHashMap<>(model().stateDict());
        assertThrows(IOException.class, () -> Npy.writeNpz(state, p, zip -> {
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(p), "the old checkpoint is intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void saveIntoAMissingFolderFailsClearly() {
        var e = assertThrows(UncheckedIOException.class, () -> Checkpoint.save(model(), dir.resolve("no/such/dir/m.npz")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
    @Test
    void truncatedFileIsReportedAsDamagedAndNothingIsLoaded() throws IOException {
        Rng.seed(3);
        Sequential big = new Sequential().add(Linear.of("layer1", 100, 50)).add(Linear.of("layer2", 50, 10));
        byte[] bytes = Files.readAllBytes(Checkpoint.save(big, dir.resolve("big.npz")));
        Path damaged = Files.write(dir.resolve("damaged.npz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Rng.seed(4);
        Sequential fresh = new Sequential().add(Linear.of("layer1", 100, 50)).add(Linear.of("layer2", 50, 10));
        float[] before = fresh.parameter("layer1/W").toFloatArray();
        var e = assertThrows(UncheckedIOException.class, () -> Checkpoint.load(fresh, damaged, true));
        assertTrue(e.getMessage().contains("damaged.npz") && e.getMessage().contains("is damaged or incomplete")
                && e.getMessage().contains("nothing was loaded") && e.getMessage().contains(String.format(java.util.Locale.ROOT, "%,d bytes", bytes.length / 2)),
                e.getMessage());
        assertArrayEquals(before, fresh.parameter("layer1/W").toFloatArray(), 0f);
    }
}
