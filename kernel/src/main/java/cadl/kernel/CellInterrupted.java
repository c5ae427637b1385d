package cadl.kernel;

/**
 * Thrown into a cell's code by {@link StopChecks#check()} after Kernel &gt; Interrupt. An
 * {@link Error}, so a learner's {@code catch (Exception e)} does not swallow it.
 */
public final class CellInterrupted extends Error {

    private static final long serialVersionUID = 1L;

    CellInterrupted() {
        super("the cell was interrupted", null, false, false);
    }
}
