package cadl.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @Test
    void reportAppendsOneJsonLinePerMetric(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Metrics.report("final_loss", 0.25, file);
        Metrics.report("odd \"name\"", 3.0, file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(
                "{\"name\": \"final_loss\", \"value\": 0.25}",
                "{\"name\": \"odd \\\"name\\\"\", \"value\": 3.0}"), lines);
    }

    @Test
    void reportPrintsNameEqualsValue() {
        PrintStream saved = System.out;
        var bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Metrics.report("gflops", 42.5, null);
        } finally {
            System.setOut(saved);
        }
        assertEquals("gflops = 42.5", bytes.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void nanIsWrittenAsAJsonString(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.jsonl");
        Metrics.report("loss", Double.NaN, file);
        assertEquals("{\"name\": \"loss\", \"value\": \"NaN\"}", Files.readString(file).trim());
    }

    @Test
    void blankNameIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.report(" ", 1.0, null));
        assertTrue(e.getMessage().contains("metric name"), e.getMessage());
    }
}
