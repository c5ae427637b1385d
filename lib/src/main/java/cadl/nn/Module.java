package cadl.nn;

import cadl.tensor.Scope;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A layer or a model: a function {@link #forward(Tensor)} with named parameters, PyTorch's {@code nn.Module}
 * in the course's words.
 *
 * <p><b>Names.</b> A module's name is chosen by its caller ({@code Linear.of("layer1", ...)}), never made up
 * from its class; names given inside an open {@link Scope} are prefixed by it, as TensorFlow's variable scopes
 * do. A container adds its own name in front of its children's ({@code "encoder"} + {@code "layer/0"} +
 * {@code "W"} = {@code "encoder/layer/0/W"}); a {@link Sequential} names a child that has no name
 * {@code "layer/<index>"}. {@link #namedParameters()} lists parameters under these full names in the order they
 * were created; {@link #parameter(String)} finds one ({@code model.parameter("layer1/W")}). The parameter tensors
 * carry the same names, so graphs and error messages show them.
 *
 * <p><b>Modes.</b> Modules start in training mode; {@link #eval()} switches a module and all its children to
 * evaluation ({@link Dropout} and {@link MaskingNoise} then pass inputs through), {@link #train()} back.
 *
 * <p><b>Subclassing.</b> Implement {@link #compute(Tensor)}; create parameters with
 * {@link #addParameter(String, Tensor)} and sub-modules with {@link #addChild(String, Module)} in the
 * constructor. {@link #forward(Tensor)} runs {@code compute} inside a scope named after the module, so its ops
 * read {@code "layer1/matmul"}. In PyTorch's terms: you <em>override</em> {@code compute} where a PyTorch module
 * overrides {@code forward}, and you <em>call</em> {@code forward} where Python calls the module itself
 * ({@code model(x)}, i.e. {@code __call__}, which wraps {@code forward} with hooks as ours wraps {@code compute}
 * with the scope).
 */
public abstract class Module {
    private String name;
    private Module parent;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final java.util.Set<String> owned = new java.util.HashSet<>();
    private boolean training = true;

    /** A module named {@code name} (qualified by open scopes); an empty or null name leaves it unnamed. */
    protected Module(String name) {
        this.name = name == null || name.isEmpty() ? "" : Scope.qualify(checkName("Module", name));
    }

    static String checkName(String who, String name) {
        if (name.isBlank() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            throw new IllegalArgumentException(who + ": a name must be words separated by '/', such as \"layer1\" or \"encoder/layer/0\", got \"" + name + "\"");
        }
        return name;
    }

    // ------------------------------------------------------------------ forward

    /**
     * Applies the module to {@code x} (shapes: see each layer), recording ops under the module's name
     * ({@code "layer1/matmul"}).
     */
    public final Tensor forward(Tensor x) {
        if (x == null) throw new IllegalArgumentException(label() + ": input is null");
        String scope = scopeName();
        if (scope.isEmpty()) return compute(x);
        try (Scope s = Scope.named(scope)) {
            return compute(x);
        }
    }

    /** The computation of {@link #forward(Tensor)}, without the scope. */
    protected abstract Tensor compute(Tensor x);

    private String scopeName() {
        if (parent != null && !parent.fullName().isEmpty() && Scope.current().endsWith(parent.fullName())) return name;
        return fullName();
    }

    // ------------------------------------------------------------------ names

    /** The name given by the caller or the container ("" if none). */
    public final String name() {
        return name;
    }

    /** The name with every enclosing container's name in front: {@code "encoder/layer/0"}. */
    public final String fullName() {
        if (parent == null) return name;
        String p = parent.fullName();
        return p.isEmpty() ? name : name.isEmpty() ? p : p + "/" + name;
    }

    /** The name used in messages: the full name, or the class name in quotes-free form if unnamed. */
    protected final String label() {
        String f = fullName();
        return f.isEmpty() ? getClass().getSimpleName() : f;
    }

    private String qualify(String local) {
        String f = fullName();
        return f.isEmpty() ? local : f + "/" + local;
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers {@code value} as this module's parameter {@code localName} ("W", "b"): marks it as requiring
     * gradients and names it with the module's full name. Registering a tensor that already has a name
     * (another layer's weights, for tied layers) shares it without renaming it.
     */
    protected final Tensor addParameter(String localName, Tensor value) {
        checkName(label(), localName);
        if (params.containsKey(localName)) {
            throw new IllegalStateException(label() + ": a parameter named \"" + localName + "\" already exists");
        }
        if (value.name() == null) {
            value.requiresGrad(true);
            nameTensor(value, qualify(localName));
            owned.add(localName);
        }
        params.put(localName, value);
        return value;
    }

    /**
     * Registers {@code child} under {@code key} (its own name if {@code key} is null or empty; the container
     * decides names such as "layer/0" for unnamed children). A module belongs to one container only.
     */
    protected final <M extends Module> M addChild(String key, M added) {
        Module child = added;
        if (child == null) throw new IllegalArgumentException(label() + ": cannot add a null module");
        if (child == this) throw new IllegalArgumentException(label() + ": cannot add a module to itself");
        if (child.parent != null) {
            throw new IllegalStateException(label() + ": module '" + child.fullName() + "' already belongs to '"
                    + child.parent.label() + "' (a module has one container; to share weights use TiedLinear or ConvTranspose2d)");
        }
        String k = key == null || key.isEmpty() ? child.name : checkName(label(), key);
        if (k.isEmpty()) throw new IllegalArgumentException(label() + ": a child needs a name");
        if (children.containsKey(k)) {
            throw new IllegalArgumentException(label() + ": a child named \"" + k + "\" already exists; give each layer its own name");
        }
        child.name = k;
        child.parent = this;
        child.training = training;
        children.put(k, child);
        child.renameOwnParameters();
        return added;
    }

    private void renameOwnParameters() {
        // only parameters this module created (shared ones keep their owner's name)
        for (String local : owned) nameTensor(params.get(local), qualify(local));
        for (Module c : children.values()) c.renameOwnParameters();
    }

    /** Names {@code t} {@code full} even when scopes are open (Tensor.named prefixes the open scopes). */
    private void nameTensor(Tensor t, String full) {
        String cur = Scope.current();
        if (cur.isEmpty()) t.named(full);
        else if (full.startsWith(cur + "/")) t.named(full.substring(cur.length() + 1));
        else t.named(full.substring(full.lastIndexOf('/') + 1)); // cannot escape the scope: best effort
    }

    // ------------------------------------------------------------------ parameters

    /** Parameters by full name, in creation order (children in the order added); shared tensors listed once. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        collect(out, seen);
        return Collections.unmodifiableMap(out);
    }

    private void collect(Map<String, Tensor> out, Map<Tensor, Boolean> seen) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (seen.put(e.getValue(), Boolean.TRUE) == null) out.put(qualify(e.getKey()), e.getValue());
        }
        for (Module c : children.values()) c.collect(out, seen);
    }

    /** The parameters, in the order of {@link #namedParameters()}. */
    public final List<Tensor> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /** The parameter with full name {@code fullName} (e.g. "layer1/W"); the error lists the closest names. */
    public final Tensor parameter(String fullName) {
        Map<String, Tensor> all = namedParameters();
        Tensor t = all.get(fullName);
        if (t != null) return t;
        List<String> names = new ArrayList<>(all.keySet());
        names.sort(Comparator.comparingInt(n -> distance(n, fullName == null ? "" : fullName)));
        throw new IllegalArgumentException(label() + ": no parameter named \"" + fullName + "\"; closest: "
                + names.subList(0, Math.min(5, names.size())) + " (all " + names.size() + " names: namedParameters().keySet())");
    }

    /** Levenshtein distance between two names. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The direct children by key, in the order added. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** The number of parameter values (each shared tensor counted once). */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) n += t.numel();
        return n;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        for (Tensor t : namedParameters().values()) t.zeroGrad();
    }

    // ------------------------------------------------------------------ modes

    /** Switches this module and its children to training mode (dropout and noise active); returns this. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Switches this module and its children to evaluation mode (dropout and noise off); returns this. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean t) {
        training = t;
        for (Module c : children.values()) c.setTraining(t);
    }

    /** True in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    // ------------------------------------------------------------------ state

    /** Copies of every parameter by full name (later training does not change them). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : namedParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().copy());
        }
        return out;
    }

    /** What {@link #loadStateDict(Map, boolean)} did not match: the model's names the state lacked, and the state's extra names. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
        /** True when every name matched. */
        public boolean complete() {
            return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
        }
    }

    /**
     * Copies values from {@code state} into the parameters of the same names. Shapes must match (the error names
     * the parameter and both shapes). With {@code strict}, any missing or unexpected name is an error and nothing
     * is copied; without it the matching ones are copied and the rest reported. Nothing is copied if any check fails.
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        if (state == null) throw new IllegalArgumentException(label() + ".loadStateDict: state is null");
        Map<String, Tensor> mine = namedParameters();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>();
        for (String k : mine.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!mine.containsKey(k)) unexpected.add(k);
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new IllegalArgumentException(label() + ".loadStateDict: names differ: missing " + missing + ", unexpected " + unexpected
                    + " (build the model the same way, or pass strict=false to load the matching ones)");
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null && !Arrays.equals(src.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(label() + ".loadStateDict: parameter '" + e.getKey() + "' has shape "
                        + Arrays.toString(e.getValue().shape()) + " in the model but " + Arrays.toString(src.shape()) + " in the state");
            }
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            e.getValue().copyFrom(src);
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    // ------------------------------------------------------------------ printing

    /** One line describing this layer's settings, e.g. {@code Linear(2 -> 10, tanh)}. */
    public abstract String describe();

    /** The layer, its children indented, and parameter counts. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        print(b, "", fullName());
        return b.toString();
    }

    private void print(StringBuilder b, String indent, String key) {
        b.append(indent);
        if (!key.isEmpty()) b.append(key).append(": ");
        b.append(describe());
        long own = 0;
        for (String local : owned) own += params.get(local).numel();
        if (children.isEmpty()) {
            if (own > 0) b.append("  ").append(count(own)).append(" params");
        } else {
            b.append("  ").append(count(parameterCount())).append(" params").append(training ? "" : ", eval mode");
            for (Map.Entry<String, Module> e : children.entrySet()) {
                b.append('\n');
                e.getValue().print(b, indent + "  ", e.getKey());
            }
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
