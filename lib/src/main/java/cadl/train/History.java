package cadl.train;

import cadl.notebook.Displayable;
import cadl.plot.Figure;
import cadl.plot.Panels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A record of training: one row per epoch with the cost and, where measured, the training and validation
 * accuracy. {@link #toTable()} gives a Tablesaw table, {@link #plot()} the curves.
 *
 * <pre>{@code
 * History history = new History();
 * for (int epoch = 1; epoch <= 5; epoch++) {
 *     ... train ...
 *     history.add(epoch, cost, History.NONE, validAccuracy);
 * }
 * display(history.plot());
 * }</pre>
 */
public final class History {
    /** The value of an accuracy that was not measured. */
    public static final double NONE = Double.NaN;

    /** One epoch's figures (accuracies {@link #NONE} when not measured). */
    public record Row(int epoch, double cost, double trainAccuracy, double validAccuracy) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Records an epoch's cost. */
    public History add(int epoch, double cost) {
        return add(epoch, cost, NONE, NONE);
    }

    /** Records an epoch's cost and accuracies (pass {@link #NONE} for one not measured); returns this. */
    public History add(int epoch, double cost, double trainAccuracy, double validAccuracy) {
        check("trainAccuracy", trainAccuracy);
        check("validAccuracy", validAccuracy);
        rows.add(new Row(epoch, cost, trainAccuracy, validAccuracy));
        return this;
    }

    private static void check(String what, double a) {
        if (!Double.isNaN(a) && (a < 0 || a > 1)) {
            throw new IllegalArgumentException("History.add: " + what + " must be a fraction in [0, 1] (or History.NONE), got " + a);
        }
    }

    /** The rows so far (unmodifiable). */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The last row. */
    public Row last() {
        if (rows.isEmpty()) throw new IllegalStateException("History.last: nothing recorded yet (call add after an epoch)");
        return rows.get(rows.size() - 1);
    }

    /** The costs in order. */
    public double[] costs() {
        return rows.stream().mapToDouble(Row::cost).toArray();
    }

    /** The epochs as a Tablesaw table: epoch, cost, and the accuracy columns that hold a value. */
    public Table toTable() {
        Table t = Table.create("history",
                IntColumn.create("epoch", rows.stream().mapToInt(Row::epoch).toArray()),
                DoubleColumn.create("cost", costs()));
        double[] train = rows.stream().mapToDouble(Row::trainAccuracy).toArray();
        double[] valid = rows.stream().mapToDouble(Row::validAccuracy).toArray();
        if (anyValue(train)) t.addColumns(DoubleColumn.create("train accuracy", train));
        if (anyValue(valid)) t.addColumns(DoubleColumn.create("valid accuracy", valid));
        return t;
    }

    private static boolean anyValue(double[] a) {
        for (double v : a) if (!Double.isNaN(v)) return true;
        return false;
    }

    /** The cost per epoch. */
    public Figure plotCost() {
        double[] epochs = rows.stream().mapToDouble(Row::epoch).toArray();
        return Figure.line("Cost per epoch", "epoch", "cost").series("cost", epochs, costs());
    }

    /** Training and validation accuracy per epoch (the measured ones). */
    public Figure plotAccuracy() {
        Figure f = Figure.line("Accuracy per epoch", "epoch", "accuracy");
        for (boolean train : new boolean[] {true, false}) {
            List<Row> have = rows.stream().filter(r -> !Double.isNaN(train ? r.trainAccuracy() : r.validAccuracy())).toList();
            if (have.isEmpty()) continue;
            f.series(train ? "train" : "valid", have.stream().mapToDouble(Row::epoch).toArray(),
                    have.stream().mapToDouble(r -> train ? r.trainAccuracy() : r.validAccuracy()).toArray());
        }
        return f;
    }

    /** The cost curve, beside the accuracy curves when any accuracy was recorded. */
    public Displayable plot() {
        if (rows.isEmpty()) throw new IllegalStateException("History.plot: nothing recorded yet");
        boolean acc = rows.stream().anyMatch(r -> !Double.isNaN(r.trainAccuracy()) || !Double.isNaN(r.validAccuracy()));
        return acc ? Panels.of("Training history", 1, 2, plotCost(), plotAccuracy()) : plotCost();
    }

    /** The table as text. */
    @Override
    public String toString() {
        return toTable().print();
    }
}
