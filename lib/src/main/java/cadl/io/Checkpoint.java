package cadl.io;

import cadl.nn.Module;
import cadl.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves every named parameter of a model to a {@code .npz} file and restores it into a model built the same way
 * (TensorFlow's checkpoint, S3 section 13). The file is numpy's: a zip of float32 {@code .npy} arrays named by
 * parameter, so {@code np.load("model.npz")["layer1/W"]} reads a weight matrix.
 *
 * <pre>{@code
 * Checkpoint.save(model, Path.of("model.npz"));
 * ... a new run builds the same model ...
 * Checkpoint.load(model, Path.of("model.npz"), true);
 * }</pre>
 * Writes go to a temporary file in the same folder that is then moved into place, so a failed save leaves no
 * partial file and an older checkpoint at that path intact.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /** Writes {@code model}'s parameters (as float32) to {@code path}; returns the path. */
    public static Path save(Module model, Path path) {
        if (model == null || path == null) throw new IllegalArgumentException("Checkpoint.save: model and path must not be null");
        return write(model.stateDict(), path);
    }

    /** Writes named tensors to {@code path} as a {@code .npz}; returns the path. */
    public static Path write(Map<String, Tensor> tensors, Path path) {
        try {
            Npy.writeNpz(tensors, path, null);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Checkpoint.save: could not write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads every array of a {@code .npz} file by name (float32 tensors, in file order). */
    public static Map<String, Tensor> read(Path path) {
        if (path == null) throw new IllegalArgumentException("Checkpoint.read: path is null");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Checkpoint.load: no checkpoint at " + path.toAbsolutePath()
                    + " (save one first with Checkpoint.save(model, path))");
        }
        try {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : Npy.readZip(path).entrySet()) {
                if (e.getValue() instanceof Tensor t) out.put(e.getKey(), t);
            }
            return out;
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            // a zip cut short or with a bad checksum: say so plainly, with the reader's own words after
            throw new UncheckedIOException("Checkpoint.load: " + path + " is damaged or incomplete (" + e.getMessage()
                    + "; it holds " + sizeOf(path) + "); nothing was loaded. Save the checkpoint again, or load an earlier copy", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Checkpoint.load: could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String sizeOf(Path path) {
        try {
            return String.format(java.util.Locale.ROOT, "%,d bytes", Files.size(path));
        } catch (IOException e) {
            return "an unknown number of bytes";
        }
    }

    /**
     * Copies the saved values into {@code model}'s parameters of the same names. A shape mismatch is an error naming
     * the parameter and both shapes, and nothing is copied; with {@code strict} so is any name only one side has.
     * Returns what did not match.
     */
    public static Module.LoadResult load(Module model, Path path, boolean strict) {
        if (model == null) throw new IllegalArgumentException("Checkpoint.load: model is null");
        Map<String, Tensor> state = read(path);
        try {
            return model.loadStateDict(state, strict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Checkpoint.load " + path + ": " + e.getMessage().replace("in the state", "in the file"), e);
        }
    }
}
