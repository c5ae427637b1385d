package cadl.kernel;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The course kernel, "Java (CADL)": Jupyter's messages (through jjava-jupyter) answered by a
 * {@link CellEvaluator}. What it adds to the protocol base: cells run on their own thread so an
 * interrupt is answered at once and the cell ends within a couple of seconds
 * ({@link CellExecutionControl}); output streams while a cell runs ({@link Outputs}); every
 * result carries {@code text/plain}; {@code kernel_info}, {@code history}, {@code interrupt} and
 * {@code shutdown} replies carry the {@code status} the protocol requires.
 */
public final class Kernel extends BaseKernel {

    /** The kernel's own log: the JVM's original standard error (the kernelspec's log file). */
    static final PrintStream LOG = System.err;

    static final String VERSION = "1.0";

    private final CellEvaluator evaluator;
    private final Outputs outputs;
    private final CellHistory history;

    private Kernel(CellEvaluator evaluator, Outputs outputs, CellHistory history) {
        super("cadl-java", VERSION, languageInfo(),
                List.of(new HelpLink("CADL-Java README", "https://github.com/cadl-java/cadl-java#readme"),
                        new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder().build());
        this.evaluator = evaluator;
        this.outputs = outputs;
        this.history = history;
    }

    /**
     * Starts JShell with {@code classPath}, routes System.out/err through the cell outputs, runs
     * the prelude (imports, display functions) and installs cadl.notebook.Display's sink.
     */
    public static Kernel create(String classPath) {
        long t0 = System.nanoTime();
        PrintStream realOut = System.out;
        Outputs outputs = new Outputs(realOut, LOG);
        CellEvaluator evaluator = new CellEvaluator(classPath);
        long t1 = System.nanoTime();
        Kernel kernel = new Kernel(evaluator, outputs, new CellHistory());
        Notebook.install(kernel.getRenderer(), outputs);
        System.setOut(outputs.stdout);
        System.setErr(outputs.stderr);
        System.setIn(java.io.InputStream.nullInputStream());
        List<String> failed = evaluator.prelude();
        LOG.printf("cadl-kernel: JShell %.1f s, imports and display functions %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
        if (!failed.isEmpty()) {
            LOG.println("cadl-kernel: not pre-imported (not on the class path): " + failed);
        }
        return kernel;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::execute);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::kernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::history);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, this::interrupt);
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::shutdown);
    }

    /**
     * After a cell fails (an error or an interrupt), execute requests sent before that moment
     * were queued behind it (Run All): they are answered "aborted" without running, as IPython
     * does, so no later cell runs on a half-done state. Only within {@value #ABORT_WINDOW_MILLIS} ms.
     */
    static final long ABORT_WINDOW_MILLIS = 10_000;
    private volatile long failedAt;

    private boolean queuedBehindAFailure(Message<ExecuteRequest> message) {
        long failed = failedAt;
        if (failed == 0 || !message.getContent().shouldStopOnError()
                || System.currentTimeMillis() - failed > ABORT_WINDOW_MILLIS) {
            return false;
        }
        try {
            // the client's ISO-8601 "date" (jjava's KernelTimestamp.getDate() cannot parse fractions of seconds)
            var ts = message.getHeader().getTimestamp();
            String date = ts == null ? null : ts.getDateString();
            return date != null && java.time.OffsetDateTime.parse(date).toInstant().toEpochMilli() < failed;
        } catch (RuntimeException e) {
            return false; // no usable date: run the cell
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        if (queuedBehindAFailure(message)) {
            env.setBusyDeferIdle();
            env.reply(new Message(env.getContext(), MessageType.EXECUTE_REPLY, Map.of("status", "aborted")));
            return;
        }
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        java.util.regex.Matcher help = HELP.matcher(request.getCode());
        if (help.matches()) {
            page(env, count, help.group(1) != null ? help.group(1) : help.group(2));
            return;
        }
        outputs.attach(env);
        CellError error = null;
        CellEvaluator.Result result = CellEvaluator.Result.NONE;
        try {
            result = evaluator.run(request.getCode(), count);
        } catch (CellError e) {
            error = e;
        } catch (RuntimeException | LinkageError e) {
            // never let the kernel die on a cell: report what broke instead
            error = new CellError(e.getClass().getSimpleName(), "the kernel could not run this cell: " + e,
                    List.of(CellError.RED + "kernel error" + CellError.RESET + ": " + e));
            e.printStackTrace(LOG);
        }
        DisplayData shown = null;
        if (error == null && result.hasValue() && !silent) {
            try {
                shown = Notebook.render(result.value());
            } catch (RuntimeException | LinkageError e) {
                error = new CellError(e.getClass().getSimpleName(), "the cell's value could not be shown: " + e,
                        List.of(CellError.RED + "cannot show the value" + CellError.RESET + ": " + e));
            }
        }
        if (shown != null) {
            outputs.publish(new PublishExecuteResult(count, shown));
        }
        if (error != null) {
            outputs.publish(new PublishError(error.ename, error.evalue, error.traceback));
        }
        outputs.detach();
        if (store) {
            history.add(count, request.getCode(), shown == null ? null : String.valueOf(shown.getData(MIMEType.TEXT_PLAIN)));  // rendered once above
        }
        if (error != null && request.shouldStopOnError()) {
            failedAt = System.currentTimeMillis();
        }
        if (error == null) {
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } else {
            ErrorReply reply = new ErrorReply(error.ename, error.evalue, error.traceback);
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    /** {@code ?name} or {@code name?}: the documentation of a name, shown in the front end's pager. */
    private static final java.util.regex.Pattern HELP =
            java.util.regex.Pattern.compile("^\\s*\\?\\s*([\\w.]+)\\s*$|^\\s*([\\w.]+)\\s*\\?\\s*$");

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void page(ShellReplyEnvironment env, int count, String name) {
        String text = evaluator.inspect(name, name.length());
        if (text == null) {
            text = "No documentation found for " + name + " (is it imported, and spelled with its capitals?)";
        }
        Map<String, Object> payload = Map.of("source", "page", "data", Map.of("text/plain", text), "start", 0);
        env.defer().reply(new Message(env.getContext(), MessageType.EXECUTE_REPLY, Map.of("status", "ok",
                "execution_count", count, "user_expressions", Map.of(), "payload", List.of(payload))));
    }

    /** kernel_info_reply with the {@code status} field protocol 5.x requires. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfo(String implementation, String version, LanguageInfo info, String banner, List<HelpLink> links) {
            super(Header.PROTOCOL_VERISON, implementation, version, info, banner, links);
        }
    }

    private void kernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfo(name, version, getLanguageInfo(),
                "Java (CADL) " + VERSION + " on Java " + Runtime.version() + ": JShell with the CADL-Java library",
                getHelpLinks()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        List<Object> entries = history.answer(message.getContent());
        env.reply(new Message(env.getContext(), MessageType.HISTORY_REPLY, Map.of("status", "ok", "history", entries)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void interrupt(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        interrupt();
        env.reply(new Message(env.getContext(), MessageType.INTERRUPT_REPLY, Map.of("status", "ok")));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void shutdown(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        env.defer().reply(new Message(env.getContext(), MessageType.SHUTDOWN_REPLY,
                Map.of("status", "ok", "restart", restart)));
        interrupt();
        onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    @Override
    public void interrupt() {
        evaluator.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        try {
            evaluator.close();
        } catch (RuntimeException e) {
            LOG.println("cadl-kernel: closing JShell: " + e);
        }
        super.onShutdown(isRestarting);
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("cadl-kernel evaluates cells through execute_request only");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String text = evaluator.inspect(code, at);
        return text == null ? null : new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return evaluator.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        return evaluator.isComplete(code);
    }

    @Override
    public List<String> formatError(Throwable e) {
        return new ArrayList<>(List.of(String.valueOf(e)));
    }
}
