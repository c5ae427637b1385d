package cadl.io;

import cadl.nn.Activation;
import cadl.nn.Conv2d;
import cadl.nn.ConvTranspose2d;
import cadl.nn.Dropout;
import cadl.nn.Flatten;
import cadl.nn.Init;
import cadl.nn.Linear;
import cadl.nn.MaskingNoise;
import cadl.nn.Module;
import cadl.nn.Reshape;
import cadl.nn.Sequential;
import cadl.nn.TiedLinear;
import cadl.tensor.Padding;
import cadl.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

/**
 * A model in one file that loads without the code that built it (TensorFlow's exported graph, S3 section 13):
 * the structure of a {@link Sequential} as JSON ({@code model.json}) and its weights as float32 {@code .npy}
 * arrays, in one zip (numpy's {@code np.load} reads the weights too).
 *
 * <pre>{@code
 * Export.save(model, Path.of("classifier.cadl.npz"));
 * Sequential loaded = Export.load(Path.of("classifier.cadl.npz"));   // in evaluation mode
 * Tensor logits = loaded.forward(x);
 * }</pre>
 * Layers that can be exported: {@link Sequential} (nested too), {@link Linear}, {@link TiedLinear}, {@link Conv2d},
 * {@link ConvTranspose2d}, {@link Dropout}, {@link MaskingNoise}, {@link Flatten}, {@link Reshape}. The write is
 * atomic, as {@link Checkpoint}'s.
 */
public final class Export {
    /** The name of the structure entry in the file. */
    public static final String STRUCTURE_ENTRY = "model.json";
    /** The format tag written into the structure. */
    public static final String FORMAT = "cadl-export";
    /** The format version written into the structure. */
    public static final int VERSION = 1;

    private Export() {
    }

