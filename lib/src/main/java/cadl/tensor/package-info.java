/**
 * Tensors with reverse-mode automatic differentiation on ND4J, with a float32 fast path on the Java heap.
 *
 * <ul>
 *   <li>{@link cadl.tensor.Tensor}: the values and, for results of tensors that require gradients,
 *       the op that made them (ordered parents, a scoped op name, the backward rule written beside the
 *       forward code). Its Javadoc holds the one table of primitives and their derivatives.</li>
 *   <li>{@code Engine}: the iterative topological walk of {@code backward()}, where broadcast
 *       gradients of ND4J rules are summed back to each input's shape, graphs are released, and a NaN
 *       or Inf in the forward pass is traced to the op that made it.</li>
 *   <li>{@code Host}: the loops and OpenBLAS calls of the float32 heap path (values in Java arrays),
 *       whose backward rules return gradients already in their inputs' shapes.</li>
 *   <li>{@code Conv}: conv2d and its tied transpose on ND4J's native NHWC ops.</li>
 *   <li>{@link cadl.tensor.Graph}: the ops behind a result, listed by scope and drawn as an image.</li>
 *   <li>{@link cadl.tensor.Scope} (names such as "layer1/W"), {@link cadl.tensor.NoGrad},
 *       {@link cadl.tensor.Rng} (the one seeded source of randomness), {@link cadl.tensor.DType},
 *       {@link cadl.tensor.Padding}, {@link cadl.tensor.Errors} (every error message) and
 *       {@link cadl.tensor.GradCheck} (backward rules against central differences in float64).</li>
 * </ul>
 */
package cadl.tensor;
