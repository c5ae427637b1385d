#!/usr/bin/env python3
"""Writes a Jupyter kernelspec for the course (the course script calls this; so do the tests).

Two kinds:
  rapaio  (default) name cadl-java, "Java (CADL)": runs rapaio-jupyter-kernel with the course
          library and its dependencies on RJK_CLASSPATH (';'-separated: rapaio splits on ';').
  ijava   name cadl-java-ijava, "Java (CADL, IJava)": runs an IJava-family jar (IJava, JJava)
          with the same classpath on IJAVA_CLASSPATH / JJAVA_CLASSPATH (':'-separated).

The spec is written to a temporary folder beside the target and moved into place, so a kernel
listing never sees half a spec; an identical spec is left alone. Prints the folder.

Usage: write_kernelspec.py --kernels-dir DIR --jar KERNEL_JAR --classpath-file FILE
                           --init-script FILE [--kind rapaio|ijava] [--java JAVA]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

JVM_FLAGS = [
    "-Djava.awt.headless=true",
    # ND4J unpacks ~350 MB of native code at first start: keep it in one known folder.
    "-Dorg.bytedeco.javacpp.cachedir={home}/.cache/cadl-java/javacpp",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xmx4g",
]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernels-dir", required=True, help="the 'kernels' folder (e.g. ~/.local/share/jupyter/kernels)")
    p.add_argument("--jar", required=True, help="the kernel jar")
    p.add_argument("--classpath-file", required=True, help="a file listing the class path jars, one per line")
    p.add_argument("--init-script", required=True, help="the JShell init script")
    p.add_argument("--kind", choices=["rapaio", "ijava"], default="rapaio")
    p.add_argument("--java", default="java", help="the java launcher (default: java on the PATH)")
    p.add_argument("--threads", default=os.environ.get("CADL_THREADS", "1"),
                   help="OMP_NUM_THREADS for ND4J (default 1, or $CADL_THREADS)")
    a = p.parse_args()

    home = os.path.expanduser("~")
    jar = os.path.abspath(a.jar)
    init = os.path.abspath(a.init_script)
    for f in (jar, init, a.classpath_file):
        if not os.path.isfile(f):
            sys.exit(f"write_kernelspec: {f} does not exist")
    with open(a.classpath_file) as fh:
        entries = [os.path.abspath(line.strip()) for line in fh if line.strip()]
    missing = [e for e in entries if not os.path.exists(e)]
    if missing:
        sys.exit(f"write_kernelspec: class path entries missing: {missing[:3]}")

    flags = [f.format(home=home) for f in JVM_FLAGS]
    env = {"OMP_NUM_THREADS": str(a.threads)}
    if a.kind == "rapaio":
        name, display = "cadl-java", "Java (CADL)"
        env.update({
            "RJK_CLASSPATH": ";".join(entries),
            "RJK_INIT_SCRIPT": init,
            "RJK_COMPILER_OPTIONS": "",
            "RJK_TIMEOUT_MILLIS": "-1",
        })
    else:
        name, display = "cadl-java-ijava", "Java (CADL, IJava)"
        cp = os.pathsep.join(entries)
        env.update({
            "IJAVA_CLASSPATH": cp, "JJAVA_CLASSPATH": cp,
            "IJAVA_STARTUP_SCRIPTS_PATH": init, "JJAVA_STARTUP_SCRIPTS_PATH": init,
        })
    spec = {
        "argv": [a.java] + flags + ["-jar", jar, "{connection_file}"],
        "display_name": display,
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"cadl": {"kind": a.kind, "classpath_entries": len(entries)}},
    }

    text = json.dumps(spec, indent=2) + "\n"
    os.makedirs(a.kernels_dir, exist_ok=True)
    target = os.path.join(a.kernels_dir, name)
    existing = os.path.join(target, "kernel.json")
    if os.path.isfile(existing):
        with open(existing) as fh:
            if fh.read() == text:
                print(f"{target} (unchanged)")
                return
    tmp = tempfile.mkdtemp(prefix=f".{name}-", dir=a.kernels_dir)
    try:
        with open(os.path.join(tmp, "kernel.json"), "w") as fh:
            fh.write(text)
        os.chmod(tmp, 0o755)
        old = None
        if os.path.exists(target):
            old = tempfile.mkdtemp(prefix=f".{name}-old-", dir=a.kernels_dir)
            os.rmdir(old)
            os.rename(target, old)
        os.rename(tmp, target)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(target)


if __name__ == "__main__":
    main()
