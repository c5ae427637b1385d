/**
 * What the notebooks need from the course besides the math: the {@link cadl.notebook.Displayable}
 * contract that every figure, image and GIF implements, the display sink a kernel's init script
 * installs, the {@link cadl.notebook.Results} table that closes every lesson (and hands its numbers to the
 * tests), and the lower-level metrics it is built on.
 */
package cadl.notebook;
