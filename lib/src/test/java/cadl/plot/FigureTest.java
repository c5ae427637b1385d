package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static double[] xs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -1 + 2.0 * i / (n - 1);
        }
        return x;
    }

    static double[] cost(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(10 * x[i]) * Math.exp(-x[i]);
        }
        return y;
    }

    /** Distinct colours in the image: a blank (all white) image has one. */
    static int colours(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                s.add(img.getRGB(x, y));
            }
        }
        return s.size();
    }

    static BufferedImage decodePng(Map<String, String> bundle) throws Exception {
        byte[] png = Base64.getDecoder().decode(bundle.get("image/png"));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void lineFigureRendersPngOfAskedSizeThatIsNotBlank() throws Exception {
        double[] x = xs(200);
        Figure f = Figure.line("A made-up cost", "x", "cost(x)").series("cost", x, cost(x)).size(640, 360);
        BufferedImage img = decodePng(f.mimeBundle());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
        assertTrue(colours(img) > 10, "a drawn chart has many colours");
        assertTrue(f.mimeBundle().get("text/plain").contains("A made-up cost"));
    }

    @Test
    void scatterWithAlphaPlusMarkersAndLineRenders() {
        double[] x = xs(1000);
        Figure f = Figure.scatter("Noisy sine", "x", "y").series("data", x, cost(x)).alpha(0.15)
            .marker(Marker.PLUS).line("fit", x, x);
        BufferedImage img = f.toImage();
        assertEquals(Figure.DEFAULT_WIDTH, img.getWidth());
        assertEquals(Figure.DEFAULT_HEIGHT, img.getHeight());
        assertTrue(colours(img) > 10);
    }

    @Test
    void seriesByIterationAddsColourBarAndNoLegendPerGroup() {
        double[] x = xs(500);
        Figure f = Figure.line("Descent", "x", "cost(x)").seriesByIteration("steps", x, cost(x));
        BufferedImage img = f.toImage(500, 300);
        assertEquals(500, img.getWidth());
        assertTrue(f.toString().contains("500 points by iteration"), f.toString());
        // the colour bar at the right holds both ends of the cool-to-warm scale
        Set<Integer> right = new HashSet<>();
        for (int y = 0; y < 300; y++) {
            for (int xx = 500 - Figure.COLOR_BAR_WIDTH; xx < 500; xx++) {
                right.add(img.getRGB(xx, y) & 0xffffff);
            }
        }
        assertTrue(right.contains(ColorScale.COOL_WARM.at(0.0).getRGB() & 0xffffff)
            || right.size() > 50, "colour bar drawn");
    }

    @Test
    void histogramCountsEveryValueAndRenders() {
        double[] v = new double[1000];
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        Figure f = Figure.histogram("Draws from N(0, 1)", "value", v, 25).hist("N(0, 0.1)", v, 10);
        assertEquals(300, f.size(400, 300).toImage().getHeight());
        assertTrue(f.toString().contains("histogram"));
    }

    @Test
    void tensorAndFloatSeriesAreAccepted() {
        Figure f = Figure.line("Tensors", "x", "y")
            .series("t", Tensor.linspace(0, 1, 5), Tensor.linspace(1, 2, 5))
            .series("f", new float[] {0f, 1f}, new float[] {2f, 3f})
            .series("costs", Tensor.of(3.0, 2.0, 1.5));
        assertTrue(f.toString().contains("costs (3 points)"), f.toString());
        assertTrue(f.toString().contains("t (5 points)"), f.toString());
        assertEquals(Figure.DEFAULT_WIDTH, f.toImage().getWidth());
    }

    @Test
    void seriesOfDifferentLengthsNamesBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Figure.line("Cost", "x", "y").series("cost", new double[200], new double[199]));
        assertTrue(e.getMessage().contains("200") && e.getMessage().contains("199"), e.getMessage());
        assertTrue(e.getMessage().contains("cost"), e.getMessage());
    }

    @Test
    void missingTitleOrLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Figure.line("", "x", "y"));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Figure.scatter("T", "x", null));
        assertTrue(e.getMessage().contains("y label"), e.getMessage());
    }

    @Test
    void styleBeforeAnySeriesAndEmptyFigureAreRefused() {
        assertThrows(IllegalStateException.class, () -> Figure.line("T", "x", "y").alpha(0.5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Figure.line("Empty", "x", "y").toImage());
        assertTrue(e.getMessage().contains("no series"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> Figure.line("T", "x", "y").series("a", new double[] {1}, new double[] {1}).alpha(1.5));
        assertThrows(IllegalArgumentException.class,
            () -> Figure.line("T", "x", "y").series("a", new double[] {1}, new double[] {1})
                .series("a", new double[] {1}, new double[] {1}));
    }

    @Test
    void saveWritesPngAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        double[] x = xs(50);
        Path out = Figure.line("Saved", "x", "y").series("c", x, cost(x)).size(300, 200)
            .save(dir.resolve("sub/fig.png"));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(300, img.getWidth());
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "only the PNG remains");
        }
        assertThrows(IllegalArgumentException.class,
            () -> Figure.line("S", "x", "y").series("c", x, x).save(dir.resolve("fig.jpg")));
    }

    @Test
    void lineThroughOnePointStillShowsThePoint() {
        BufferedImage img = Figure.line("One point", "x", "y")
            .series("p", new double[] {1}, new double[] {2}).toImage(300, 200);
        int blue = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                int rgb = img.getRGB(x, y);
                blue += ((rgb & 255) > 150 && ((rgb >> 16) & 255) < 80) ? 1 : 0;
            }
        }
        assertTrue(blue > 10, "the point is drawn: " + blue + " blue pixels");
    }

    @Test
    void roundTicksFormatWithoutTrailingDigits() {
        assertEquals(java.util.List.of(-1.0, -0.5, 0.0, 0.5, 1.0), Ticks.between(-1, 1, 4));
        assertEquals("0.25", Ticks.label(0.25));
        assertEquals("-2", Ticks.label(-2.0));
    }
}
