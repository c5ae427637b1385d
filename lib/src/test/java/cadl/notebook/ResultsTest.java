package cadl.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    @Test
    void rowsShowBesideTheOriginalAsHtmlAndText() {
        Results r = Results.of("Session 3: classification")
                .dataset("Fashion-MNIST")
                .row("softmax.test_accuracy", "test accuracy, softmax regression", 0.84123, "0.92", "clothes, not digits")
                .row("epochs", "epochs", 5, "5")
                .text("optimizer", "Adam 0.001", "Adam 0.001", "");
        String html = r.mimeBundle().get("text/html");
        assertTrue(html.contains("Results: Session 3: classification") && html.contains("<td style=\"text-align:right\">0.8412</td>")
                && html.contains("clothes, not digits") && html.contains("Fashion-MNIST"), html);
        String text = r.mimeBundle().get("text/plain");
        assertTrue(text.contains("test accuracy, softmax regression") && text.contains("0.8412") && text.contains("0.92"), text);
        assertEquals(0.84123, r.get("softmax.test_accuracy"), 0);
        assertEquals(4, r.table().rowCount());
    }

    @Test
    void numbersAlignRightAndWordsAlignLeft() {
        String html = Results.of("Session 2: gradient descent")
                .dataset("noisy sine")
                .row("cost", "cost there", -0.6155, "about \u22120.5")
                .row("moved", "distance moved", 0.00245, "barely moves")
                .row("ratio", "ratio", 0.23, "\u22120.5", "")
                .mimeBundle().get("text/html");
        assertTrue(html.contains("<td style=\"text-align:right\">-0.6155</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">\u22120.5</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">about \u22120.5</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">barely moves</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">noisy sine</td>"), html);
    }

    @Test
    void numbersAreFormattedForReading() {
        assertEquals("5", Results.format(5));
        assertEquals("56,000", Results.format(56000));
        assertEquals("0.04412", Results.format(0.044123));
        assertEquals("92.31", Results.format(92.3149));
        assertEquals("1.235e-05", Results.format(1.2345e-5));
        assertEquals("NaN", Results.format(Double.NaN));
    }

    @Test
    void everyNumericRowAndTheDataSetReachTheTestsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Metrics.record("a.b", 0.5, file);
        Metrics.record("dataset", "MNIST \"digits\"", file);
        assertEquals("{\"name\": \"a.b\", \"value\": 0.5}\n{\"name\": \"dataset\", \"value\": \"MNIST \\\"digits\\\"\"}\n",
                Files.readString(file));
    }

    @Test
    void badRowsAreRefusedWithTheReason() {
        Results r = Results.of("t").row("k", "q", 1);
        var dup = assertThrows(IllegalArgumentException.class, () -> r.row("k", "other", 2));
        assertTrue(dup.getMessage().contains("\"k\"") && dup.getMessage().contains("already"), dup.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> r.get("nope"));
        assertTrue(missing.getMessage().contains("[k]"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Results.of(" "));
        assertThrows(IllegalArgumentException.class, () -> r.row("", "q", 1));
    }
}
