package cadl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.notebook.RecordingSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LivePlotTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void pointsWithinTheIntervalDrawOnceThenFinishDrawsTheLastState() {
        RecordingSink r = new RecordingSink();
        LivePlot live = new LivePlot("Training cost", "iteration", "cost", r, () -> r.now);
        for (int i = 0; i < 100; i++) {
            r.now = i * 1_000_000L;  // 1 ms apart: all within 0.5 s
            live.add("cost", i, 1.0 / (i + 1));
        }
        assertEquals(List.of("show"), r.calls);
        Figure last = live.finish();
        assertEquals(List.of("show", "last"), r.calls);
        assertTrue(last.toString().contains("cost (100 points)"), last.toString());
        assertEquals(2, live.draws());
    }

    @Test
    void pointsFurtherApartThanTheIntervalEachRedraw() {
        RecordingSink r = new RecordingSink();
        LivePlot live = new LivePlot("Cost", "iteration", "cost", r, () -> r.now);
        for (int i = 0; i < 5; i++) {
            r.now = i * 600_000_000L;  // 0.6 s apart
            live.add("train", i, i).add("valid", i, 2 * i);
        }
        // first point shows; each later time step updates once (its second series waits)
        assertEquals(5, live.draws());
        live.finish();
        assertEquals(6, live.draws(), "the pending second series is drawn at the end");
        assertTrue(live.finish().toString().contains("valid (5 points)"));
    }

    @Test
    void showReplacesTheWholeFigureAndRenders() {
        RecordingSink r = new RecordingSink();
        LivePlot live = new LivePlot(null, null, null, r, () -> r.now);
        Figure a = Figure.line("Fit 1", "x", "y").series("fit", new double[] {0, 1}, new double[] {0, 1});
        Figure b = Figure.line("Fit 2", "x", "y").series("fit", new double[] {0, 1}, new double[] {1, 0});
        live.show(a);
        live.show(b);
        assertSame(b, live.finish());
        assertEquals(List.of("show", "last"), r.calls);
        assertEquals(Figure.DEFAULT_WIDTH, ((Figure) r.shown.get(1)).toImage().getWidth());
        assertThrows(IllegalStateException.class, () -> live.add("x", 1, 1));
    }

    @Test
    void liveLinePlotGoesThroughTheInstalledDisplaySink() {
        List<String> calls = new ArrayList<>();
        cadl.notebook.Display.Sink previous = cadl.notebook.Display.sink();
        cadl.notebook.Display.install(new cadl.notebook.Display.Sink() {
            @Override
            public void show(String id, Object o) {
                calls.add("show " + ((Figure) o).title());
            }

            @Override
            public void update(String id, Object o) {
                calls.add("update " + ((Figure) o).title());
            }
        });
        try {
            LivePlot live = LivePlot.line("Cost", "iteration", "cost").intervalMillis(0);
            live.add("cost", 0, 1).add("cost", 1, 0.5).finish();
            assertEquals(List.of("show Cost", "update Cost"), calls, "finish has nothing new to draw");
        } finally {
            cadl.notebook.Display.install(previous);
        }
    }

    @Test
    void outsideAKernelItRunsWithoutADisplay() {
        LivePlot live = LivePlot.line("Cost", "iteration", "cost").intervalMillis(0);
        live.add("cost", 0, 1).add("cost", 1, 0.5);
        assertTrue(live.finish().toString().contains("2 points"));
        assertThrows(IllegalArgumentException.class, () -> LivePlot.line("", "x", "y"));
    }
}
