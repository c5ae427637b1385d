package cadl.tensor;

import java.util.Locale;

/** Prints a tensor's values as numpy does: nested brackets, "..." for large tensors, short numbers. */
final class Printer {
    private Printer() {
    }

    /** Appends the values of {@code t} to {@code b}. */
    static StringBuilder values(StringBuilder b, Tensor t) {
        if (t.numel() > 1_000_000) return b.append("[... ").append(t.numel()).append(" values ...]");
        format(b, t.toDoubleArray(), t.shape(), 0, 0, 0, t.numel() > Tensor.PRINT_THRESHOLD);
        return b;
    }

    private static void format(StringBuilder b, double[] v, int[] s, int dim, int offset, int indent, boolean summarise) {
        if (s.length == 0) {
            b.append(num(v[0]));
            return;
        }
        int n = s[dim];
        int stride = 1;
        for (int i = dim + 1; i < s.length; i++) stride *= s[i];
        b.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * Tensor.PRINT_EDGE_ITEMS && i == Tensor.PRINT_EDGE_ITEMS) {
                b.append(dim == s.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + 1));
                i = n - Tensor.PRINT_EDGE_ITEMS;
            }
            if (dim == s.length - 1) b.append(num(v[offset + i]));
            else format(b, v, s, dim + 1, offset + i * stride, indent + 1, summarise);
            if (i < n - 1) b.append(dim == s.length - 1 ? ", " : ",\n" + "\n".repeat(s.length - 2 - dim) + " ".repeat(indent + 1));
        }
        b.append(']');
    }

    private static String num(double x) {
        if (!Double.isFinite(x)) return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        if (x == Math.rint(x) && Math.abs(x) < 1e7) return String.format(Locale.ROOT, "%.1f", x);
        double ax = Math.abs(x);
        if (ax != 0 && (ax < 1e-4 || ax >= 1e7)) {
            String e = String.format(Locale.ROOT, "%.4e", x);   // 1.2500e-05 -> 1.25e-05
            int at = e.indexOf('e'), end = at;
            while (e.charAt(end - 1) == '0' && e.charAt(end - 2) != '.') end--;
            return e.substring(0, end) + e.substring(at);
        }
        String f = String.format(Locale.ROOT, "%.4f", x);
        int end = f.length();
        while (f.charAt(end - 1) == '0' && f.charAt(end - 2) != '.') end--;
        return f.substring(0, end);
    }
}