    /** Writes {@code model}'s structure and weights to {@code path}; returns the path. */
    public static Path save(Sequential model, Path path) {
        if (model == null || path == null) throw new IllegalArgumentException("Export.save: model and path must not be null");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", describe(model));
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        try {
            Npy.writeNpz(model.stateDict(), path, zip -> {
                zip.putNextEntry(new ZipEntry(STRUCTURE_ENTRY));
                zip.write(json);
                zip.closeEntry();
            });
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Export.save: could not write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The structure of {@code model} as the JSON text {@link #save} writes. */
    public static String structure(Sequential model) {
        return Json.write(describe(model));
    }

    private static Map<String, Object> describe(Module m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", m.name());
        if (m instanceof Sequential s) {
            d.put("type", "Sequential");
            List<Object> layers = new ArrayList<>();
            for (Module c : s.layers()) layers.add(describe(c));
            d.put("layers", layers);
        } else if (m instanceof Linear l) {
            d.put("type", "Linear");
            d.put("nIn", l.nIn());
            d.put("nOut", l.nOut());
            d.put("activation", l.activation().toString());
            d.put("bias", l.bias() != null);
        } else if (m instanceof TiedLinear t) {
            d.put("type", "TiedLinear");
            d.put("tiedTo", t.tied().fullName());
            d.put("activation", t.activation().toString());
            d.put("bias", t.bias() != null);
        } else if (m instanceof Conv2d c) {
            d.put("type", "Conv2d");
            d.put("kernel", List.of(c.kernelHeight(), c.kernelWidth(), c.inChannels(), c.outChannels()));
            d.put("stride", c.stride());
            d.put("padding", c.padding().name());
            d.put("activation", c.activation().toString());
            d.put("bias", c.bias() != null);
        } else if (m instanceof ConvTranspose2d t) {
            d.put("type", "ConvTranspose2d");
            d.put("tiedTo", t.tied().fullName());
            int[] hw = t.outputSize();
            d.put("outputSize", hw == null ? null : List.of(hw[0], hw[1]));
            d.put("activation", t.activation().toString());
            d.put("bias", t.bias() != null);
        } else if (m instanceof Dropout dr) {
            d.put("type", "Dropout");
            d.put("p", dr.p());
        } else if (m instanceof MaskingNoise mn) {
            d.put("type", "MaskingNoise");
            d.put("dropProb", mn.dropProb());
        } else if (m instanceof Flatten) {
            d.put("type", "Flatten");
        } else if (m instanceof Reshape r) {
            d.put("type", "Reshape");
            List<Object> shape = new ArrayList<>();
            for (int v : r.shape()) shape.add(v);
            d.put("shape", shape);
        } else {
            throw new IllegalArgumentException("Export.save: layer '" + m.fullName() + "' is a " + m.getClass().getSimpleName()
                    + ", which cannot be exported (supported: Sequential, Linear, TiedLinear, Conv2d, ConvTranspose2d, Dropout, "
                    + "MaskingNoise, Flatten, Reshape); save its parameters with Checkpoint instead");
        }
        return d;
    }

    /** Rebuilds the model saved at {@code path}, with its weights, in evaluation mode. */
    public static Sequential load(Path path) {
        if (path == null) throw new IllegalArgumentException("Export.load: path is null");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Export.load: no exported model at " + path.toAbsolutePath() + " (write one with Export.save(model, path))");
        }
        Map<String, Object> entries;
        try {
            entries = Npy.readZip(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Export.load: could not read " + path + ": " + e.getMessage(), e);
        }
        Object json = entries.get(STRUCTURE_ENTRY);
        if (!(json instanceof byte[] bytes)) {
            throw new IllegalArgumentException("Export.load: " + path + " has no " + STRUCTURE_ENTRY
                    + " (is it a Checkpoint? load those with Checkpoint.load into a model built by code)");
        }
        Map<?, ?> root = (Map<?, ?>) Json.parse(new String(bytes, StandardCharsets.UTF_8));
        if (!FORMAT.equals(root.get("format")) || num(root, "version") > VERSION) {
            throw new IllegalArgumentException("Export.load: " + path + " is format " + root.get("format") + " version " + root.get("version")
                    + "; this library reads " + FORMAT + " up to version " + VERSION);
        }
        Map<String, Module> built = new HashMap<>();
        Module m = build((Map<?, ?>) root.get("model"), built, "");
        if (!(m instanceof Sequential model)) throw new IllegalArgumentException("Export.load: the top of " + path + " is not a Sequential");
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) if (e.getValue() instanceof Tensor t) weights.put(e.getKey(), t);
        try {
            model.loadStateDict(weights, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Export.load " + path + ": the weights do not fit the structure: " + e.getMessage(), e);
        }
        model.eval();
        return model;
    }

    private static Module build(Map<?, ?> d, Map<String, Module> built, String prefix) {
        String type = (String) d.get("type");
        String name = (String) d.get("name");
        String full = prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "/" + name;
        Module m;
        switch (type == null ? "" : type) {
            case "Sequential": {
                Sequential s = new Sequential(name);
                for (Object c : (List<?>) d.get("layers")) {
                    Map<?, ?> cd = (Map<?, ?>) c;
                    s.add(build(cd, built, full));
                }
                m = s;
                break;
            }
            case "Linear":
                m = Linear.builder(name, (int) num(d, "nIn"), (int) num(d, "nOut")).activation(act(d)).bias(bool(d, "bias"))
                        .weights(Init.zeros()).biasInit(Init.zeros()).build();
                break;
            case "TiedLinear": {
                Module t = tied(built, d, Linear.class);
                m = bool(d, "bias") ? TiedLinear.withBias(name, (Linear) t, act(d)) : TiedLinear.of(name, (Linear) t, act(d));
                break;
            }
            case "Conv2d": {
                List<?> k = (List<?>) d.get("kernel");
                m = Conv2d.builder(name, i(k.get(0)), i(k.get(1)), i(k.get(2)), i(k.get(3))).stride((int) num(d, "stride"))
                        .padding(Padding.valueOf((String) d.get("padding"))).activation(act(d)).bias(bool(d, "bias"))
                        .weights(Init.zeros()).biasInit(Init.zeros()).build();
                break;
            }
            case "ConvTranspose2d": {
                Conv2d c = (Conv2d) tied(built, d, Conv2d.class);
                List<?> hw = (List<?>) d.get("outputSize");
                if (hw == null) {
                    if (bool(d, "bias")) throw new IllegalArgumentException("Export.load: a biased ConvTranspose2d needs an output size");
                    m = ConvTranspose2d.tiedTo(name, c, act(d));
                } else {
                    m = bool(d, "bias") ? ConvTranspose2d.tiedToWithBias(name, c, i(hw.get(0)), i(hw.get(1)), act(d))
                            : ConvTranspose2d.tiedTo(name, c, i(hw.get(0)), i(hw.get(1)), act(d));
                }
                break;
            }
            case "Dropout":
                // files written before dropout took the drop probability stored TF1's keep probability
                m = new Dropout(name, d.containsKey("keepProb") ? 1 - num(d, "keepProb") : num(d, "p"));
                break;
            case "MaskingNoise":
                m = new MaskingNoise(name, num(d, "dropProb"));
                break;
            case "Flatten":
                m = new Flatten(name);
                break;
            case "Reshape": {
                List<?> s = (List<?>) d.get("shape");
                int[] shape = new int[s.size()];
                for (int k = 0; k < shape.length; k++) shape[k] = i(s.get(k));
                m = new Reshape(name, shape);
                break;
            }
            default:
                throw new IllegalArgumentException("Export.load: unknown layer type '" + type + "' for layer '" + full + "'");
        }
        built.put(full, m);
        return m;
    }

    private static Module tied(Map<String, Module> built, Map<?, ?> d, Class<? extends Module> kind) {
        String to = (String) d.get("tiedTo");
        Module t = built.get(to);
        if (!kind.isInstance(t)) {
            throw new IllegalArgumentException("Export.load: layer '" + d.get("name") + "' is tied to '" + to + "', which is not a "
                    + kind.getSimpleName() + " built before it");
        }
        return t;
    }

    private static Activation act(Map<?, ?> d) {
        return Activation.parse((String) d.get("activation"));
    }

    private static boolean bool(Map<?, ?> d, String k) {
        return Boolean.TRUE.equals(d.get(k));
    }

    private static double num(Map<?, ?> d, String k) {
        Object v = d.get(k);
        if (!(v instanceof Number n)) throw new IllegalArgumentException("Export.load: field '" + k + "' is missing or not a number in " + d);
        return n.doubleValue();
    }

    private static int i(Object v) {
        return ((Number) v).intValue();
    }
}
