package cadl.kerneltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cadl.notebooks.TestKernels;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * The course kernelspec's JVM runs the OpenBLAS kernel its "env" names: a JVM started with the
 * kernelspec's java, flags, class path and env (plus OPENBLAS_VERBOSE=2, which makes OpenBLAS print
 * "Core: NAME" when it loads) loads ND4J's OpenBLAS as cadl.tensor does. A name OpenBLAS 0.3.19 did not
 * know would fall back to its slowest kernel; this catches that too.
 */
class OpenBlasCoreTest {

    @Test
    void kernelspecJvmRunsTheOpenBlasCoreItsEnvNames() throws Exception {
        TestKernels.install();
        Path specFile = TestKernels.jupyterPath().resolve("kernels/cadl-java/kernel.json");
        JsonObject spec = JsonParser.parseString(Files.readString(specFile, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        assertEquals("cadl.kernel.Main", argv.get(argv.size() - 2), "kernel.json argv changed shape: " + argv);

        Path probe = TestKernels.target().resolve("openblas-probe/Probe.java");
        Files.createDirectories(probe.getParent());
        Files.writeString(probe, "public class Probe { public static void main(String[] a) { "
                + "org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class); } }\n");
        List<String> cmd = new ArrayList<>(argv.subList(0, argv.size() - 2));
        cmd.add(probe.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (var e : spec.getAsJsonObject("env").entrySet()) {
            pb.environment().put(e.getKey(), e.getValue().getAsString());
        }
        pb.environment().put("OPENBLAS_VERBOSE", "2");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe JVM hung");
        assertEquals(0, p.exitValue(), out);

        Matcher core = Pattern.compile("(?m)^Core: (\\S+)").matcher(out);
        assertTrue(core.find(), "OpenBLAS printed no 'Core:' line:\n" + out);
        JsonElement chosen = spec.getAsJsonObject("env").get("OPENBLAS_CORETYPE");
        String note = spec.getAsJsonObject("metadata").getAsJsonObject("cadl").get("openblas").getAsString();
        System.out.println("kernelspec: " + note + "; OpenBLAS: Core: " + core.group(1));
        if (chosen != null) {
            assertEquals(chosen.getAsString().toLowerCase(), core.group(1).toLowerCase(),
                    "the kernelspec names " + chosen + " (" + note + ") but OpenBLAS runs " + core.group(1) + ":\n" + out);
        }
    }
}
