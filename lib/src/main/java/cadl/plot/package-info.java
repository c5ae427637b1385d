/**
 * Plots for the notebooks, on XChart: {@link cadl.plot.Figure} (line, scatter with alpha and
 * markers, points coloured by iteration, histograms), {@link cadl.plot.Panels} (a grid of
 * figures under one title), {@link cadl.plot.HeatMap} (a function of two variables shaded with
 * contour lines and a colour bar) and {@link cadl.plot.Surface} (the same as a lit 3-D surface in a turntable projection),
 * {@link cadl.plot.DecisionRegions} (the plane shaded by a classifier's prediction, with the
 * labelled points) and {@link cadl.plot.LivePlot} (a figure that redraws in place while a model
 * trains). Every one is a {@link cadl.notebook.Displayable}: {@code display(figure)} shows it.
 */
package cadl.plot;
