package cadl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cell evaluator on its own, in this JVM: splitting, values, errors, is-complete. */
class CellEvaluatorTest {

    static CellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(System.getProperty("java.class.path"));
        evaluator.prelude();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void splitKeepsWhereEachSnippetStarts() {
        String cell = "int r = 7;\n// a comment\ndivide(r, 0)";
        List<CellEvaluator.Piece> pieces = evaluator.split(cell);
        assertEquals(2, pieces.size(), pieces.toString());
        assertEquals(0, pieces.get(0).codeStart());
        assertEquals(cell.indexOf("\n//"), pieces.get(1).start(), pieces.toString());
        assertEquals(cell.indexOf("divide"), pieces.get(1).codeStart(), pieces.toString());
    }

    @Test
    void lastExpressionIsTheValueAndDeclarationsAreNot() throws CellError {
        CellEvaluator.Result r = evaluator.run("int a = 20;\na + 22", 1);
        assertTrue(r.hasValue());
        assertEquals(42, r.value());
        assertTrue(!evaluator.run("int b = 1;", 2).hasValue());
    }

    @Test
    void runtimeErrorFramesPointAtCellLines() throws CellError {
        evaluator.run("int half(int a, int b) {\n    return a / b;\n}", 4);
        CellError e = assertThrows(CellError.class, () -> evaluator.run("int r = 7;\n\nhalf(r, 0)", 5));
        assertEquals("ArithmeticException", e.ename);
        assertEquals("    at cell [4], line 2, in half(...)", e.traceback.get(1), e.traceback.toString());
        assertEquals("    at cell [5], line 3", e.traceback.get(2), e.traceback.toString());
    }

    @Test
    void moduleMeansTheCourseLayerNotJavaLangModule() throws CellError {
        // cadl.nn.* and java.lang.* both hold a Module; the kernel imports the course's by name, even after a cell's own imports
        evaluator.run("import cadl.nn.*;\nimport java.util.*;", 7);
        CellEvaluator.Result r = evaluator.run("Module m = Linear.of(\"layer1\", 2, 3);\nm.namedParameters().size()", 8);
        assertEquals(2, r.value());
    }

    @Test
    void compileErrorNamesLineAndColumn() {
        CellError e = assertThrows(CellError.class, () -> evaluator.run("int ok = 1;\n  int bad = nope;", 6));
        assertEquals("CompilationError", e.ename);
        assertTrue(e.evalue.startsWith("line 2, column 13: cannot find symbol"), e.evalue);
    }

    @Test
    void isCompleteSaysCompleteIncompleteOrInvalid() {
        assertEquals("complete", evaluator.isComplete("int x = 3"));
        assertEquals("    ", evaluator.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("invalid", evaluator.isComplete("int 3x = ;"));
        assertEquals("invalid", evaluator.isComplete("int a = 1; )"));
    }

    @Test
    void inspectGivesTheSignature() {
        String text = evaluator.inspect("Math.abs", 8);
        assertNotNull(text);
        assertTrue(text.contains("Math.abs(int a)"), text);
    }

    @Test
    void firstSentenceOfJavadocIsOneLineWithoutTags() {
        assertEquals("Returns the absolute value of an int value.", CellEvaluator.firstSentence(
                "Returns the absolute value of an {@code int} value.\nIf the argument is not negative, ..."));
        assertEquals("Makes a tensor.", CellEvaluator.firstSentence("Makes a <b>tensor</b>.\n\n@param x the x"));
    }
}
