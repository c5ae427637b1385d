package cadl.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The notebook test must catch a broken lesson: a copy of notebook 00 with a cell that throws is
 * run the same way, and the failure message names the cell, its source and the exception.
 */
class BrokenCellIsReportedTest {

    static final String WELCOME = "00-welcome.ipynb";
    static final String BROKEN_SOURCE = "throw new IllegalStateException(\"deliberately broken cell\");";

    @Test
    void aFailingCellFailsTheNotebookTestWithTheCellAndItsError() throws Exception {
        Path original = Notebooks.DIR.resolve(WELCOME);
        JsonObject nb = JsonParser.parseString(Files.readString(original, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        int at = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).getAsJsonObject().getAsJsonObject("metadata").toString().contains("\"parameters\"")) {
                at = i + 1;
                break;
            }
        }
        JsonObject broken = new JsonObject();
        broken.addProperty("cell_type", "code");
        broken.add("metadata", new JsonObject());
        broken.add("outputs", new JsonArray());
        broken.add("execution_count", null);
        broken.addProperty("source", BROKEN_SOURCE);
        JsonArray newCells = new JsonArray();
        for (int i = 0; i < cells.size(); i++) {
            if (i == at) {
                newCells.add(broken);
            }
            newCells.add(cells.get(i));
        }
        nb.add("cells", newCells);
        Path dir = TestKernel.TARGET.resolve("broken");
        Files.createDirectories(dir);
        Path copy = dir.resolve("00-welcome-broken.ipynb");
        Files.writeString(copy, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(nb), StandardCharsets.UTF_8);

        Expectations.Expectation e = Expectations.forNotebook(WELCOME);
        NotebookRun run = NotebookRun.execute(copy, e, dir);
        String message = run.problems(e);
        assertNotNull(message, "a notebook with a throwing cell passed its test");
        int brokenIndex = at + (e.params().isEmpty() ? 0 : 1); // the injected cell comes first
        assertTrue(message.contains("cell " + brokenIndex + " failed"), message);
        assertTrue(message.contains("deliberately broken cell"), message);
        assertTrue(message.contains("IllegalStateException"), message);
        assertTrue(message.contains(BROKEN_SOURCE), message);
        assertEquals(1, run.summary.getAsJsonArray("errors").size(), message);
    }
}
