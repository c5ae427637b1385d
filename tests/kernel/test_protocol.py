"""Protocol tests of our own for the course kernel: what a learner meets beyond the conformance
suite. Interrupt during a long loop (answered within 2 s, the next cell runs, variables kept),
update_display_data, output that streams before the cell ends, restart, shutdown, a Displayable
rendered as PNG and text, errors that point at the line, no display id echoed.

Run by cadl.kerneltests.KernelSuiteTest, or by hand from tests/kernel/:
    JUPYTER_PATH=tests/target/jupyter /usr/bin/python3 -m unittest -v test_protocol
"""
import os
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync  # channel get_msg is a coroutine in jupyter_client 7+

KERNEL = os.environ.get("CADL_KERNEL_NAME", "cadl-java")
INTERRUPT_REPLY_SECONDS = 2.0


class Cell:
    """One execute_request: its reply, its iopub messages, and when each arrived."""

    def __init__(self, kc, code, timeout=60, interrupt_after=None, km=None):
        self.sent = time.time()
        self.msg_id = kc.execute(code)
        self.outputs = []  # (seconds after sending, msg)
        self.reply = None
        self.interrupted_at = None
        deadline = self.sent + timeout
        idle = False
        while time.time() < deadline and (self.reply is None or not idle):
            if interrupt_after is not None and self.interrupted_at is None and time.time() - self.sent >= interrupt_after:
                self.interrupted_at = time.time()
                km.interrupt_kernel()
            try:
                msg = kc.get_iopub_msg(timeout=0.05)
                if msg["parent_header"].get("msg_id") == self.msg_id:
                    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        idle = True
                    elif msg["msg_type"] not in ("status", "execute_input"):
                        self.outputs.append((time.time() - self.sent, msg))
            except Empty:
                pass
            if self.reply is None:
                try:
                    r = kc.get_shell_msg(timeout=0.01)
                    if r["parent_header"].get("msg_id") == self.msg_id:
                        self.reply = r
                        self.replied_at = time.time()
                except Empty:
                    pass
        if self.reply is None:
            raise AssertionError(f"no execute_reply within {timeout} s for: {code}")

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, msg_type):
        return [m for _, m in self.outputs if m["msg_type"] == msg_type]

    def text(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name)


