package cadl.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @AfterEach
    void restoreTextSink() {
        Display.install(Display.TEXT);
    }

    @Test
    void defaultSinkIsTextOutsideAKernel() {
        assertSame(Display.TEXT, Display.sink());
    }

    @Test
    void textSinkPrintsThePlainTextOfADisplayable() {
        var bytes = new ByteArrayOutputStream();
        var sink = new Display.TextSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Displayable figure = () -> Map.of("image/png", "iVBOR", "text/plain", "Figure(loss)");
        sink.show("id-1", figure);
        sink.update("id-1", "plain object");
        assertEquals("Figure(loss)\nplain object\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void showPassesAFreshIdToTheInstalledSinkAndUpdateReusesIt() {
        List<String> calls = new ArrayList<>();
        Display.install(new Display.Sink() {
            @Override
            public void show(String id, Object o) {
                calls.add("show " + id + " " + o);
            }

            @Override
            public void update(String id, Object o) {
                calls.add("update " + id + " " + o);
            }
        });
        String first = Display.show("a");
        String second = Display.show("b");
        Display.update(first, "c");
        assertNotEquals(first, second);
        assertEquals(List.of("show " + first + " a", "show " + second + " b", "update " + first + " c"), calls);
    }

    @Test
    void updateWithoutAnIdIsRejectedWithAMessageNamingTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> Display.update(" ", "x"));
        assertTrue(e.getMessage().contains("Display.show"), e.getMessage());
    }

    @Test
    void installRejectsNull() {
        assertThrows(NullPointerException.class, () -> Display.install(null));
    }

    @Test
    void plainTextFallsBackToToStringWhenTheBundleHasNoText() {
        Displayable noText = new Displayable() {
            @Override
            public Map<String, String> mimeBundle() {
                return Map.of("image/png", "iVBOR");
            }

            @Override
            public String toString() {
                return "NoText";
            }
        };
        assertEquals("NoText", Display.plainText(noText));
        assertEquals("null", Display.plainText(null));
    }
}
