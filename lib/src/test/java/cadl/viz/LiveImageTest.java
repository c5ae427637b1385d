package cadl.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cadl.notebook.RecordingSink;
import cadl.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveImageTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static Image grey(float v) {
        return Images.image(Tensor.full(v, 4, 4), 0, 1);
    }

    @Test
    void picturesWithinTheIntervalDrawOnceThenFinishShowsTheLast() {
        RecordingSink r = new RecordingSink();
        LiveImage live = new LiveImage(r, () -> r.now);
        Image last = null;
        for (int i = 0; i < 10; i++) {
            r.now = i * 1_000_000L;  // 1 ms apart: all within 0.5 s
            last = grey(i / 10f);
            live.show(last);
        }
        assertEquals(List.of("show"), r.calls);
        assertSame(last, live.finish());
        assertEquals(List.of("show", "last"), r.calls);
        assertSame(last, r.shown.get(1));
        assertEquals(2, live.draws());
        live.finish();  // nothing new: no further drawing
        assertEquals(2, live.draws());
    }

    @Test
    void picturesFurtherApartThanTheIntervalEachRedraw() {
        RecordingSink r = new RecordingSink();
        LiveImage live = new LiveImage(r, () -> r.now);
        for (int i = 0; i < 4; i++) {
            r.now = i * 600_000_000L;
            live.show(grey(0.5f));
        }
        assertEquals(List.of("show", "update", "update", "update"), r.calls);
        live.finish();
        assertEquals(4, live.draws(), "the last update is visible: nothing to redraw");
    }

    @Test
    void onATextConsoleFinishPrintsTheFinalPictureEvenIfItsUpdateWasDue() {
        RecordingSink r = new RecordingSink();
        r.updatesVisible = false;  // Display's text sink prints only the first and the last drawing
        LiveImage live = new LiveImage(r, () -> r.now);
        for (int i = 0; i < 3; i++) {
            r.now = i * 600_000_000L;
            live.show(grey(0.5f));
        }
        live.finish();
        assertEquals(List.of("show", "update", "update", "last"), r.calls);
        live.finish();
        assertEquals(4, live.draws(), "a second finish draws nothing new");
    }

    @Test
    void misuseIsExplained() {
        RecordingSink r = new RecordingSink();
        LiveImage live = new LiveImage(r, () -> r.now);
        var e = assertThrows(IllegalStateException.class, live::finish);
        assertEquals(true, e.getMessage().contains("show(image)"));
        assertThrows(IllegalArgumentException.class, () -> live.show((Image) null));
        assertThrows(IllegalArgumentException.class, () -> live.intervalMillis(-1));
    }
}
