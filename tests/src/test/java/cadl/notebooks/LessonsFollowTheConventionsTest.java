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
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lesson conventions a machine can check (issue #12): no test plumbing in lesson cells (the tests read
 * the closing {@code Results} table, never {@code Metrics.report}), no display-id juggling (live figures come
 * from {@code LivePlot} / {@code LiveImage}), no on-demand {@code java.util.*} import (with rapaio it hides
 * {@code display}; use single-class imports) and no magics; and a notebook whose test bounds metrics closes
 * with a "Results" section that displays a {@code Results} table. Also that cell ids match the nbformat version
 * (Jupyter refuses to validate a notebook that mixes them).
 */
class LessonsFollowTheConventionsTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "Metrics\\.report|Display\\.(show|update)\\(|import\\s+java\\.util\\.\\*|^\\s*%%?[a-z]+");

    static Stream<Arguments> notebooks() throws IOException {
        return Notebooks.all().stream().map(p -> Arguments.of(Notebooks.key(p), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void lessonCellsHoldNoPlumbingAndTheNotebookClosesWithItsResults(String key, Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        // nbformat 4.5 gave cells an "id"; a 4.4 notebook with ids (or a 4.5 one without) fails Jupyter's validation
        int minor = nb.has("nbformat_minor") ? nb.get("nbformat_minor").getAsInt() : 0;
        int withId = 0;
        for (JsonElement el : nb.getAsJsonArray("cells")) {
            if (el.getAsJsonObject().has("id")) withId++;
        }
        int cells = nb.getAsJsonArray("cells").size();
        if (minor < 5 && withId > 0) {
            problems.add("nbformat 4." + minor + " has no cell ids, but " + withId + " of " + cells + " cells carry one: "
                    + "remove them or make the notebook 4.5 with an id on every cell");
        } else if (minor >= 5 && withId < cells) {
            problems.add("nbformat 4." + minor + " needs an id on every cell; " + (cells - withId) + " of " + cells + " lack one");
        }
        boolean resultsHeading = false;
        boolean resultsShown = false;
        int i = 0;
        for (JsonElement el : nb.getAsJsonArray("cells")) {
            JsonObject cell = el.getAsJsonObject();
            String source = source(cell);
            if ("code".equals(cell.get("cell_type").getAsString())) {
                for (String line : source.split("\n")) {
                    String code = line.replaceAll("//.*$", "").replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"");
                    var m = FORBIDDEN.matcher(code);
                    if (m.find()) {
                        problems.add("cell " + i + " uses '" + m.group().trim() + "': " + line.trim());
                    }
                }
                if (source.contains("Results.of(")) {
                    resultsShown = true;
                }
            } else if (source.lines().anyMatch(l -> l.matches("#+\\s+Results\\b.*"))) {
                resultsHeading = true;
            }
            i++;
        }
        if (!Expectations.forNotebook(key).metrics().isEmpty()) {
            if (!resultsHeading) {
                problems.add("no \"## Results\" section: a lesson closes with its results (its test reads them)");
            }
            if (!resultsShown) {
                problems.add("no cell builds a cadl.notebook.Results table (Results results = Results.of(...)...; then results as the last line)");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(key + " breaks the lesson conventions (README, \"For notebook authors\"):\n- "
                    + String.join("\n- ", problems));
        }
    }

    private static String source(JsonObject cell) {
        JsonElement s = cell.get("source");
        if (s == null) return "";
        if (s.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            s.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
            return b.toString();
        }
        return s.getAsString();
    }
}
