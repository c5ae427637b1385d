#!/usr/bin/python3
"""Executes one course notebook through the real Jupyter protocol and writes what happened.

  /usr/bin/python3 tests/run_notebook.py NOTEBOOK --out DIR [--param NAME=JAVA_EXPR ...]
                   [--kernel cadl-java] [--timeout SECONDS] [--attempts N]

1. Copies the notebook and, by the papermill convention, inserts a code cell tagged
   `injected-parameters` right after the cell tagged `parameters`: one line per --param,
   re-declaring the variable with the type the `parameters` cell gave it
   (`int epochs = 5;` + --param epochs=1 -> `int epochs = 1;`). A --param that the
   `parameters` cell does not declare is an error (it would silently do nothing).
2. Starts the kernel named by --kernel (found on JUPYTER_PATH) and waits until it answers:
   heartbeat, then kernel_info within 20 s; a kernel that never answers is shut down and
   another started, up to --attempts starts. The attempts are recorded; the kernel's own
   output goes to DIR/NAME.kernel.log.
3. Runs every cell with nbclient (the kernel's working directory is the notebook's own
   folder), stopping at the first error, with --timeout seconds for the whole notebook.
   The environment variable CADL_METRICS_FILE tells cadl.notebook.Metrics where to
   append the metrics the notebook reports.
4. Writes DIR/NAME.ipynb (executed), DIR/NAME.html and DIR/NAME.json, a summary:
   {notebook, ok, seconds, attempts, errors: [{cell, ename, evalue, traceback, source}],
    images, metrics: {name: value}, stderr: [...]}.
Exit status: 0 when the notebook ran without an error, 1 when a cell failed, 2 when the
kernel could not be started or the run timed out.
"""
import argparse
import asyncio
import json
import os
import re
import sys
import time
import traceback

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
IMAGE_TYPES = ("image/png", "image/gif", "image/jpeg", "image/svg+xml")
DECLARATION = re.compile(r"^\s*(?:final\s+)?([A-Za-z_][\w.<>\[\], ]*?)\s+([A-Za-z_]\w*)\s*=", re.M)


class KernelNeverAnswered(RuntimeError):
    pass


