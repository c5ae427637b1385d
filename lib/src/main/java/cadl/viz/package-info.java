/**
 * Pictures from tensors: the images, montages, colour maps and animated GIFs the lessons show.
 *
 * <ul>
 *   <li>{@link cadl.viz.Images}: tensor &lt;-&gt; image for grey {@code [H, W]} / {@code [H, W, 1]} and
 *       RGB {@code [H, W, 3]} pixels in a stated range (0..1, 0..255 or any lo..hi), clipping to 0..255,
 *       resizing (nearest, bilinear, area), reading image files.</li>
 *   <li>{@link cadl.viz.Image}: an image a notebook shows with {@code display(...)} (PNG, tiny images
 *       scaled up with nearest neighbour so a 28x28 digit is visible), saved atomically.</li>
 *   <li>{@link cadl.viz.ColorMap}: gray, coolWarm (diverging, the lesson's cool-to-warm) and viridis
 *       (perceptual), turning a 2-D tensor into an RGB image over an automatic or given range.</li>
 *   <li>{@link cadl.viz.Montage}: {@code N} images on a square grid with 1-pixel borders, as the lesson's
 *       {@code montage} helper does, and every kernel of a {@code [kh, kw, in, out]} filter tensor, as its
 *       {@code montage_filters} does.</li>
 *   <li>{@link cadl.viz.Gif}: an animated GIF built frame by frame with the JDK's own GIF writer (delay,
 *       looping), shown inline and saved atomically, and read back for checking.</li>
 *   <li>{@link cadl.viz.Gallery}: small images on a grid with a caption under each and a title (a label, a
 *       prediction against the truth), grey or through a colour map.</li>
 *   <li>{@link cadl.viz.SideBySide}: pictures in a row under a title, each with its caption ("noisy input /
 *       reconstruction / clean").</li>
 *   <li>{@link cadl.viz.LayerDiagram}: a drawn network, layers as bars sized by their units and weight
 *       matrices as bands between them (the S3 autoencoder diagram).</li>
 * </ul>
 *
 * <p>Convention: unless a method says otherwise, float pixels are in 0..1 (how the course scales MNIST);
 * pass {@link cadl.viz.Images.Range#BYTES} or an explicit {@code lo, hi} for other ranges. Values outside
 * the range are clipped, never wrapped. Sizes are given as {@code (height, width)}, the order of a tensor's
 * shape, everywhere in this package.
 */
package cadl.viz;
