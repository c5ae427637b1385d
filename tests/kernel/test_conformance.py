"""Jupyter's kernel conformance suite (jupyter_kernel_test 0.4.5) against the course kernel.

Run by cadl.kerneltests.KernelSuiteTest (so by `mvn test` and `./course test`), or by hand:
    JUPYTER_PATH=tests/target/jupyter /usr/bin/python3 -m unittest -v test_conformance
from tests/kernel/ after the notebook tests' kernelspec has been written. Every test of the
suite gets real samples; the answers were checked against what the kernel does.
"""
import os
import unittest

import jupyter_kernel_test

KERNEL = os.environ.get("CADL_KERNEL_NAME", "cadl-java")
TINY_IMAGE = ("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)")


class CourseKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.absE", "matches": {"absExact("}},
        {"text": "Integer.MAX_V", "matches": {"MAX_VALUE"}},
        {"text": "Tensor.zer", "matches": {"zeros("}},  # the course packages are pre-imported
    ]

    complete_code_samples = ["1 + 1", 'System.out.println("x");', "int x = 3", "void f() { }",
                             "int a = 1; int b = 2;", "// only a comment"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void f() {", "int x = (1 +",
                               "class A {", "String s = \"abc\" +"]
    invalid_code_samples = ["int 3x = ;", "}", "int a = 1; )"]

    code_page_something = "Math.abs?"

    code_generate_error = 'throw new IllegalStateException("deliberately");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".toUpperCase()', "result": "ABC"},
        {"code": "int v = 20; v + 1", "result": "21"},
        {"code": TINY_IMAGE, "mime": "image/png"},
        {"code": TINY_IMAGE, "mime": "text/plain", "result": "BufferedImage 4x3"},
        {"code": "Tensor.zeros(2)", "mime": "text/plain"},
    ]

    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": "display(" + TINY_IMAGE + ");", "mime": "image/png"},
        {"code": "import java.util.*;\ndisplay(List.of(1, 2));", "mime": "text/plain"},
        {"code": "display(cadl.viz.Images.image(Tensor.zeros(4, 4)));", "mime": "image/png"},
    ]

    code_history_pattern = "6*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.abs"

    code_clear_output = 'System.out.println("soon gone"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
