/**
 * The course's Jupyter kernel, "Java (CADL)": cells are Java run by JShell inside the kernel's
 * own JVM, with the course library and ND4J on its class path; the Jupyter protocol comes from
 * jjava-jupyter, the base library of the IJava/JJava kernels.
 *
 * <p>{@link cadl.kernel.Main} starts it; {@link cadl.kernel.Kernel} answers the messages;
 * {@link cadl.kernel.CellEvaluator} splits and runs cells and answers completion, inspection
 * and is-complete questions; {@link cadl.kernel.CellExecutionControl} runs the compiled code on
 * its own thread and stops it on an interrupt, with help from the checks
 * {@link cadl.kernel.StopChecks} inserts; {@link cadl.kernel.Outputs} streams a cell's output;
 * {@link cadl.kernel.Notebook} is the display API cells call ({@code display},
 * {@code updateDisplay}, {@code render}, {@code clearOutput}).
 */
package cadl.kernel;
