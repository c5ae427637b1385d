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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One execution of a notebook by {@code tests/run_notebook.py} through the test kernelspec, and the
 * check of its summary against an {@link Expectations.Expectation}.
 */
final class NotebookRun {

    /** Where executed notebooks, their HTML and summaries go. */
    static final Path OUT = TestKernel.REPO.resolve("tests/target/notebooks");

    final Path notebook;
    final Path summaryFile;
    final JsonObject summary;
    final String runnerOutput;

    private NotebookRun(Path notebook, Path summaryFile, JsonObject summary, String runnerOutput) {
        this.notebook = notebook;
        this.summaryFile = summaryFile;
        this.summary = summary;
        this.runnerOutput = runnerOutput;
    }

    /**
     * Runs {@code notebook} with the expectation's parameters; output goes to {@code outDir}.
     */
    static NotebookRun execute(Path notebook, Expectations.Expectation e, Path outDir) throws IOException, InterruptedException {
        TestKernel.install();
        List<String> cmd = new ArrayList<>(List.of(TestKernel.python(), TestKernel.REPO.resolve("tests/run_notebook.py").toString(),
                notebook.toString(), "--out", outDir.toString(), "--kernel", TestKernel.NAME,
                "--timeout", Integer.toString(e.timeoutSeconds())));
        for (Map.Entry<String, String> p : e.params().entrySet()) {
            cmd.add("--param");
            cmd.add(p.getKey() + "=" + p.getValue());
        }
        Files.createDirectories(outDir);
        Path log = outDir.resolve(baseName(notebook) + ".runner.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", TestKernel.JUPYTER_PATH.toString());
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        // The runner enforces the notebook's budget itself; kernel start retries may add up to ~2 min.
        if (!p.waitFor(e.timeoutSeconds() + 180L, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(notebook + ": the runner did not stop within " + (e.timeoutSeconds() + 180)
                    + " s; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Path summaryFile = outDir.resolve(baseName(notebook) + ".json");
        if (!Files.exists(summaryFile)) {
            throw new AssertionError(notebook + ": the runner wrote no summary (exit " + p.exitValue() + "):\n" + output);
        }
        JsonObject summary = JsonParser.parseString(Files.readString(summaryFile, StandardCharsets.UTF_8)).getAsJsonObject();
        return new NotebookRun(notebook, summaryFile, summary, output);
    }

    /** A run made elsewhere, read back from its summary file. */
    static NotebookRun fromSummary(Path notebook, Path summaryFile) throws IOException {
        JsonObject summary = JsonParser.parseString(Files.readString(summaryFile, StandardCharsets.UTF_8)).getAsJsonObject();
        return new NotebookRun(notebook, summaryFile, summary, "");
    }

    static String baseName(Path notebook) {
        String n = notebook.getFileName().toString();
        return n.endsWith(".ipynb") ? n.substring(0, n.length() - ".ipynb".length()) : n;
    }

    int kernelStarts() {
        return summary.getAsJsonArray("attempts").size();
    }

    double seconds() {
        return summary.get("seconds").getAsDouble();
    }

    /**
     * Everything wrong with this run against {@code e}, as one message naming the failing cells and
     * their errors; null when all is well.
     */
    String problems(Expectations.Expectation e) {
        List<String> problems = new ArrayList<>();
        JsonElement fatal = summary.get("fatal");
        if (fatal != null && !fatal.isJsonNull()) {
            problems.add("the run did not complete: " + fatal.getAsString());
        }
        for (JsonElement el : summary.getAsJsonArray("errors")) {
            JsonObject err = el.getAsJsonObject();
            StringBuilder b = new StringBuilder();
            b.append("cell ").append(err.get("cell").getAsInt())
                    .append(err.get("injected_cell").getAsBoolean() ? " (the injected parameters)" : "")
                    .append(" failed: ").append(err.get("ename").getAsString()).append(": ")
                    .append(err.get("evalue").getAsString().strip());
            b.append("\n  cell source:\n").append(indent(err.get("source").getAsString(), "    | "));
            List<String> tb = new ArrayList<>();
            err.getAsJsonArray("traceback").forEach(t -> tb.add(t.getAsString()));
            if (!tb.isEmpty()) {
                String joined = String.join("\n", tb);
                b.append("\n  traceback:\n").append(indent(joined.length() > 3000 ? joined.substring(0, 3000) + "\n..." : joined, "    "));
            }
            problems.add(b.toString());
        }
        int images = summary.get("images").getAsInt();
        if (images < e.minImages()) {
            problems.add("expected at least " + e.minImages() + " image output(s), found " + images);
        }
        JsonObject metrics = summary.getAsJsonObject("metrics");
        for (Map.Entry<String, Expectations.Bound> m : e.metrics().entrySet()) {
            JsonElement v = metrics.get(m.getKey());
            if (v == null) {
                problems.add("metric '" + m.getKey() + "' was not reported (reported: " + metrics.keySet()
                        + "); the notebook must call Metrics.report(\"" + m.getKey() + "\", value)");
            } else if (!v.getAsJsonPrimitive().isNumber() || !m.getValue().contains(v.getAsDouble())) {
                problems.add("metric '" + m.getKey() + "' = " + v + " is outside " + m.getValue());
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        return notebook + " (params " + e.params() + "):\n- " + String.join("\n- ", problems)
                + "\nexecuted notebook: " + summary.get("executed").getAsString()
                + "\nHTML: " + (summary.get("html").isJsonNull() ? "(none)" : summary.get("html").getAsString())
                + "\nsummary: " + summaryFile;
    }

    private static String indent(String s, String prefix) {
        return prefix + s.strip().replace("\n", "\n" + prefix);
    }
}
