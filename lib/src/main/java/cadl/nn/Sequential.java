package cadl.nn;

import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after another: {@code forward(x) = layer_k(... layer_1(layer_0(x)))}.
 * A child keeps the name it was given; an unnamed child is named {@code "layer/<index>"}, so an unnamed
 * {@link Linear} added first to {@code new Sequential("encoder")} has parameters {@code "encoder/layer/0/W"}.
 *
 * <pre>{@code
 * Sequential net = new Sequential()
 *     .add(Linear.of("layer1", 2, 64, Activation.RELU))
 *     .add(Linear.of("layer2", 64, 3));
 * Tensor y = net.forward(x);   // [N, 2] -> [N, 3]
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** An empty container named {@code name}. */
    public Sequential(String name) {
        super(name);
    }

    /** An empty unnamed container (its children's names are then the full names). */
    public Sequential() {
        this("");
    }

    /** A container holding {@code layers} in order. */
    public static Sequential of(String name, Module... layers) {
        Sequential s = new Sequential(name);
        for (Module m : layers) s.add(m);
        return s;
    }

    /** Appends {@code layer} (named {@code "layer/<index>"} if it has no name); returns this. */
    public Sequential add(Module layer) {
        if (layer == null) throw new IllegalArgumentException(label() + ".add: layer is null");
        String key = layer.name().isEmpty() ? "layer/" + layers.size() : null;
        addChild(key, layer);
        layers.add(layer);
        return this;
    }

    @Override
    protected Tensor compute(Tensor x) {
        Tensor h = x;
        for (Module m : layers) h = m.forward(h);
        return h;
    }

    /** The layers in order (an unmodifiable view). */
    public List<Module> layers() {
        return java.util.Collections.unmodifiableList(layers);
    }

    /** The {@code index}-th layer. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException(label() + ".get: index " + index + " is outside 0.." + (layers.size() - 1));
        }
        return layers.get(index);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    @Override
    public String describe() {
        return "Sequential(" + layers.size() + " layers)";
    }
}
