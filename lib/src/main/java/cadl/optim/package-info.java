/**
 * Optimizers that update a model's parameters from their gradients: {@link cadl.optim.Optimizer} (the shared
 * {@code zeroGrad()} / {@code step()} frame), {@link cadl.optim.SGD} (gradient descent, optional momentum) and
 * {@link cadl.optim.Adam} (Kingma &amp; Ba 2015). A training step reads
 * {@code optimizer.zeroGrad(); loss = ...; loss.backward(); optimizer.step();}.
 */
package cadl.optim;
