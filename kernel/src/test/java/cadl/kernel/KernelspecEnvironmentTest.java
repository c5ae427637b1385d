package cadl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The environment write_kernelspec.py gives the course's JVMs: which OpenBLAS kernel (OPENBLAS_CORETYPE)
 * for which CPU flags, as {@code --blas-env} prints it for the shell scripts and as the kernelspec's "env"
 * holds it, and the thread count (CADL_THREADS, OMP_NUM_THREADS). CPU flags come from fake cpuinfo files.
 */
class KernelspecEnvironmentTest {

    static final Path KERNEL_DIR = Path.of("").toAbsolutePath();
    static final String ZEN5 = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat sse sse2 ht syscall nx "
            + "pni ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c bmi1 avx2 bmi2 avx512f avx512dq "
            + "avx512ifma avx512cd sha_ni avx512bw avx512vl avx512vbmi avx512_vnni";

    /** A cpuinfo file in the kernel's format: two processors, and Intel's "vmx flags" line, which is not "flags". */
    static Path cpuinfo(Path dir, String flags) throws IOException {
        String cpu = "processor\t: %d\nvendor_id\t: AuthenticAMD\nflags\t\t: " + flags
                + "\nvmx flags\t: vnmi preemption_timer\nbugs\t\t: sysret_ss_attrs\n\n";
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, String.format(cpu, 0) + String.format(cpu, 1));
        return f;
    }

    @ParameterizedTest(name = "{0} -> ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "AMD Zen 5 (all five AVX-512 sets)   | " + ZEN5 + " | SkylakeX",
        "Intel Skylake-SP                     | sse4_2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl | SkylakeX",
        "Xeon Phi KNL (no avx512bw/dq/vl)     | sse4_2 avx avx2 fma avx512f avx512cd avx512er avx512pf | Haswell",
        "AMD Zen 3                            | sse4_2 avx avx2 fma bmi2 | Haswell",
        "AVX2 without FMA                     | sse4_2 avx avx2 | ''",
        "Intel Sandy Bridge                   | sse4_2 avx | ''",
        "no flags at all                      | '' | ''",
    })
    void openblasCoretypeFollowsTheCpuFlags(String cpu, String flags, String expected, @TempDir Path tmp) throws Exception {
        Result r = blasEnv(cpuinfo(tmp, flags), Map.of());
        assertEquals(expected.isEmpty() ? "" : "export OPENBLAS_CORETYPE=" + expected + "\n", r.out, cpu + ": " + r.err);
        assertEquals(1, r.err.lines().count(), "one line on stderr: " + r.err);
        assertTrue(r.err.startsWith("OpenBLAS kernel: " + (expected.isEmpty() ? "OpenBLAS's own detection" : expected)), r.err);
    }

    @Test
    void theChoiceReplacesTheEnvironmentsCoretypeAndSaysSo(@TempDir Path tmp) throws Exception {
        Result r = blasEnv(cpuinfo(tmp, ZEN5), Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertEquals("export OPENBLAS_CORETYPE=SkylakeX\n", r.out);
        assertEquals("OpenBLAS kernel: SkylakeX (AVX-512; replaces OPENBLAS_CORETYPE=Haswell from the environment; "
                + "set CADL_OPENBLAS_CORETYPE to choose)\n", r.err);
    }

    @Test
    void cadlOpenblasCoretypeWinsOverTheFlagsAndTheEnvironment(@TempDir Path tmp) throws Exception {
        Result r = blasEnv(cpuinfo(tmp, ZEN5), Map.of("OPENBLAS_CORETYPE", "Haswell", "CADL_OPENBLAS_CORETYPE", "Zen"));
        assertEquals("export OPENBLAS_CORETYPE=Zen\n", r.out);
        assertTrue(r.err.contains("Zen (CADL_OPENBLAS_CORETYPE; replaces OPENBLAS_CORETYPE=Haswell"), r.err);
    }

    @Test
    void withoutCpuinfoNothingIsSetAndTheEnvironmentsCoretypeStays(@TempDir Path tmp) throws Exception {
        Result r = blasEnv(tmp.resolve("no-such-cpuinfo"), Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("OpenBLAS kernel: Haswell (OPENBLAS_CORETYPE from the environment, kept"), r.err);
    }

    @Test
    void courseKernelspecHasTheChoiceAndEveryCoreUnlessCadlThreadsSaysOtherwise(@TempDir Path tmp) throws Exception {
        Path cp = tmp.resolve("cp.lines");
        Files.writeString(cp, KERNEL_DIR.resolve("target/classes") + "\n");
        Path info = cpuinfo(tmp, ZEN5);
        List<String> write = List.of("--kernels-dir", tmp.resolve("kernels").toString(), "--classpath-file", cp.toString(),
                "--cpuinfo", info.toString());
        String cores = run(List.of("nproc"), Map.of()).out.strip();

        JsonObject env = spec(tmp, "cadl-java", write, Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertEquals("SkylakeX", env.get("OPENBLAS_CORETYPE").getAsString(), env.toString());
        assertEquals(cores, env.get("CADL_THREADS").getAsString(), env.toString());
        assertEquals(cores, env.get("OMP_NUM_THREADS").getAsString(), env.toString());

        env = spec(tmp, "cadl-java", write, Map.of("CADL_THREADS", "3"));
        assertEquals("3", env.get("CADL_THREADS").getAsString(), env.toString());
        assertEquals("3", env.get("OMP_NUM_THREADS").getAsString(), env.toString());
    }

    @Test
    void ijavaKernelspecHasTheSameChoice(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("jjava.jar");
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f)) {
            j.putNextEntry(new ZipEntry("org/dflib/jjava/distro/JJava.class"));
            j.write(new byte[] {(byte) 0xca, (byte) 0xfe});
            j.closeEntry();
        }
        Path cp = tmp.resolve("cp.lines");
        Files.writeString(cp, KERNEL_DIR.resolve("target/classes") + "\n");
        Path info = cpuinfo(tmp, "sse4_2 avx avx2 fma");
        JsonObject env = spec(tmp, "cadl-java-ijava", List.of("--kind", "ijava", "--kernels-dir", tmp.resolve("kernels").toString(),
                "--classpath-file", cp.toString(), "--cpuinfo", info.toString(), "--jar", jar.toString(),
                "--init-script", KERNEL_DIR.resolve("init-ijava.jshell").toString(), "--threads", "2"), Map.of());
        assertEquals("Haswell", env.get("OPENBLAS_CORETYPE").getAsString(), env.toString());
        assertEquals("2", env.get("OMP_NUM_THREADS").getAsString(), env.toString());
    }

    @Test
    void badThreadCountIsRefusedWithTheValue(@TempDir Path tmp) throws Exception {
        Result r = run(writer(List.of("--blas-env", "--threads", "0")), Map.of());
        assertEquals(2, r.exit, r.err);
        assertTrue(r.err.contains("expected a whole number >= 1, got '0'"), r.err);
    }

    record Result(int exit, String out, String err) {
    }

    private static Result blasEnv(Path cpuinfo, Map<String, String> env) throws Exception {
        Result r = run(writer(List.of("--blas-env", "--cpuinfo", cpuinfo.toString())), env);
        assertEquals(0, r.exit, r.err);
        return r;
    }

    private static JsonObject spec(Path tmp, String name, List<String> args, Map<String, String> env) throws Exception {
        Result r = run(writer(args), env);
        assertEquals(0, r.exit, r.err);
        String json = Files.readString(tmp.resolve("kernels").resolve(name).resolve("kernel.json"));
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("env");
    }

    private static List<String> writer(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", KERNEL_DIR.resolve("write_kernelspec.py").toString()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs cmd with the course's variables removed from the environment, then {@code env} added; also
     * without OMP_NUM_THREADS and OMP_THREAD_LIMIT, which GNU nproc would report instead of the cores.
     */
    private static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String k : List.of("OPENBLAS_CORETYPE", "CADL_OPENBLAS_CORETYPE", "CADL_THREADS", "OMP_NUM_THREADS", "OMP_THREAD_LIMIT")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(env);
        Path err = Files.createTempFile("write_kernelspec-", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " hung");
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.delete(err);
        }
    }
}
