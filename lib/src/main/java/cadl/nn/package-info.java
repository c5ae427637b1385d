/**
 * Layers and models: {@link cadl.nn.Module} (named parameters with scoped names such as
 * {@code "encoder/layer/0/W"}, training and evaluation modes, state dictionaries), the layers
 * {@link cadl.nn.Linear}, {@link cadl.nn.Conv2d}, {@link cadl.nn.ConvTranspose2d} (tied to a Conv2d),
 * {@link cadl.nn.TiedLinear}, {@link cadl.nn.Dropout}, {@link cadl.nn.MaskingNoise}, {@link cadl.nn.Flatten},
 * {@link cadl.nn.Reshape}, the container {@link cadl.nn.Sequential}, initialisers ({@link cadl.nn.Init})
 * and activations ({@link cadl.nn.Activation}). Every layer is built from {@code cadl.tensor} ops, so it has no
 * backward code of its own.
 */
package cadl.nn;
