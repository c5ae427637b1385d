package cadl.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * Where a running cell's output goes: {@code System.out} and {@code System.err} become streams
 * that collect text and publish it as Jupyter {@code stream} messages every
 * {@value #FLUSH_MILLIS} ms while the cell runs (a progress line printed without a newline still
 * appears), and display messages go to the same cell. Between cells, and for output that comes
 * after its cell ended, text goes to the kernel's own log.
 *
 * <p>Every message to the front end passes through one lock, so output from a cell's threads
 * never interleaves with the shell thread's reply, and nothing is sent for a cell after it ended.
 */
final class Outputs {

    static final long FLUSH_MILLIS = 100;

    private final Object lock = new Object();
    private ShellReplyEnvironment env;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final PrintStream logOut;
    private final PrintStream logErr;
    private final ScheduledExecutorService flusher;

    /** The {@code System.out} cell code sees. */
    final PrintStream stdout;
    /** The {@code System.err} cell code sees. */
    final PrintStream stderr;

    Outputs(PrintStream logOut, PrintStream logErr) {
        this.logOut = logOut;
        this.logErr = logErr;
        this.stdout = new PrintStream(new Collector(out, false), true, StandardCharsets.UTF_8);
        this.stderr = new PrintStream(new Collector(err, true), true, StandardCharsets.UTF_8);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cadl-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** From now on output belongs to the cell that {@code cellEnv} answers. */
    void attach(ShellReplyEnvironment cellEnv) {
        synchronized (lock) {
            flushLocked();
            env = cellEnv;
        }
    }

    /** Sends what is buffered, then detaches: later output goes to the kernel log. */
    void detach() {
        synchronized (lock) {
            flushLocked();
            env = null;
        }
    }

    /** True while a cell is attached. */
    boolean attached() {
        synchronized (lock) {
            return env != null;
        }
    }

    /**
     * Publishes {@code content} (display_data, update_display_data, clear_output) to the running
     * cell after the text printed before it; returns false when no cell is running.
     */
    <T extends ContentType<T>> boolean publish(T content) {
        synchronized (lock) {
            if (env == null) {
                return false;
            }
            flushLocked();
            env.publish(content);
            return true;
        }
    }

    void flush() {
        synchronized (lock) {
            flushLocked();
        }
    }

    private void flushLocked() {
        send(out, PublishStream.StreamType.OUT, logOut);
        send(err, PublishStream.StreamType.ERR, logErr);
    }

    private void send(StringBuilder text, PublishStream.StreamType type, PrintStream log) {
        if (text.length() == 0) {
            return;
        }
        String s = text.toString();
        text.setLength(0);
        if (env != null) {
            try {
                env.publish(new PublishStream(type, s));
                return;
            } catch (RuntimeException e) {
                log.println("cadl-kernel: could not send output to the front end: " + e);
            }
        }
        log.print(s);
        log.flush();
    }

    /** Bytes from a PrintStream, decoded as UTF-8 into a buffer the flusher empties. */
    private final class Collector extends OutputStream {
        private final StringBuilder target;
        private final java.io.ByteArrayOutputStream pendingBytes = new java.io.ByteArrayOutputStream();
        private final boolean isErr;

        Collector(StringBuilder target, boolean isErr) {
            this.target = target;
            this.isErr = isErr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (lock) {
                pendingBytes.write(b, off, len);
                byte[] all = pendingBytes.toByteArray();
                int complete = completeUtf8Prefix(all);
                target.append(new String(all, 0, complete, StandardCharsets.UTF_8));
                pendingBytes.reset();
                pendingBytes.write(all, complete, all.length - complete);
                if (target.length() > 64 * 1024) {
                    flushLocked();
                }
            }
        }

        @Override
        public String toString() {
            return isErr ? "cell stderr" : "cell stdout";
        }
    }

    /** The length of the longest prefix of {@code b} that does not end inside a UTF-8 sequence. */
    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
