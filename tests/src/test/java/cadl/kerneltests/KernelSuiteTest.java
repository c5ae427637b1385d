package cadl.kerneltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cadl.notebooks.TestKernels;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python kernel tests in {@code tests/kernel/} against the course kernelspec: Jupyter's
 * own conformance suite ({@code jupyter_kernel_test}, Debian package python3-jupyter-kernel-test)
 * and our protocol tests. Each module is one JUnit test; the unittest output is kept in
 * {@code tests/target/kernel-tests/} and quoted in the failure message.
 */
class KernelSuiteTest {

    static final Path DIR = TestKernels.repo().resolve("tests/kernel");
    static final Path OUT = TestKernels.target().resolve("kernel-tests");

    @Test
    void jupyterKernelTestSuitePassesEveryTest() throws Exception {
        String out = unittest("test_conformance");
        // the suite skips a test whose sample is empty: every one must have run
        assertTrue(!out.contains("skipped"), "a conformance test was skipped (a sample is missing):\n" + out);
    }

    @Test
    void protocolTestsPass() throws Exception {
        unittest("test_protocol");
    }

    private static String unittest(String module) throws IOException, InterruptedException {
        TestKernels.install();
        Files.createDirectories(OUT);
        Path log = OUT.resolve(module + ".log");
        ProcessBuilder pb = new ProcessBuilder(TestKernels.python(), "-m", "unittest", "-v", module)
                .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", TestKernels.jupyterPath().toString());
        pb.environment().put("PYTHONWARNINGS", "ignore::ResourceWarning");
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(module + " did not finish within 10 minutes; output so far in " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Matcher ran = Pattern.compile("Ran (\\d+) tests? in ([\\d.]+)s").matcher(out);
        System.out.println(module + ": " + (ran.find() ? ran.group(0) : "no summary") + ", exit " + p.exitValue());
        out.lines().filter(l -> l.contains("answered") || l.contains("exited")).forEach(System.out::println);
        assertEquals(0, p.exitValue(), module + " failed (" + log + "):\n" + tail(out, 12000));
        return out;
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "...\n" + s.substring(s.length() - n);
    }
}
