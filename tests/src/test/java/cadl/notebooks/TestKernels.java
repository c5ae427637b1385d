package cadl.notebooks;

import java.io.IOException;
import java.nio.file.Path;

/** The test kernelspec, for tests outside this package (the kernel suite). */
public final class TestKernels {

    private TestKernels() {
    }

    /** Writes the "cadl-java" kernelspec into tests/target/jupyter (once per JVM). */
    public static void install() throws IOException, InterruptedException {
        TestKernel.install();
    }

    /** The private JUPYTER_PATH that holds it. */
    public static Path jupyterPath() {
        return TestKernel.JUPYTER_PATH;
    }

    public static Path repo() {
        return TestKernel.REPO;
    }

    public static Path target() {
        return TestKernel.TARGET;
    }

    /** The python with nbclient and jupyter_kernel_test. */
    public static String python() {
        return TestKernel.python();
    }
}
