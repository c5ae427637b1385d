package cadl.plot;

import cadl.notebook.Displayable;
import cadl.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * A titled, labelled plot that a notebook shows with {@code display(figure)}: line, scatter and
 * histogram series on numeric axes, drawn by XChart, plus the shaded backgrounds that
 * {@link HeatMap} and {@link DecisionRegions} put under them.
 *
 * <pre>{@code
 * display(Figure.line("A made-up cost", "x", "cost(x)").series("cost", xs, costs));
 * display(Figure.scatter("Noisy sine", "x", "y").series("data", xs, ys).alpha(0.15).marker(Marker.PLUS));
 * display(Figure.histogram("Draws from N(0, 1)", "value", draws, 20));
 * display(Figure.line("Gradient descent", "x", "cost(x)").series("cost", xs, costs)
 *     .seriesByIteration("steps", stepXs, stepCosts));   // cool (first) to warm (last)
 * }</pre>
 *
 * <p>Every figure has a title and both axis labels (the factories require them). The style
 * methods ({@link #alpha}, {@link #marker}, {@link #color}, {@link #lineWidth},
 * {@link #markerSize}) apply to the series added last. Tick labels are round numbers
 * (XChart alone puts x ticks on the data values of evenly spaced x, giving labels such as
 * -0.7487). The default size is {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT} pixels.
 *
 * <p>A figure is a description, drawn afresh by {@link #toImage()}, {@link #mimeBundle()} and
 * {@link #save(Path)}: adding a series after showing it and showing it again shows both.
 */
public final class Figure implements Displayable {

    /** Default width in pixels. */
    public static final int DEFAULT_WIDTH = 600;
    /** Default height in pixels. */
    public static final int DEFAULT_HEIGHT = 400;
    /** How many colour groups {@link #seriesByIteration} splits its points into. */
    static final int ITERATION_COLOURS = 48;
    /** Width in pixels of the colour bar at the right, when there is one. */
    static final int COLOR_BAR_WIDTH = 90;
    /** Smallest width or height we draw. */
    static final int MIN_SIZE = 80;

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207)};

    private static final SecureRandom RANDOM = new SecureRandom();

    enum Style { LINE, SCATTER, AREA }

    /** One series as the user described it; drawn by XChart at render time. */
    static final class Series {
        final String name;
        final double[] xs;
        final double[] ys;
        final Style style;
        final boolean inLegend;
        Color color;
        double alpha = 1.0;
        Marker marker;
        int markerSize;
        float lineWidth = 2f;

        Series(String name, double[] xs, double[] ys, Style style, boolean inLegend) {
            this.name = name;
            this.xs = xs;
            this.ys = ys;
            this.style = style;
            this.inLegend = inLegend;
            this.marker = style == Style.SCATTER ? Marker.CIRCLE : Marker.NONE;
            this.markerSize = style == Style.SCATTER ? 7 : 0;
        }
    }

    /** An image stretched over the data rectangle [x0, x1] x [y0, y1], under the series. */
    record Raster(BufferedImage image, double x0, double x1, double y0, double y1, boolean smooth) {
    }

    /** A vertical colour scale at the right of the plot. */
    record ColorBar(ColorScale scale, double lo, double hi, String label) {
    }

    private final String kind;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Style defaultStyle;
    private final List<Series> series = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private int width = DEFAULT_WIDTH;
    private int height = DEFAULT_HEIGHT;
    private Double xMin;
    private Double xMax;
    private Double yMin;
    private Double yMax;
    private Boolean legend;
    private Raster raster;
    private ColorBar colorBar;
    private int hidden;
    private Painter painter;
    private boolean legendBelow;

    /** Draws a figure that is not an XChart chart (the 3-D surface) into [0, w) x [0, h). */
    interface Painter {
        void paint(Graphics2D g, int w, int h);
    }

    private Figure(String kind, String title, String xLabel, String yLabel, Style defaultStyle) {
        this.kind = kind;
        this.title = require(kind, "title", title, "a title that says what the figure shows");
        this.xLabel = require(kind, "x label", xLabel, "what x is, e.g. \"x\" or \"iteration\"");
        this.yLabel = require(kind, "y label", yLabel, "what y is, e.g. \"cost\"");
        this.defaultStyle = defaultStyle;
    }

    private static String require(String kind, String what, String value, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Figure." + kind + ": the " + what + " is "
                + (value == null ? "null" : "blank") + "; every figure needs " + example);
        }
        return value;
    }

    /** A figure whose {@link #series} are lines joining the points in order. */
    public static Figure line(String title, String xLabel, String yLabel) {
        return new Figure("line", title, xLabel, yLabel, Style.LINE);
    }

    /** A figure whose {@link #series} are unjoined points (circles; see {@link #marker}). */
    public static Figure scatter(String title, String xLabel, String yLabel) {
        return new Figure("scatter", title, xLabel, yLabel, Style.SCATTER);
    }

    /** A histogram of {@code values} in {@code bins} equal bins over their range; the y axis counts. */
    public static Figure histogram(String title, String xLabel, double[] values, int bins) {
        return new Figure("histogram", title, xLabel, "count", Style.AREA).hist("values", values, bins);
    }

    /**
     * An empty histogram figure to fill with named {@link #hist} series, for two histograms on
     * one pair of axes: {@code Figure.histogram("Initial weights", "value").hist("N(0, 1)", a, 30).hist("N(0, 0.1)", b, 30)}.
     */
    public static Figure histogram(String title, String xLabel) {
        return new Figure("histogram", title, xLabel, "count", Style.AREA);
    }

    /** {@link #histogram(String, String, double[], int)} of a float array. */
    public static Figure histogram(String title, String xLabel, float[] values, int bins) {
        return histogram(title, xLabel, toDouble(values), bins);
    }

    /** {@link #histogram(String, String, double[], int)} of every element of a tensor. */
    public static Figure histogram(String title, String xLabel, Tensor values, int bins) {
        return histogram(title, xLabel, values.toDoubleArray(), bins);
    }

    /** A figure drawn by {@code painter} instead of XChart (title and labels are the painter's to draw). */
    static Figure painted(String kind, String title, String xLabel, String yLabel, Painter painter) {
        Figure f = new Figure(kind, title, xLabel, yLabel, Style.LINE);
        f.painter = painter;
        return f;
    }

    /** A figure with no default series style, for {@link HeatMap} and {@link DecisionRegions}. */
    static Figure plane(String kind, String title, String xLabel, String yLabel) {
        return new Figure(kind, title, xLabel, yLabel, Style.SCATTER);
    }

    // ------------------------------------------------------------------ series

    /** Adds a series in the figure's style (lines for {@link #line}, points for {@link #scatter}). */
    public Figure series(String name, double[] xs, double[] ys) {
        return add(name, xs, ys, defaultStyle == Style.AREA ? Style.LINE : defaultStyle, true);
    }

    /** {@link #series(String, double[], double[])} for float arrays. */
    public Figure series(String name, float[] xs, float[] ys) {
        return series(name, toDouble(xs), toDouble(ys));
    }

    /** {@link #series(String, double[], double[])} for tensors (all elements, in order). */
    public Figure series(String name, Tensor xs, Tensor ys) {
        return series(name, xs.toDoubleArray(), ys.toDoubleArray());
    }

    /** A series of ys against their index 0, 1, 2, ... (a cost per iteration). */
    public Figure series(String name, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i;
        }
        return series(name, xs, ys);
    }

    /** {@link #series(String, double[])} of a tensor's elements, in order (the costs of a run). */
    public Figure series(String name, Tensor ys) {
        return series(name, ys.toDoubleArray());
    }

    /** Adds a line series, whatever the figure's style (a fitted line over a scatter). */
    public Figure line(String name, double[] xs, double[] ys) {
        return add(name, xs, ys, Style.LINE, true);
    }

    /** {@link #line(String, double[], double[])} for tensors. */
    public Figure line(String name, Tensor xs, Tensor ys) {
        return line(name, xs.toDoubleArray(), ys.toDoubleArray());
    }

    /** Adds a scatter series, whatever the figure's style (points over a curve). */
    public Figure points(String name, double[] xs, double[] ys) {
        return add(name, xs, ys, Style.SCATTER, true);
    }

    /** {@link #points(String, double[], double[])} for tensors. */
    public Figure points(String name, Tensor xs, Tensor ys) {
        return points(name, xs.toDoubleArray(), ys.toDoubleArray());
    }

    /** Adds a histogram of {@code values} in {@code bins} equal bins over their range (filled steps). */
    public Figure hist(String name, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("Figure.hist(\"" + name + "\"): bins is " + bins
                + "; use at least 1 (20 to 50 suit 1000 values)");
        }
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Figure.hist(\"" + name + "\"): no values to count");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("Figure.hist(\"" + name + "\"): none of the "
                + values.length + " values is finite");
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] counts = new double[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) ((v - lo) / (hi - lo) * bins);
                counts[Math.min(Math.max(b, 0), bins - 1)]++;
            }
        }
        double[] xs = new double[2 * bins + 2];
        double[] ys = new double[2 * bins + 2];
        for (int b = 0; b < bins; b++) {
            xs[2 * b + 1] = lo + (hi - lo) * b / bins;
            xs[2 * b + 2] = lo + (hi - lo) * (b + 1) / bins;
            ys[2 * b + 1] = counts[b];
            ys[2 * b + 2] = counts[b];
        }
        xs[0] = lo;
        xs[2 * bins + 1] = hi;
        if (yMin == null) {
            yMin = 0.0;
        }
        add(name, xs, ys, Style.AREA, true);
        return alpha(0.6);
    }

    /** {@link #hist(String, double[], int)} of a float array. */
    public Figure hist(String name, float[] values, int bins) {
        return hist(name, toDouble(values), bins);
    }

    /** {@link #hist(String, double[], int)} of every element of a tensor. */
    public Figure hist(String name, Tensor values, int bins) {
        return hist(name, values.toDoubleArray(), bins);
    }

    /**
     * Adds points coloured by their order, cool (first) to warm (last), with a colour bar
     * labelled "iteration" instead of a legend entry: the path gradient descent takes.
     */
    public Figure seriesByIteration(String name, double[] xs, double[] ys) {
        check(name, xs, ys);
        int n = xs.length;
        int groupsCount = Math.min(n, ITERATION_COLOURS);
        for (int g = 0; g < groupsCount; g++) {
            int from = (int) ((long) g * n / groupsCount);
            int to = (int) ((long) (g + 1) * n / groupsCount);
            double[] gx = java.util.Arrays.copyOfRange(xs, from, to);
            double[] gy = java.util.Arrays.copyOfRange(ys, from, to);
            double t = groupsCount == 1 ? 0 : (double) g / (groupsCount - 1);
            Series s = new Series(hiddenName(), gx, gy, Style.SCATTER, false);
            s.color = ColorScale.COOL_WARM.at(t);
            series.add(s);
        }
        groups.add(name + " (" + n + " points by iteration)");
        colorBar = new ColorBar(ColorScale.COOL_WARM, 0, n - 1, "iteration");
        return this;
    }

    /** {@link #seriesByIteration(String, double[], double[])} for tensors. */
    public Figure seriesByIteration(String name, Tensor xs, Tensor ys) {
        return seriesByIteration(name, xs.toDoubleArray(), ys.toDoubleArray());
    }

    private Figure add(String name, double[] xs, double[] ys, Style style, boolean inLegend) {
        check(name, xs, ys);
        for (Series s : series) {
            if (s.name.equals(name)) {
                throw new IllegalArgumentException("Figure: a series named \"" + name
                    + "\" is already in \"" + title + "\"; give each series its own name");
            }
        }
        Series s = new Series(name, xs.clone(), ys.clone(), style, inLegend);
        series.add(s);
        groups.add(name + " (" + xs.length + " points)");
        return this;
    }

    private void check(String name, double[] xs, double[] ys) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Figure: a series needs a name for its legend, got "
                + (name == null ? "null" : "a blank name"));
        }
        if (xs == null || ys == null) {
            throw new IllegalArgumentException("Figure.series(\"" + name + "\"): "
                + (xs == null ? "xs" : "ys") + " is null");
        }
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("Figure.series(\"" + name + "\"): xs has " + xs.length
                + " values but ys has " + ys.length + "; give one y for every x");
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException("Figure.series(\"" + name + "\"): xs and ys are empty");
        }
    }

    private String hiddenName() {
        return "\u0000" + (hidden++);
    }

    private Series last(String method) {
        for (int i = series.size() - 1; i >= 0; i--) {
            if (series.get(i).inLegend) {
                return series.get(i);
            }
        }
        throw new IllegalStateException("Figure." + method + ": \"" + title
            + "\" has no series yet; add one first, e.g. .series(\"cost\", xs, ys)." + method + "(...)");
    }

    // ------------------------------------------------------------------ style of the last series

    /** Opacity of the last series, 0 (invisible) to 1 (opaque): low alpha shows where points pile up. */
    public Figure alpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("Figure.alpha: " + alpha + " is not in [0, 1]");
        }
        last("alpha").alpha = alpha;
        return this;
    }

    /** Marker of the last series (a line series with a marker also shows its points). */
    public Figure marker(Marker marker) {
        Series s = last("marker");
        s.marker = marker;
        if (s.markerSize == 0) {
            s.markerSize = 6;
        }
        return this;
    }

    /** Marker size in pixels of the last series. */
    public Figure markerSize(int pixels) {
        last("markerSize").markerSize = pixels;
        return this;
    }

    /** Colour of the last series (default: the next colour of a ten-colour palette). */
    public Figure color(Color color) {
        last("color").color = color;
        return this;
    }

    /** Line width in pixels of the last series. */
    public Figure lineWidth(double pixels) {
        last("lineWidth").lineWidth = (float) pixels;
        return this;
    }

    // ------------------------------------------------------------------ figure options

    /** Size of the image in pixels. */
    public Figure size(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE) {
            throw new IllegalArgumentException("Figure.size: " + width + " x " + height
                + " is too small to draw a titled plot; use at least " + MIN_SIZE + " x " + MIN_SIZE);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Fixes the x axis to [min, max] instead of fitting the data. */
    public Figure xRange(double min, double max) {
        checkRange("xRange", min, max);
        xMin = min;
        xMax = max;
        return this;
    }

    /** Fixes the y axis to [min, max] instead of fitting the data. */
    public Figure yRange(double min, double max) {
        checkRange("yRange", min, max);
        yMin = min;
        yMax = max;
        return this;
    }

    private static void checkRange(String method, double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("Figure." + method + ": min " + min
                + " must be below max " + max);
        }
    }

    /** Shows or hides the legend (default: shown when there are two or more named series). */
    public Figure legend(boolean visible) {
        legend = visible;
        return this;
    }

    Figure raster(Raster r) {
        raster = r;
        xMin = r.x0();
        xMax = r.x1();
        yMin = r.y0();
        yMax = r.y1();
        return this;
    }

    /** Puts the legend in one row under the plot, where it covers no data. */
    public Figure legendBelow() {
        legendBelow = true;
        return this;
    }

    Figure colorBar(ColorBar bar) {
        colorBar = bar;
        return this;
    }

    Figure hiddenLine(double[] xs, double[] ys, Color color, float width) {
        Series s = new Series(hiddenName(), xs, ys, Style.LINE, false);
        s.color = color;
        s.lineWidth = width;
        series.add(s);
        return this;
    }

    Figure group(String description) {
        groups.add(description);
        return this;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    // ------------------------------------------------------------------ drawing

    /** Draws the figure at its {@link #size}. */
    public BufferedImage toImage() {
        return toImage(width, height);
    }

    /** Draws the figure at width x height pixels (the figure's own size is unchanged). */
    public BufferedImage toImage(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            paint(g, w, h);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Paints the figure into g over [0, w) x [0, h). */
    void paint(Graphics2D g, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (painter != null) {
            painter.paint(g, w, h);
            return;
        }
        int chartW = colorBar == null ? w : Math.max(MIN_SIZE, w - COLOR_BAR_WIDTH);
        BoundsChart chart = chart(chartW, h);
        Rectangle2D plot = null;
        if (raster != null || colorBar != null) {
            BufferedImage scratch = new BufferedImage(chartW, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D sg = scratch.createGraphics();
            chart.paint(sg, chartW, h);
            sg.dispose();
            plot = chart.plotBounds();
        }
        if (raster != null) {
            Object hint = raster.smooth() ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
            g.drawImage(raster.image(), (int) Math.round(plot.getX()), (int) Math.round(plot.getY()),
                (int) Math.round(plot.getWidth()), (int) Math.round(plot.getHeight()), null);
            chart.getStyler().setChartBackgroundColor(new Color(0, 0, 0, 0));
            chart.getStyler().setPlotBackgroundColor(new Color(0, 0, 0, 0));
        }
        Graphics2D cg = (Graphics2D) g.create(0, 0, chartW, h);
        chart.paint(cg, chartW, h);
        cg.dispose();
        if (colorBar != null) {
            paintColorBar(g, colorBar, chartW, plot, w);
        }
    }

    /** XYChart that tells where its plot area ended up (for the raster and the colour bar). */
    static final class BoundsChart extends XYChart {
        BoundsChart(int w, int h) {
            super(w, h);
        }

        Rectangle2D plotBounds() {
            return plot.getBounds();
        }
    }

    private BoundsChart chart(int w, int h) {
        if (series.isEmpty() && raster == null) {
            throw new IllegalStateException("Figure \"" + title + "\" has no series to draw; add one, "
                + "e.g. .series(\"cost\", xs, ys)");
        }
        BoundsChart chart = new BoundsChart(w, h);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        XYStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(120, 120, 120));
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setPlotGridLinesStroke(new BasicStroke(1f));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setChartTitleBoxVisible(false);
        st.setYAxisLabelAlignment(org.knowm.xchart.style.AxesChartStyler.TextAlignment.Right);
        st.setLegendBorderColor(new Color(200, 200, 200));
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        st.setXAxisTickMarkSpacingHint(Math.max(60, w / 9));
        st.setYAxisTickMarkSpacingHint(Math.max(40, h / 9));
        st.setXAxisMin(xMin);
        st.setXAxisMax(xMax);
        st.setYAxisMin(yMin);
        st.setYAxisMax(yMax);
        int named = 0;
        for (Series s : series) {
            named += s.inLegend ? 1 : 0;
        }
        st.setLegendVisible(legend != null ? legend : named >= 2);
        if (legendBelow) {
            st.setLegendPosition(Styler.LegendPosition.OutsideS);
            st.setLegendLayout(Styler.LegendLayout.Horizontal);
            st.setLegendBorderColor(Color.WHITE);
        }
        if (raster != null) {
            st.setPlotContentSize(1.0);
            st.setPlotGridLinesVisible(false);
        }
        int colour = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name, s.xs, s.ys);
            Color c = s.color != null ? s.color : s.inLegend ? PALETTE[colour++ % PALETTE.length]
                : Color.DARK_GRAY;
            Color ca = withAlpha(c, s.alpha);
            xy.setShowInLegend(s.inLegend);
            xy.setLineColor(ca);
            xy.setMarkerColor(ca);
            xy.setFillColor(withAlpha(c, s.alpha * (s.style == Style.AREA ? 1 : 0.3)));
            xy.setLineWidth(s.lineWidth);
            // a line through one point draws nothing: show the point
            boolean lonePoint = s.style == Style.LINE && s.xs.length == 1 && s.marker == Marker.NONE;
            xy.setMarker(lonePoint ? Marker.CIRCLE.xchart() : s.marker.xchart());
            switch (s.style) {
                case LINE -> xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                case SCATTER -> xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case AREA -> {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    xy.setLineColor(c.darker());
                    xy.setLineWidth(1f);
                }
            }
            for (int i = 0; i < s.xs.length; i++) {
                if (Double.isFinite(s.xs[i]) && Double.isFinite(s.ys[i])) {
                    minX = Math.min(minX, s.xs[i]);
                    maxX = Math.max(maxX, s.xs[i]);
                    minY = Math.min(minY, s.ys[i]);
                    maxY = Math.max(maxY, s.ys[i]);
                }
            }
        }
        // marker size is per chart in XChart 4: use the largest asked for
        int size = 0;
        for (Series s : series) {
            size = Math.max(size, s.markerSize);
        }
        st.setMarkerSize(size > 0 ? size : 7);
        if (raster != null) {
            minX = raster.x0();
            maxX = raster.x1();
            minY = raster.y0();
            maxY = raster.y1();
        }
        // XChart writes values from 10^4 up in E notation (5.5E5); thousands separators read better
        if (Math.max(Math.abs(minY), Math.abs(maxY)) >= 1e4 && Math.max(Math.abs(minY), Math.abs(maxY)) < 1e9) {
            st.setYAxisDecimalPattern("#,##0.##");
        }
        if (Math.max(Math.abs(minX), Math.abs(maxX)) >= 1e4 && Math.max(Math.abs(minX), Math.abs(maxX)) < 1e9) {
            st.setXAxisDecimalPattern("#,##0.##");
        }
        // One invisible point off the data grid, so XChart never puts ticks on the values of evenly
        // spaced data (which gives labels such as -0.7487, or a tick every 5000): it then falls
        // back to round ticks.
        if (maxX > minX || maxY > minY) {
            XYSeries pin = chart.addSeries(hiddenName(),
                new double[] {minX + (maxX - minX) * 0.1234567}, new double[] {minY + (maxY - minY) * 0.1234567});
            pin.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pin.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            pin.setShowInLegend(false);
        }
        return chart;
    }

    private static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(),
            (int) Math.round(Math.max(0, Math.min(1, alpha)) * c.getAlpha()));
    }

    /** The colour scale beside the plot: gradient, round ticks, rotated label. */
    static void paintColorBar(Graphics2D g, ColorBar bar, int left, Rectangle2D plot, int w) {
        int x = left + 12;
        int barW = 16;
        int top = (int) Math.round(plot.getY());
        int bottom = (int) Math.round(plot.getY() + plot.getHeight());
        int hgt = Math.max(1, bottom - top);
        for (int i = 0; i < hgt; i++) {
            g.setColor(bar.scale().at(1.0 - (i + 0.5) / hgt));
            g.fillRect(x, top + i, barW, 1);
        }
        g.setColor(new Color(120, 120, 120));
        g.drawRect(x, top, barW, hgt);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double lo = bar.lo();
        double hi = bar.hi();
        for (double v : Ticks.between(lo, hi, Math.max(2, hgt / 45))) {
            int y = hi > lo ? (int) Math.round(bottom - (v - lo) / (hi - lo) * hgt) : (top + bottom) / 2;
            g.setColor(new Color(120, 120, 120));
            g.drawLine(x + barW, y, x + barW + 4, y);
            g.setColor(Color.BLACK);
            g.drawString(Ticks.label(v), x + barW + 6, y + 4);
        }
        if (bar.label() != null) {
            Font f = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            g.setFont(f);
            int tw = g.getFontMetrics().stringWidth(bar.label());
            AffineTransform saved = g.getTransform();
            g.translate(Math.min(w - 6, x + barW + 62), top + hgt / 2.0 + tw / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(bar.label(), 0, 0);
            g.setTransform(saved);
        }
    }

    // ------------------------------------------------------------------ output

    /** PNG bytes of {@link #toImage()}. */
    public byte[] toPng() {
        return png(toImage());
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Figure: could not encode PNG", e);
        }
    }

    /**
     * Writes the figure as a PNG file, atomically: a temporary file in the same folder, then
     * moved into place, so a reader never sees half a file. Returns the path.
     */
    public Path save(Path path) {
        return save(path, toPng());
    }

    static Path save(Path path, byte[] png) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("Figure.save: " + path + " does not end in .png; "
                + "figures are saved as PNG");
        }
        Path target = path.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // not Files.createTempFile, which makes the file owner-only (0600): a figure gets the
            // permissions any new file gets
            tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            Files.write(tmp, png, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Figure.save: could not write " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the first error is the one worth reporting
                }
            }
        }
    }

    /** {@code image/png} (base64) and a {@code text/plain} summary. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("image/png", Base64.getEncoder().encodeToString(toPng()));
        m.put("text/plain", toString());
        return m;
    }

    /** For example {@code Figure "Cost" (line, 600x400; x: x, y: cost(x)): cost (200 points)}. */
    @Override
    public String toString() {
        return "Figure \"" + title + "\" (" + kind + ", " + width + "x" + height + "; x: " + xLabel
            + ", y: " + yLabel + ")" + (groups.isEmpty() ? "" : ": " + String.join(", ", groups));
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

}
