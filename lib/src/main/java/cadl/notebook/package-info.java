/**
 * What the notebooks need from the course besides the math: the {@link cadl.notebook.Displayable}
 * contract that every figure, image and GIF implements, the display sink a kernel's init script
 * installs, and the metrics a notebook reports for its tests.
 */
package cadl.notebook;