class CourseKernelProtocol(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        t0 = time.time()
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        print(f"\nkernel {KERNEL} answered kernel_info {time.time() - t0:.1f} s after start", flush=True)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def run_cell(self, code, **kw):
        return Cell(self.kc, code, km=self.km, **kw)

    def test_interrupt_ends_a_long_loop_within_two_seconds_and_keeps_variables(self):
        self.assertEqual("ok", self.run_cell("int kept = 41;").status)
        cell = self.run_cell("double x = 0;\nwhile (true) {\n    x += Math.sin(x) + 1e-9;\n}", interrupt_after=1.0)
        waited = cell.replied_at - cell.interrupted_at
        print(f"\ninterrupt of a cell loop answered in {waited:.2f} s", flush=True)
        self.assertLess(waited, INTERRUPT_REPLY_SECONDS)
        self.assertEqual("error", cell.status)
        self.assertEqual("Interrupted", cell.reply["content"]["ename"])
        self.assertEqual(1, len(cell.of_type("error")))
        after = self.run_cell("kept + 1")
        self.assertEqual("ok", after.status)
        self.assertEqual("42", after.of_type("execute_result")[0]["content"]["data"]["text/plain"])

    def test_a_cell_sent_while_another_runs_is_aborted_when_that_one_is_interrupted(self):
        running = self.kc.execute("while (true) { Thread.onSpinWait(); }")
        time.sleep(0.3)
        queued = self.kc.execute("int ranAfterInterrupt = 1;")
        time.sleep(0.7)
        self.km.interrupt_kernel()
        replies = {}
        while running not in replies or queued not in replies:
            r = self.kc.get_shell_msg(timeout=10)  # skips replies to earlier requests (start-up's kernel_info)
            replies[r["parent_header"].get("msg_id")] = r["content"]
        self.assertEqual("error", replies[running]["status"])
        self.assertEqual("aborted", replies[queued]["status"])
        self.assertEqual("error", self.run_cell("ranAfterInterrupt").status)  # it never ran

    def test_interrupt_ends_a_loop_inside_library_code_within_two_seconds(self):
        # BigInteger.pow runs for minutes inside java.base, where no interrupt check was inserted
        cell = self.run_cell("var big = java.math.BigInteger.valueOf(3).pow(80_000_000);", interrupt_after=1.0)
        waited = cell.replied_at - cell.interrupted_at
        print(f"\ninterrupt of a library loop answered in {waited:.2f} s", flush=True)
        self.assertLess(waited, INTERRUPT_REPLY_SECONDS)
        self.assertEqual("Interrupted", cell.reply["content"]["ename"])
        self.assertEqual("ok", self.run_cell("1 + 1").status)

    def test_interrupt_wakes_a_sleep(self):
        cell = self.run_cell("Thread.sleep(60_000);", interrupt_after=0.5)
        self.assertLess(cell.replied_at - cell.interrupted_at, INTERRUPT_REPLY_SECONDS)
        self.assertEqual("Interrupted", cell.reply["content"]["ename"])

    def test_update_display_data_carries_the_display_id(self):
        cell = self.run_cell('String shown = display("first");\nupdateDisplay(shown, "second");')
        self.assertEqual("ok", cell.status)
        [shown] = cell.of_type("display_data")
        [update] = cell.of_type("update_display_data")
        display_id = shown["content"]["transient"]["display_id"]
        self.assertTrue(display_id)
        self.assertEqual(display_id, update["content"]["transient"]["display_id"])
        self.assertEqual("second", update["content"]["data"]["text/plain"])

    def test_library_display_sink_shows_and_updates(self):
        cell = self.run_cell('String id = cadl.notebook.Display.show("a");\ncadl.notebook.Display.update(id, "b");')
        self.assertEqual("ok", cell.status)
        self.assertEqual(1, len(cell.of_type("display_data")))
        self.assertEqual(1, len(cell.of_type("update_display_data")))

    def test_output_streams_before_the_cell_ends(self):
        cell = self.run_cell('System.out.print("working");\nThread.sleep(1500);\nSystem.out.println(" done");')
        first = min(t for t, m in cell.outputs if m["msg_type"] == "stream")
        ended = cell.replied_at - cell.sent
        self.assertLess(first, ended - 1.0, f"first output at {first:.2f} s, reply at {ended:.2f} s")
        self.assertEqual("working done\n", cell.text())

    def test_displayable_is_rendered_as_png_and_text(self):
        cell = self.run_cell("cadl.viz.Images.image(Tensor.ones(8, 8))")
        [result] = cell.of_type("execute_result")
        data = result["content"]["data"]
        self.assertIn("image/png", data)
        self.assertTrue(data["image/png"].startswith("iVBOR"), "PNG base64 starts with iVBOR")
        self.assertIn("text/plain", data)

    def test_a_cells_own_displayable_sends_its_whole_bundle(self):
        code = ("new cadl.notebook.Displayable() {\n"
                "    public Map<String, String> mimeBundle() {\n"
                "        return Map.of(\"text/html\", \"<i>mine</i>\", \"text/plain\", \"mine\");\n"
                "    }\n"
                "}")
        data = self.run_cell(code).of_type("execute_result")[0]["content"]["data"]
        self.assertEqual({"text/html": "<i>mine</i>", "text/plain": "mine"}, data)

    def test_display_echoes_no_id_and_survives_import_java_util(self):
        cell = self.run_cell('import java.util.*;\ndisplay("shown")')
        self.assertEqual("ok", cell.status)
        self.assertEqual(1, len(cell.of_type("display_data")))
        self.assertEqual([], cell.of_type("execute_result"))

    def test_several_statements_and_declarations_in_one_cell(self):
        cell = self.run_cell("int a = 2;\nint twice(int n) { return 2 * n; }\nrecord P(int x) { }\ntwice(a) + new P(1).x()")
        self.assertEqual("5", cell.of_type("execute_result")[0]["content"]["data"]["text/plain"])

    def test_compile_error_names_the_line_and_column(self):
        cell = self.run_cell("int ok = 1;\nint bad = undefinedName + 1;")
        self.assertEqual("error", cell.status)
        self.assertIn("line 2, column 11", cell.reply["content"]["evalue"])
        self.assertIn("undefinedName", cell.reply["content"]["evalue"])

    def test_runtime_error_shows_the_learners_frames_first(self):
        self.run_cell("int divide(int a, int b) {\n    return a / b;\n}")
        cell = self.run_cell("int r = 7;\ndivide(r, 0)")
        self.assertEqual("ArithmeticException", cell.reply["content"]["ename"])
        tb = cell.reply["content"]["traceback"]
        self.assertIn("ArithmeticException", tb[0])
        self.assertRegex(tb[1], r"at cell \[\d+\], line 2, in divide")
        self.assertRegex(tb[2], r"at cell \[\d+\], line 2$")

    def test_kernel_info_reports_status_and_java(self):
        msg_id = self.kc.kernel_info()
        while True:
            r = self.kc.get_shell_msg(timeout=10)
            if r["parent_header"]["msg_id"] == msg_id:
                break
        self.assertEqual("ok", r["content"]["status"])
        self.assertEqual("java", r["content"]["language_info"]["name"])


class CourseKernelLifecycle(unittest.TestCase):
    """Restart and shutdown, on a kernel of their own."""

    def test_restart_gives_a_fresh_kernel_that_answers(self):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        try:
            self.assertEqual("ok", Cell(kc, "int before = 1;").status)
            pid = km.provisioner.process.pid
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=120)
            self.assertNotEqual(pid, km.provisioner.process.pid)
            cell = Cell(kc, "before")
            self.assertEqual("error", cell.status)  # a new kernel: the old variable is gone
            self.assertEqual("42", Cell(kc, "40 + 2").of_type("execute_result")[0]["content"]["data"]["text/plain"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
        self.assertFalse(km.is_alive())

    def test_shutdown_request_ends_the_process_cleanly(self):
        km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
        process = km.provisioner.process
        msg_id = kc.shutdown()  # sent on the control channel, answered there
        while True:
            r = run_sync(kc.control_channel.get_msg)(timeout=10)
            if r["parent_header"]["msg_id"] == msg_id:
                break
        self.assertEqual("ok", r["content"]["status"])
        t0 = time.time()
        code = process.wait(timeout=15)
        print(f"\nkernel exited {time.time() - t0:.2f} s after its shutdown_reply, status {code}", flush=True)
        self.assertEqual(0, code)
        kc.stop_channels()
        km.cleanup_resources()


if __name__ == "__main__":
    unittest.main()
