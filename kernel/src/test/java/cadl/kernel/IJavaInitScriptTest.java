package cadl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import cadl.notebook.Display;
import cadl.notebook.Displayable;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init script for IJava-family kernels, in JJava's package layout, compiled and run against
 * the real JJava base library (org.dflib.jjava:jjava-jupyter:1.0-a6): write_kernelspec.py writes
 * the kernelspec for a jar holding JJava's classes, and the init.jshell it wrote is run by JShell
 * in this JVM while a jjava-jupyter kernel is the notebook kernel. Afterwards that kernel renders
 * a Displayable with every MIME type of its bundle, and cadl.notebook.Display's sink is the
 * script's. (IJava's own layout cannot be compiled here: IJava is on no reachable registry.)
 */
class IJavaInitScriptTest {

    static final Path KERNEL_DIR = Path.of("").toAbsolutePath();

    /** The smallest kernel jjava-jupyter allows: enough for the init script's calls. */
    static final class JJavaLikeKernel extends BaseKernel {
        JJavaLikeKernel() {
            super("jjava-like", "0", new LanguageInfo.Builder("java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null, false,
                    new StringStyler.Builder().build());
        }

        @Override
        public Object evalRaw(String source) {
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }

    @Test
    void jjavaLayoutCompilesAndRunsAgainstJJavaJupyter(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("jjava.jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f)) {
            j.putNextEntry(new ZipEntry("org/dflib/jjava/distro/JJava.class")); // what the writer looks for
            j.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            j.closeEntry();
        }
        Path cp = tmp.resolve("cp.lines");
        Files.writeString(cp, KERNEL_DIR.resolve("target/classes") + "\n");
        Path kernels = tmp.resolve("kernels");
        run(List.of("/usr/bin/python3", KERNEL_DIR.resolve("write_kernelspec.py").toString(), "--kind", "ijava",
                "--kernels-dir", kernels.toString(), "--classpath-file", cp.toString(), "--jar", jar.toString(),
                "--init-script", KERNEL_DIR.resolve("init-ijava.jshell").toString()));
        String spec = Files.readString(kernels.resolve("cadl-java-ijava/kernel.json"));
        assertTrue(spec.contains("\"jjava\""), spec);
        assertTrue(spec.contains("jdk.jshell/jdk.jshell=ALL-UNNAMED"), spec);
        assertTrue(spec.contains("JJAVA_STARTUP_SCRIPTS_PATH"), spec);
        String script = Files.readString(kernels.resolve("cadl-java-ijava/init.jshell"));
        String code = script.lines().filter(l -> !l.strip().startsWith("//")).collect(java.util.stream.Collectors.joining("\n"));
        assertFalse(code.contains("@") || code.contains("spencerpark"), "placeholders left or the IJava layout used:\n" + code);
        assertTrue(code.contains("org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()"), code);

        JJavaLikeKernel kernel = new JJavaLikeKernel();
        kernel.onStartup();
        Display.Sink before = Display.sink();
        try (CellEvaluator shell = new CellEvaluator(System.getProperty("java.class.path"))) {
            shell.run(script, 1);
            assertEquals("IJava-family display sink", Display.sink().toString());
            Displayable picture = () -> Map.of("image/png", "iVBORw0KGgo=", "text/plain", "a picture");
            DisplayData dd = kernel.getRenderer().render(picture);
            assertEquals("iVBORw0KGgo=", dd.getData(MIMEType.parse("image/png")));
            assertEquals("a picture", dd.getData(MIMEType.TEXT_PLAIN));
        } finally {
            Display.install(before);
            kernel.onShutdown(false);
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "write_kernelspec.py hung");
        assertEquals(0, p.exitValue(), out);
    }
}
