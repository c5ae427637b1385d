package cadl.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * A cell's Java, run by JShell in this JVM: the cell is split into snippets (statements,
 * declarations, expressions) by JShell's own source analysis and each is evaluated in turn;
 * a compile error or an exception stops the cell. Also answers the front end's questions about
 * code: is it complete, how may it continue, what is the name under the cursor.
 */
final class CellEvaluator implements AutoCloseable {

    /**
     * What every cell may use without importing: JShell's defaults and the course packages. The one simple
     * name the course shares with those packages, {@code Module} (also {@code java.lang.Module}), is imported
     * by its full name so that {@code Module} in a cell means the course's layer base class.
     */
    static final List<String> IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*", "java.util.concurrent.*",
            "java.util.function.*", "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*",
            "cadl.tensor.*", "cadl.nn.*", "cadl.optim.*", "cadl.train.*", "cadl.data.*", "cadl.viz.*",
            "cadl.plot.*", "cadl.io.*", "cadl.notebook.*", "cadl.nn.Module");

    /**
     * The display functions ({@link Notebook}'s static methods), imported the way IJava imports
     * its own. A static import is not hidden by a cell's type imports ({@code import java.util.*;}
     * imports no method), and one snippet is quicker to compile than eight method declarations.
     */
    static final List<String> DISPLAY_FUNCTIONS = List.of("import static cadl.kernel.Notebook.*;");

    /** A cell whose last snippet only shows something: its return value (the display id) is not echoed. */
    private static final Pattern DISPLAY_CALL = Pattern.compile("^\\s*(display|updateDisplay|clearOutput)\\s*\\((?s:.*)\\)\\s*;?\\s*$");

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl control;
    /** Snippet id -> where it came from: the cell's execution count and the cell line it starts on. */
    private final Map<String, int[]> origins = new ConcurrentHashMap<>();

    /**
     * One piece of a cell: JShell's source for a snippet (it starts with any white space and
     * comments before the code, which compile-error positions count), the offset in the cell
     * where that source starts, and where its code starts (stack-trace lines count from there).
     */
    record Piece(String source, int start, int codeStart, boolean complete) {
    }

    /** The outcome of a cell: the value its last expression produced, if any. */
    record Result(boolean hasValue, Object value) {
        static final Result NONE = new Result(false, null);
    }

    CellEvaluator(String classPath) {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider(CellEvaluator.class.getClassLoader());
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        control = provider.control();
        if (control == null) {
            throw new IllegalStateException("cadl-kernel: JShell did not start the cadl execution engine");
        }
        if (!classPath.isBlank()) {
            shell.addToClasspath(classPath); // compile against it; the loader skips what the JVM already has
        }
        analysis = shell.sourceCodeAnalysis();
    }

    /** Imports the defaults and defines the display functions; returns what could not be imported. */
    List<String> prelude() {
        List<String> failed = new ArrayList<>();
        for (String imp : IMPORTS) {
            List<SnippetEvent> ev = shell.eval("import " + imp + ";");
            if (ev.isEmpty() || ev.get(0).status() == Snippet.Status.REJECTED) {
                failed.add(imp);
                ev.forEach(e -> shell.drop(e.snippet()));
            }
        }
        long t = System.nanoTime();
        for (String f : DISPLAY_FUNCTIONS) {
            List<SnippetEvent> ev = shell.eval(f);
            if (ev.isEmpty() || ev.get(0).status() != Snippet.Status.VALID) {
                throw new IllegalStateException("cadl-kernel: cannot define the display function `" + f + "`: "
                        + (ev.isEmpty() ? "no event" : diagnostics(ev.get(0).snippet())));
            }
        }
        Kernel.LOG.printf("cadl-kernel: display functions %.2f s%n", (System.nanoTime() - t) / 1e9);
        // the first evaluation loads javac's and the engine's classes: do it now, not in the learner's first cell
        shell.eval("int $cadlWarmUp = 1 + 1;").forEach(e -> shell.drop(e.snippet()));
        return failed;
    }

    CellExecutionControl control() {
        return control;
    }

    /**
     * Runs a cell. Returns the value of its last snippet when that is an expression (a variable
     * name, a call that returns something), except a display call.
     *
     * @throws CellError for a compile error, an exception, or an interrupt
     */
    Result run(String cell, int executionCount) throws CellError {
        control.clearStop();
        List<Piece> pieces = split(cell);
        Result result = Result.NONE;
        for (Piece piece : pieces) {
            if (control.stopRequested()) {
                throw CellError.interrupted(null);
            }
            control.takeLastValue();
            List<SnippetEvent> events = shell.eval(piece.source());
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (main == null) {
                continue;
            }
            Snippet sn = main.snippet();
            origins.put(sn.id(), new int[] {executionCount, lineOf(cell, piece.codeStart())});
            if (control.stopRequested()) {
                throw CellError.interrupted(main.exception() == null ? null : frames(main.exception()));
            }
            if (main.status() == Snippet.Status.REJECTED) {
                throw compileError(cell, piece, sn);
            }
            if (main.exception() != null) {
                throw runtimeError(main.exception());
            }
            if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) sn).collect(Collectors.joining(", "));
                System.err.println("note: " + describe(sn) + " can be used once " + missing + " is defined");
            }
            result = Result.NONE;
            if (isValueSnippet(sn) && !DISPLAY_CALL.matcher(piece.source()).matches()) {
                Object v = control.takeLastValue();
                if (v != CellExecutionControl.NO_VALUE && v != null) {
                    result = new Result(true, v);
                }
            }
        }
        return result;
    }

    private static boolean isValueSnippet(Snippet sn) {
        if (sn instanceof VarSnippet && sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return true;
        }
        return sn instanceof ExpressionSnippet && sn.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private static String describe(Snippet sn) {
        if (sn instanceof jdk.jshell.MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (sn instanceof jdk.jshell.TypeDeclSnippet t) {
            return "type " + t.name();
        }
        if (sn instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return "this declaration";
    }

    /** Splits a cell into JShell snippets, keeping where each starts in the cell. */
    List<Piece> split(String cell) {
        List<Piece> pieces = new ArrayList<>();
        String rest = cell;
        while (true) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness c = ci.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            int restStart = cell.length() - rest.length();
            int codeStart = restStart + skipTrivia(rest, 0);
            if (!c.isComplete()) {
                pieces.add(new Piece(rest, restStart, codeStart, false));
                break;
            }
            String src = ci.source();
            String remaining = ci.remaining();
            pieces.add(new Piece(src, restStart, codeStart, true));
            if (remaining.length() >= rest.length()) {
                break; // no progress: never loop forever
            }
            rest = remaining;
        }
        return pieces;
    }

    /** Skips white space and comments from {@code i}. */
    static int skipTrivia(String s, int i) {
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String text, int offset) {
        int nl = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1));
        return offset - nl;
    }

    private String diagnostics(Snippet sn) {
        return shell.diagnostics(sn).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
    }

    private CellError compileError(String cell, Piece piece, Snippet sn) {
        List<Diag> diags = shell.diagnostics(sn).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            diags = shell.diagnostics(sn).collect(Collectors.toList());
        }
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            int offset = (int) Math.min(piece.start() + Math.max(0, pos), Math.max(0, cell.length() - 1));
            if (!piece.complete()) {
                offset = Math.min(piece.start() + (int) Math.max(0, pos), cell.length());
            }
            int line = lineOf(cell, offset);
            int col = columnOf(cell, offset);
            // JShell wraps snippets in classes the learner never wrote: drop "location: class" lines
            String msg = d.getMessage(Locale.ROOT).replaceAll("\n\\s*location: class\\s*$", "")
                    .replaceAll("\n\\s*location: class \\$?\\w*\\s*$", "");
            String head = "line " + line + ", column " + col + ": " + msg;
            if (first == null) {
                first = head;
            }
            lines.add(CellError.RED + "error: " + CellError.RESET + head);
            String[] cellLines = cell.split("\n", -1);
            if (line - 1 < cellLines.length) {
                String text = cellLines[line - 1];
                lines.add("    " + text);
                lines.add("    " + " ".repeat(Math.max(0, Math.min(col - 1, text.length()))) + "^");
            }
        }
        if (first == null) {
            first = "JShell rejected this code (" + sn.kind() + ") without saying why";
            lines.add(first);
        }
        return new CellError("CompilationError", first, lines);
    }

    private CellError runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException ure) {
            String missing = shell.unresolvedDependencies(ure.getSnippet()).collect(Collectors.joining(", "));
            String msg = describe(ure.getSnippet()) + " cannot run yet: it uses " + missing
                    + ", which no cell has defined; define it, then run this cell again";
            return new CellError("UnresolvedReferenceException", msg, List.of(CellError.RED + msg + CellError.RESET));
        }
        String cls = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        List<String> lines = new ArrayList<>();
        lines.add(CellError.RED + cls + CellError.RESET + (message.isEmpty() ? "" : ": " + message));
        lines.addAll(frames(ex));
        Throwable cause = ex.getCause();
        Set<Throwable> seen = new LinkedHashSet<>();
        while (cause != null && seen.add(cause)) {
            String cc = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
            lines.add("Caused by: " + cc + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            List<String> f = frames(cause);
            lines.addAll(f.subList(0, Math.min(6, f.size())));
            cause = cause.getCause();
        }
        return new CellError(simple, message, lines);
    }

    /** The learner's frames first (cell and line), then up to 10 library frames. */
    private List<String> frames(Throwable ex) {
        List<String> mine = new ArrayList<>();
        List<String> library = new ArrayList<>();
        int hidden = 0;
        for (StackTraceElement e : ex.getStackTrace()) {
            String file = e.getFileName();
            if (file != null && file.startsWith("#")) {
                int[] origin = origins.get(file.substring(1));
                String where = origin == null ? "a cell" : "cell [" + origin[0] + "], line " + (origin[1] + Math.max(1, e.getLineNumber()) - 1);
                String method = e.getMethodName();
                boolean topLevel = method.isBlank() || method.startsWith("do_it$") || method.equals("<clinit>");
                mine.add("    at " + where + (topLevel ? "" : ", in " + method + "(...)"));
            } else if (isPlumbing(e.getClassName())) {
                hidden++;
            } else if (library.size() < 10) {
                library.add("    at " + e);
            } else {
                hidden++;
            }
        }
        List<String> out = new ArrayList<>(mine);
        if (!library.isEmpty()) {
            out.add("  inside the library (innermost first):");
            out.addAll(library);
        }
        return out;
    }

    private static boolean isPlumbing(String cls) {
        return cls.startsWith("java.lang.reflect.") || cls.startsWith("jdk.internal.") || cls.startsWith("sun.reflect.")
                || cls.startsWith("cadl.kernel.") || cls.startsWith("jdk.jshell.") || cls.equals("java.lang.Thread");
    }

    /** "complete", "invalid", or the indent for the next line when the code is incomplete. */
    String isComplete(String code) {
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            switch (ci.completeness()) {
                case EMPTY:
                    return "complete";
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (ci.remaining().isBlank() || ci.remaining().length() >= rest.length()) {
                        return "complete";
                    }
                    rest = ci.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                default:
                    return "invalid";
            }
        }
    }

    /** Completions at {@code cursor}: the replacements and the range of the cell they replace. */
    org.dflib.jjava.jupyter.kernel.ReplacementOptions complete(String code, int cursor) {
        Piece piece = pieceAt(code, cursor);
        String sub = code.substring(piece.start(), Math.min(code.length(), Math.max(cursor, piece.start())));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(sub, sub.length(), anchor);
        boolean anyTyped = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        List<String> options = suggestions.stream()
                .filter(s -> !anyTyped || s.matchesType())
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .filter(s -> !s.startsWith("$cadl"))
                .distinct()
                .collect(Collectors.toList());
        return new org.dflib.jjava.jupyter.kernel.ReplacementOptions(options, piece.start() + anchor[0], cursor);
    }

    /** The signature and the first sentence of the Javadoc of the name at {@code cursor}, or null. */
    String inspect(String code, int cursor) {
        Piece piece = pieceAt(code, cursor);
        int end = identifierEnd(code, Math.max(cursor, piece.start()));
        String sub = code.substring(piece.start(), end);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(sub, sub.length(), true);
        if (docs.isEmpty()) {
            // a method name without its parentheses ("Math.abs"): JShell documents calls
            docs = analysis.documentation(sub + "(", sub.length() + 1, true);
        }
        if (docs.isEmpty()) {
            // a bare type name ("Math") is not documented as an expression: ask about its members' owner
            docs = analysis.documentation(sub + ".", sub.length() + 1, true);
            if (!docs.isEmpty()) {
                String type = sub.substring(identifierStart(sub, sub.length()));
                return "class " + type + " (" + docs.size() + " members documented; press Shift-Tab after a '.' for one)";
            }
            String type = analysis.analyzeType(sub, sub.length());
            return type == null || type.isBlank() ? null : sub.strip() + " : " + type;
        }
        StringBuilder b = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(d.signature());
            String javadoc = d.javadoc();
            if (javadoc != null && !javadoc.isBlank()) {
                b.append("\n    ").append(firstSentence(javadoc));
            }
        }
        return b.toString();
    }

    /** The first sentence of a Javadoc comment, on one line, without HTML tags and inline tags. */
    static String firstSentence(String javadoc) {
        String text = javadoc.strip();
        int paragraph = text.indexOf("\n\n");
        if (paragraph > 0) {
            text = text.substring(0, paragraph);
        }
        text = text.replaceAll("\\{@\\w+\\s+([^}]*)}", "$1").replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
        int dot = text.indexOf(". ");
        return dot > 0 ? text.substring(0, dot + 1) : text;
    }

    private static int identifierEnd(String code, int i) {
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int identifierStart(String code, int i) {
        while (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private Piece pieceAt(String code, int cursor) {
        Piece at = new Piece(code, 0, 0, false);
        for (Piece p : split(code)) {
            if (p.codeStart() <= cursor) {
                at = p;
            }
        }
        return at;
    }

    /** Asks the running snippet to stop (see {@link CellExecutionControl#stop()}). */
    void stop() {
        control.stop();
    }

    @Override
    public void close() {
        shell.close();
    }
}
