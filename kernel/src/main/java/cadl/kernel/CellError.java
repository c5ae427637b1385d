package cadl.kernel;

import java.util.List;

/** Why a cell stopped: a compile error, an exception, or an interrupt, as Jupyter shows it. */
final class CellError extends Exception {

    private static final long serialVersionUID = 1L;
    static final String RED = "\u001b[0;31m";
    static final String RESET = "\u001b[0m";

    final String ename;
    final String evalue;
    final transient List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    static CellError interrupted(List<String> where) {
        String msg = "the cell was interrupted (Kernel > Interrupt); what earlier cells and statements defined is kept";
        List<String> lines = new java.util.ArrayList<>();
        lines.add(RED + "Interrupted" + RESET + ": " + msg);
        if (where != null) {
            where.stream().filter(s -> s.contains("cell [")).limit(3).forEach(lines::add);
        }
        return new CellError("Interrupted", msg, lines);
    }
}
