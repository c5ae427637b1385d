/**
 * Saving and loading models: {@link cadl.io.Checkpoint} writes every named parameter to a numpy-readable
 * {@code .npz} file (a zip of float32 {@code .npy} arrays) and restores it into a model built the same way;
 * {@link cadl.io.Export} writes a {@code Sequential}'s structure (JSON) and weights to one file that loads into a
 * working model without the code that built it. Writes go to a temporary file moved into place, so a failure
 * leaves no partial file.
 */
package cadl.io;
