package cadl.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The "Results" table that closes every lesson: the quantities the lesson is about, this run's value beside
 * the original lecture's figure, and a note where they differ and why.
 *
 * <pre>{@code
 * Results results = Results.of("Session 3: autoencoders")
 *         .dataset(data.name())                                  // which data set this run used: always a row
 *         .row("ae.cost_last", "autoencoder cost, last epoch", cost, "0.033", "epoch mean; the original printed its last batch")
 *         .row("ae.epochs", "epochs", 5, "5");
 * display(results);                                              // the table, as HTML and as text
 * }</pre>
 *
 * <p>Each numeric row is also handed to the notebook's tests under its key (the same file
 * {@link Metrics#report(String, double)} writes to, when the tests set {@value Metrics#FILE_VARIABLE}); nothing
 * is printed for them, so a learner sees only the table. Bounds live in the tests, not here.
 */
public final class Results implements Displayable {

    /** A cell that reads as a number ("0.92", "−0.5", "1,234", "1.2e-05", "92 %"): right-aligned, text left-aligned. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+\u2212]?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*%?");

    private final String title;
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Double> values = new LinkedHashMap<>();

    private Results(String title) {
        this.title = title;
    }

    /**
     * An empty table titled {@code title}, e.g. {@code "Session 2: regression"}.
     *
     * @throws IllegalArgumentException if the title is null or blank
     */
    public static Results of(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("Results.of: expected a title such as \"Session 2: regression\", got "
                    + (title == null ? "null" : "a blank string"));
        }
        return new Results(title);
    }

    /**
     * Adds the row naming the data set this run used (e.g. "MNIST digits" or "Fashion-MNIST (offline stand-in
     * for MNIST)"), and hands it to the tests as the text metric {@code "dataset"}.
     */
    public Results dataset(String name) {
        require("dataset", "name", name);
        Metrics.record("dataset", name, Metrics.file());
        rows.add(new String[] {"data set", name, "", ""});
        return this;
    }

    /** {@link #row(String, String, double, String, String)} with no note. */
    public Results row(String key, String quantity, double ours, String original) {
        return row(key, quantity, ours, original, "");
    }

    /** {@link #row(String, String, double, String, String)} for a quantity the original did not report. */
    public Results row(String key, String quantity, double ours) {
        return row(key, quantity, ours, "", "");
    }

    /**
     * Adds a measured quantity.
     *
     * @param key      the name the tests read it under, e.g. {@code "softmax.test_accuracy"} (unique in the table)
     * @param quantity what it is, in the lesson's words, e.g. "test accuracy, softmax regression"
     * @param ours     this run's value
     * @param original the original lecture's figure as text ("0.92", "0.044 -> 0.033"), or "" if it gave none
     * @param note     why the two differ (data set, sizes, a fixed error), or ""
     * @throws IllegalArgumentException if the key or quantity is blank or the key is already in the table
     */
    public Results row(String key, String quantity, double ours, String original, String note) {
        require("row", "key", key);
        require("row", "quantity", quantity);
        if (values.containsKey(key)) {
            throw new IllegalArgumentException("Results.row: key \"" + key + "\" is already in the table (value "
                    + values.get(key) + "); give each row its own key");
        }
        values.put(key, ours);
        Metrics.record(key, ours, Metrics.file());
        rows.add(new String[] {quantity, format(ours), nullToEmpty(original), nullToEmpty(note)});
        return this;
    }

    /** Adds a row whose value is text (a setting, a verdict), not handed to the tests. */
    public Results text(String quantity, String ours, String original, String note) {
        require("text", "quantity", quantity);
        rows.add(new String[] {quantity, nullToEmpty(ours), nullToEmpty(original), nullToEmpty(note)});
        return this;
    }

    /**
     * This run's value of the row {@code key}.
     *
     * @throws IllegalArgumentException if there is no such row; the message lists the keys there are
     */
    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Results.get: no row \"" + key + "\"; the rows are " + values.keySet());
        }
        return v;
    }

    /** The table as a Tablesaw {@link Table} with columns quantity, this run, original, note. */
    public Table table() {
        StringColumn q = StringColumn.create("quantity");
        StringColumn o = StringColumn.create("this run");
        StringColumn r = StringColumn.create("original");
        StringColumn n = StringColumn.create("note");
        for (String[] row : rows) {
            q.append(row[0]);
            o.append(row[1]);
            r.append(row[2]);
            n.append(row[3]);
        }
        return Table.create(title, q, o, r, n);
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html());
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** The table as text, one row a line, columns aligned. */
    @Override
    public String toString() {
        return table().printAll();
    }

    private String html() {
        StringBuilder b = new StringBuilder("<table class=\"cadl-results\">\n<caption style=\"text-align:left\"><b>Results: ")
                .append(escape(title)).append("</b></caption>\n<thead><tr>");
        for (String h : new String[] {"quantity", "this run", "original", "note"}) {
            b.append("<th style=\"text-align:left\">").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String[] row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                b.append((i == 1 || i == 2) && NUMBER.matcher(row[i]).matches()
                                ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(row[i])).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>").toString();
    }

    /** Whole numbers without decimals, others with 4 significant digits (0.04412, 92.31, 1.235e-05). */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void require(String method, String what, String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("Results." + method + ": the " + what + " is "
                    + (s == null ? "null" : "blank") + "; give a short name");
        }
    }
}
