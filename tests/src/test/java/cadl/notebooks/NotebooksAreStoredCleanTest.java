package cadl.notebooks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Notebooks are stored as lessons, not as results: no outputs, no execution counts, the course
 * kernelspec, and at most one cell tagged {@code parameters} (exactly one when the notebook's test
 * injects parameters).
 */
class NotebooksAreStoredCleanTest {

    static Stream<Arguments> notebooks() throws IOException {
        return Notebooks.all().stream().map(p -> Arguments.of(Notebooks.key(p), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookHasNoOutputsNoExecutionCountsAndTheCourseKernel(String key, Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        JsonObject spec = nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
        if (spec == null || !"cadl-java".equals(spec.get("name").getAsString())) {
            problems.add("metadata.kernelspec.name must be \"cadl-java\", found " + spec);
        }
        int i = 0;
        int parameterCells = 0;
        for (JsonElement el : nb.getAsJsonArray("cells")) {
            JsonObject cell = el.getAsJsonObject();
            if ("code".equals(cell.get("cell_type").getAsString())) {
                if (cell.has("outputs") && cell.getAsJsonArray("outputs").size() > 0) {
                    problems.add("cell " + i + " has " + cell.getAsJsonArray("outputs").size() + " output(s)");
                }
                if (cell.has("execution_count") && !cell.get("execution_count").isJsonNull()) {
                    problems.add("cell " + i + " has execution_count " + cell.get("execution_count"));
                }
                JsonObject md = cell.getAsJsonObject("metadata");
                if (md != null && md.has("tags") && md.getAsJsonArray("tags").toString().contains("\"parameters\"")) {
                    parameterCells++;
                }
            }
            i++;
        }
        if (parameterCells > 1) {
            problems.add(parameterCells + " cells are tagged 'parameters'; keep one");
        }
        if (!Expectations.forNotebook(key).params().isEmpty() && parameterCells == 0) {
            problems.add("its test injects parameters but no code cell is tagged 'parameters'");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(key + " is not stored clean (clear it with: jupyter nbconvert --clear-output "
                    + "--inplace " + notebook + "):\n- " + String.join("\n- ", problems));
        }
    }
}
