package cadl.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What mybinder.org would do, as far as it can be done without repo2docker: copy the repository
 * (its git-tracked files) into a temporary HOME, run {@code binder/postBuild} there as repo2docker
 * would (after apt.txt; Jupyter is already present), then execute notebook 00 with the kernelspec
 * postBuild installed in that HOME. Maven reuses the real local repository, so this needs no network.
 */
class BinderSetupTest {

    static final Path HOME = TestKernel.TARGET.resolve("binder-home");

    @Test
    void postBuildInstallsAKernelspecThatRunsTheWelcomeNotebook() throws Exception {
        deleteTree(HOME);
        Path repo = HOME.resolve("cadl-java");
        Files.createDirectories(repo);
        run(List.of("bash", "-c", "git ls-files -z | tar --null -cf - -T - | tar -xf - -C '" + repo + "'"),
                TestKernel.REPO, Map.of(), 120);
        String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        String log = run(List.of("bash", "binder/postBuild"), repo,
                Map.of("HOME", HOME.toString(), "MAVEN_OPTS", "-Dmaven.repo.local=" + m2), 900);

        Path spec = HOME.resolve(".local/share/jupyter/kernels/cadl-java/kernel.json");
        assertTrue(Files.exists(spec), "postBuild wrote no kernelspec at " + spec + ":\n" + log);
        String json = Files.readString(spec, StandardCharsets.UTF_8);
        assertTrue(json.contains(repo.resolve("kernel/target/classpath").toString()),
                "the kernelspec does not use the copy's class path:\n" + json);

        Expectations.Expectation e = Expectations.forNotebook(BrokenCellIsReportedTest.WELCOME);
        Path out = TestKernel.TARGET.resolve("binder-notebooks");
        List<String> cmd = new java.util.ArrayList<>(List.of(TestKernel.python(),
                repo.resolve("tests/run_notebook.py").toString(), repo.resolve("notebooks/00-welcome.ipynb").toString(),
                "--out", out.toString(), "--kernel", "cadl-java", "--timeout", Integer.toString(e.timeoutSeconds())));
        e.params().forEach((k, v) -> {
            cmd.add("--param");
            cmd.add(k + "=" + v);
        });
        run(cmd, repo, Map.of("HOME", HOME.toString()), e.timeoutSeconds() + 180, true);
        var summary = com.google.gson.JsonParser.parseString(
                Files.readString(out.resolve("00-welcome.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("cadl-java", summary.get("kernel").getAsString());
        NotebookRun check = NotebookRun.fromSummary(repo.resolve("notebooks/00-welcome.ipynb"), out.resolve("00-welcome.json"));
        String problems = check.problems(e);
        assertNull(problems, problems);
        // ND4J unpacked ~350 MB of native code into this HOME's cache: do not keep it in target/.
        deleteTree(HOME.resolve(".cache"));
    }

    private static String run(List<String> cmd, Path dir, Map<String, String> env, long seconds) throws Exception {
        return run(cmd, dir, env, seconds, false);
    }

    private static String run(List<String> cmd, Path dir, Map<String, String> env, long seconds, boolean allowFailure)
            throws Exception {
        Path log = Files.createTempFile(TestKernel.TARGET, "binder-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("JUPYTER_PATH");
        pb.environment().remove("JUPYTER_DATA_DIR");
        pb.environment().remove("JUPYTER_CONFIG_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within " + seconds + " s; see " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !allowFailure) {
            throw new AssertionError(cmd + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