def inject_parameters(nb, params):
    """Inserts the injected-parameters cell after the `parameters` cell; returns its index or None."""
    idx = next((i for i, c in enumerate(nb.cells)
                if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if not params:
        return None
    if idx is None:
        raise SystemExit("run_notebook: parameters given but the notebook has no code cell tagged 'parameters'")
    declared = {name: jtype.strip() for jtype, name in DECLARATION.findall(nb.cells[idx].source)}
    lines = ["// Injected by tests/run_notebook.py: quick values for the test run."]
    for name, expr in params.items():
        if name not in declared:
            raise SystemExit(f"run_notebook: parameter '{name}' is not declared in the 'parameters' cell "
                             f"(it declares {sorted(declared)})")
        lines.append(f"{declared[name]} {name} = {expr};")
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(idx + 1, cell)
    return idx + 1


def heartbeat_answers(info, seconds):
    """True when the kernel's heartbeat socket echoes a ping within `seconds`."""
    import zmq
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
    try:
        sock.send(b"ping")
        return bool(sock.poll(int(seconds * 1000)))
    finally:
        sock.close()


async def start_kernel(client, cwd, log, kernel_log):
    """Starts the kernel and waits for it to answer; raises KernelNeverAnswered.

    The course kernel binds its sockets once it is ready (handlers in place, JShell warm), so
    a heartbeat echo means it is up; kernel_info then confirms the shell answers."""
    client.km = client.create_kernel_manager()
    await client.async_start_new_kernel(cwd=cwd, stdout=kernel_log, stderr=kernel_log)
    info = client.km.get_connection_info()
    t0 = time.time()
    while not heartbeat_answers(info, 1.0):
        if not await client.km.is_alive():
            raise KernelNeverAnswered("the kernel process exited during start-up (see the .kernel.log)")
        if time.time() - t0 > 60:
            raise KernelNeverAnswered("no heartbeat within 60 s")
        await asyncio.sleep(0.5)
    log(f"heartbeat after {time.time() - t0:.1f} s")
    kc = client.km.client()
    kc.start_channels()
    client.kc = kc
    try:
        await kc.wait_for_ready(timeout=20)
    except RuntimeError as e:
        raise KernelNeverAnswered(f"no kernel_info reply within 20 s ({e})") from e


async def run(nb, args, cwd, summary, log, kernel_log):
    deadline = time.time() + args.timeout
    last_error = None
    for attempt in range(1, args.attempts + 1):
        client = NotebookClient(nb, kernel_name=args.kernel, timeout=max(30, args.timeout),
                                startup_timeout=20, allow_errors=False, record_timing=True,
                                resources={"metadata": {"path": cwd}})
        t0 = time.time()
        try:
            await start_kernel(client, cwd, log, kernel_log)
        except KernelNeverAnswered as e:
            last_error = str(e)
            summary["attempts"].append({"attempt": attempt, "ok": False, "seconds": round(time.time() - t0, 1),
                                        "reason": last_error})
            log(f"kernel start {attempt} failed: {last_error}")
            await client._async_cleanup_kernel()
            continue
        summary["attempts"].append({"attempt": attempt, "ok": True, "seconds": round(time.time() - t0, 1)})
        log(f"kernel started (attempt {attempt}, {time.time() - t0:.1f} s)")
        remaining = deadline - time.time()
        try:
            await asyncio.wait_for(client.async_execute(), timeout=max(remaining, 30))
        except asyncio.TimeoutError:
            summary["fatal"] = f"the notebook did not finish within {args.timeout} s"
            await client._async_cleanup_kernel()
        return
    summary["fatal"] = f"the kernel '{args.kernel}' never answered in {args.attempts} starts: {last_error}"


def collect(nb, summary, injected):
    images, errors, stderr = 0, [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind in ("display_data", "execute_result", "update_display_data"):
                if any(t in out.get("data", {}) for t in IMAGE_TYPES):
                    images += 1
            elif kind == "error":
                errors.append({"cell": i, "injected_cell": i == injected,
                               "ename": out.get("ename", ""), "evalue": ANSI.sub("", out.get("evalue", "")),
                               "traceback": [ANSI.sub("", t) for t in out.get("traceback", [])],
                               "source": cell.source})
            elif kind == "stream" and out.get("name") == "stderr":
                stderr.append({"cell": i, "text": ANSI.sub("", out.get("text", ""))[:2000]})
    summary.update(images=images, errors=errors, stderr=stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebook")
    p.add_argument("--out", required=True, help="folder for the executed notebook, HTML and summary")
    p.add_argument("--param", action="append", default=[], help="NAME=JAVA_EXPR (repeatable)")
    p.add_argument("--kernel", default="cadl-java")
    p.add_argument("--timeout", type=int, default=600, help="seconds for the whole notebook")
    p.add_argument("--attempts", type=int, default=2, help="kernel starts before giving up")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args()

    def log(msg):
        if not args.quiet:
            print(f"[run_notebook] {msg}", file=sys.stderr, flush=True)

    src = os.path.abspath(args.notebook)
    name = os.path.splitext(os.path.basename(src))[0]
    os.makedirs(args.out, exist_ok=True)
    out_nb = os.path.join(args.out, name + ".ipynb")
    out_html = os.path.join(args.out, name + ".html")
    out_json = os.path.join(args.out, name + ".json")
    metrics_file = os.path.join(args.out, name + ".metrics.jsonl")
    if os.path.exists(metrics_file):
        os.remove(metrics_file)
    os.environ["CADL_METRICS_FILE"] = os.path.abspath(metrics_file)

    params = {}
    for item in args.param:
        k, sep, v = item.partition("=")
        if not sep:
            raise SystemExit(f"run_notebook: --param expects NAME=JAVA_EXPR, got '{item}'")
        params[k.strip()] = v.strip()

    nb = nbformat.read(src, as_version=4)
    injected = inject_parameters(nb, params)
    summary = {"notebook": src, "kernel": args.kernel, "params": params, "attempts": [], "fatal": None,
               "executed": out_nb, "html": out_html}
    t0 = time.time()
    try:
        with open(os.path.join(args.out, name + ".kernel.log"), "w") as kernel_log:
            asyncio.run(run(nb, args, os.path.dirname(src), summary, log, kernel_log))
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        log(f"stopped: {type(e).__name__}")
        if not isinstance(e, CellExecutionError):
            summary["fatal"] = f"{type(e).__name__}: {ANSI.sub('', str(e))[:2000]}"
    except Exception as e:  # keep whatever ran, report the rest
        summary["fatal"] = f"{type(e).__name__}: {e}\n{traceback.format_exc()}"
    summary["seconds"] = round(time.time() - t0, 1)

    collect(nb, summary, injected)
    metrics = {}
    if os.path.exists(metrics_file):
        with open(metrics_file) as fh:
            for line in fh:
                if line.strip():
                    m = json.loads(line)
                    metrics[m["name"]] = m["value"]
    summary["metrics"] = metrics
    summary["ok"] = not summary["errors"] and not summary["fatal"]

    nbformat.write(nb, out_nb)
    try:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(out_html, "w", encoding="utf-8") as fh:
            fh.write(body)
    except Exception as e:  # an HTML failure must not hide the run's result
        summary["html"] = None
        summary["html_error"] = f"{type(e).__name__}: {e}"
    with open(out_json, "w") as fh:
        json.dump(summary, fh, indent=2)
    log(f"{name}: {'ok' if summary['ok'] else 'FAILED'} in {summary['seconds']} s, "
        f"{len(summary['attempts'])} kernel start(s), {summary['images']} image(s), metrics {metrics}")
    for e in summary["errors"]:
        log(f"  error in cell {e['cell']}: {e['ename']}: {e['evalue'][:300]}")
    if summary["fatal"]:
        log(f"  {summary['fatal'][:500]}")
    sys.exit(0 if summary["ok"] else (2 if summary["fatal"] else 1))


if __name__ == "__main__":
    main()
