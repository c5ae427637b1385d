package cadl.notebooks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The kernelspec the notebook tests use: "cadl-java" written into {@code tests/target/jupyter}, a
 * private JUPYTER_PATH, so the tests never touch the learner's own kernelspec. Its class path is
 * this module's runtime class path (listed by Maven into target/kernel-classpath.txt), which holds
 * the course kernel (cadl-kernel, from the reactor) and the course library. Its kernels run on one
 * thread unless CADL_THREADS says otherwise, with the OpenBLAS kernel the writer picks for this CPU.
 */
final class TestKernel {

    static final String NAME = "cadl-java";
    static final Path REPO = Path.of(System.getProperty("cadl.repo", "..")).toAbsolutePath().normalize();
    static final Path TARGET = REPO.resolve("tests/target");
    static final Path JUPYTER_PATH = TARGET.resolve("jupyter");

    private static boolean installed;

    private TestKernel() {
    }

    /** The python with nbclient: Debian's /usr/bin/python3 when it has it (CADL_PYTHON overrides). */
    static String python() {
        String override = System.getenv("CADL_PYTHON");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Writes the kernelspec once per test JVM. */
    static synchronized void install() throws IOException, InterruptedException {
        if (installed) {
            return;
        }
        Path cpFile = TARGET.resolve("kernel-classpath.txt");
        if (!Files.exists(cpFile)) {
            throw new IllegalStateException("TestKernel: " + cpFile + " is missing; run the tests through Maven "
                    + "from the repository root (mvn test, or ./course test), which lists the class path");
        }
        List<String> entries = Arrays.stream(Files.readString(cpFile, StandardCharsets.UTF_8).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).collect(Collectors.toList());
        Path lines = TARGET.resolve("kernel-classpath.lines");
        Files.writeString(lines, String.join("\n", entries) + "\n", StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(python(), REPO.resolve("kernel/write_kernelspec.py").toString(),
                "--kernels-dir", JUPYTER_PATH.resolve("kernels").toString(), "--classpath-file", lines.toString()));
        if (System.getenv("CADL_THREADS") == null) {
            // one thread, not the learner's default of every core: the notebooks' time budgets were set so,
            // and the tests share the cores with the runner and with each other
            cmd.addAll(List.of("--threads", "1"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("TestKernel: writing the kernelspec failed:\n" + out);
        }
        installed = true;
    }
}
