package cadl.tensor;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A named scope, TensorFlow's {@code variable_scope}: operations and parameters created inside
 * {@code try (var s = Scope.named("layer1")) { ... }} are named {@code "layer1/matmul"}, {@code "layer1/W"}.
 * Scopes nest: {@code "encoder/layer/0/W"}.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Deque<String>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private final String name;
    private boolean closed;

    private Scope(String name) {
        this.name = name;
    }

    /** Opens a scope; close it (try-with-resources) to leave it. */
    public static Scope named(String name) {
        if (name == null || name.isBlank() || name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("Scope.named: a scope name must be a non-empty word such as \"layer1\", got \"" + name + "\"");
        }
        STACK.get().push(name);
        return new Scope(name);
    }

    /** The full name {@code "outer/inner/" + name} of something created now. */
    public static String qualify(String name) {
        Deque<String> s = STACK.get();
        if (s.isEmpty()) return name;
        StringBuilder b = new StringBuilder();
        var it = s.descendingIterator();
        while (it.hasNext()) b.append(it.next()).append('/');
        return b.append(name).toString();
    }

    /** The current scope path ("" at top level). */
    public static String current() {
        String q = qualify("");
        return q.isEmpty() ? "" : q.substring(0, q.length() - 1);
    }

    @Override
    public void close() {
        if (closed) return;
        Deque<String> s = STACK.get();
        if (s.isEmpty() || !s.peek().equals(name)) {
            throw new IllegalStateException("Scope.close: scope \"" + name + "\" is not the innermost open scope (" + current() + "); close scopes in reverse order");
        }
        s.pop();
        closed = true;
    }
}
