package cadl.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook through the course kernel with its quick parameters and checks it against
 * {@link Expectations}: no error output, the promised images, every metric reported and in bounds.
 * The executed notebook, its HTML and a summary are kept in {@code tests/target/notebooks/}.
 */
class NotebookTest {

    static Stream<Arguments> notebooks() throws IOException {
        return Notebooks.all().stream().map(p -> Arguments.of(Notebooks.key(p), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsWithoutErrorsAndMeetsItsExpectations(String key, Path notebook) throws Exception {
        Expectations.Expectation e = Expectations.forNotebook(key);
        Path out = NotebookRun.OUT.resolve(key).getParent() == null ? NotebookRun.OUT
                : NotebookRun.OUT.resolve(key).getParent();
        NotebookRun run = NotebookRun.execute(notebook, e, out);
        System.out.printf("%s: %.1f s, %d kernel start(s), %s%n", key, run.seconds(), run.kernelStarts(),
                run.summary.getAsJsonObject("metrics"));
        String problems = run.problems(e);
        assertNull(problems, problems);
    }

    @Test
    void everyExpectationNamesANotebookThatExists() throws IOException {
        List<String> keys = Notebooks.all().stream().map(Notebooks::key).toList();
        assertFalse(keys.isEmpty(), "no notebooks found under " + Notebooks.DIR);
        for (String k : Expectations.ALL.keySet()) {
            if (!keys.contains(k)) {
                throw new AssertionError("Expectations names '" + k + "' but notebooks/ has no such notebook; it has " + keys);
            }
        }
    }
}
