/**
 * Tensors with reverse-mode automatic differentiation on ND4J: {@link cadl.tensor.Tensor} (the primitive
 * ops, each with its backward rule beside it), the engine that walks a result's graph backwards,
 * {@link cadl.tensor.Scope} for names, {@link cadl.tensor.NoGrad}, the seeded {@link cadl.tensor.Rng},
 * and {@link cadl.tensor.GradCheck} for testing rules against finite differences.
 */
package cadl.tensor;
