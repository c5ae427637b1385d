package cadl.kernel;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs the code JShell compiled from a cell, in this JVM, on a fresh {@link CellThread} per
 * snippet, and stops it on an interrupt.
 *
 * <p>Why a thread of our own: the shell thread that received the {@code execute_request} must
 * stay free to answer once the cell ends or is stopped; and a stop must work on every JDK.
 * {@link #stop()} asks in three ways, strongest last:
 * <ol>
 *   <li>it sets the cell thread's stop flag, which the checks {@link StopChecks} put into every
 *       loop and method of cell code read, and {@link Thread#interrupt() interrupts} it, which
 *       wakes a sleep or a wait and which library loops can poll;</li>
 *   <li>after {@value #STOP_GRACE_MILLIS} ms, on JDKs that still have it (17 to 19),
 *       {@code Thread.stop}, which also ends loops inside library code;</li>
 *   <li>after {@value #ABANDON_MILLIS} ms the snippet is given up: the shell answers the cell as
 *       interrupted and the next cell runs on a new thread, while the old one finishes on its own
 *       (only code that never returns to a check and ignores interruption gets that far).</li>
 * </ol>
 * The classes JShell compiles are loaded by a {@link CellClassLoader} whose parent is the
 * kernel's own class loader, so cell code shares {@code cadl.*} and ND4J with the kernel.
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** How long a stopped cell may take to notice its flag before {@code Thread.stop} (where it exists). */
    static final long STOP_GRACE_MILLIS = 700;
    /** How long after a stop request the snippet is given up and the cell answered as interrupted. */
    static final long ABANDON_MILLIS = 1500;

    private final CellClassLoader loader;
    private volatile CellThread current;
    private volatile boolean stopRequested;
    private final AtomicReference<Object> lastValue = new AtomicReference<>(NO_VALUE);

    /** Marks "no value captured" (null is a value). */
    static final Object NO_VALUE = new Object();

    private CellExecutionControl(CellClassLoader loader) {
        super(loader);
        this.loader = loader;
    }

    /** The value the last {@code invoke} or {@code varValue} produced, or {@link #NO_VALUE}. */
    Object takeLastValue() {
        return lastValue.getAndSet(NO_VALUE);
    }

    /** True once {@link #stop()} was called, until {@link #clearStop()}. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** Called before each cell: a stop asked for between cells does not stop the next one. */
    void clearStop() {
        stopRequested = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopRequested) {
            throw new ExecutionControl.StoppedException();
        }
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CellThread thread = new CellThread(() -> {
            try {
                result.set(doitMethod.invoke(null));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        thread.setContextClassLoader(loader);
        current = thread;
        if (stopRequested) {
            thread.requestStop();   // stop() ran between the check above and publishing the thread: do not lose it
        }
        thread.start();
        try {
            awaitOrStop(thread, done);
        } finally {
            current = null;
        }
        if (done.getCount() > 0 || thread.stopRequested()) {
            throw new ExecutionControl.StoppedException();
        }
        Throwable t = failure.get();
        if (t instanceof InvocationTargetException ite) {
            Throwable cause = ite.getCause();
            if (cause instanceof CellInterrupted || isThreadDeath(cause)) {
                throw new ExecutionControl.StoppedException();
            }
            throw ite;
        }
        if (t != null) {
            throw new ExecutionControl.InternalException("the cell could not be run: " + t);
        }
        Object value = result.get();
        lastValue.set(value);
        return valueString(value);
    }

    private static boolean isThreadDeath(Throwable t) {
        return t != null && t.getClass().getName().equals("java.lang.ThreadDeath");
    }

    /** Waits for the snippet; after a stop request escalates as the class comment says. */
    private void awaitOrStop(CellThread thread, CountDownLatch done) throws InterruptedException {
        while (!done.await(50, TimeUnit.MILLISECONDS)) {
            long since = thread.stopRequestedAt();
            if (since == 0) {
                continue;
            }
            long waited = System.currentTimeMillis() - since;
            if (waited >= STOP_GRACE_MILLIS && !thread.hardStopTried()) {
                thread.tryHardStop();
            }
            if (waited >= ABANDON_MILLIS) {
                return;
            }
        }
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        Object val;
        try {
            Class<?> klass = findClass(className);
            Field var = klass.getDeclaredField(varName);
            var.setAccessible(true);
            val = var.get(null);
        } catch (Throwable ex) {
            throw new InternalException(ex.toString());
        }
        lastValue.set(val);
        return super.varValue(className, varName);
    }

    @Override
    public void stop() {
        stopRequested = true;
        CellThread t = current;
        if (t != null) {
            t.requestStop();
        }
    }

    /** The JShell execution engine "cadl": this control, over the kernel's class loader. */
    static final class Provider implements ExecutionControlProvider {
        private final ClassLoader parent;
        private volatile CellExecutionControl control;

        Provider(ClassLoader parent) {
            this.parent = parent;
        }

        @Override
        public String name() {
            return "cadl";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl(new CellClassLoader(parent));
            return control;
        }

        CellExecutionControl control() {
            return control;
        }
    }

    /**
     * Defines the classes JShell compiles (with the interrupt checks inserted) and, for
     * {@code %jars}-style additions, further jars; jars already on the kernel's class path are
     * not added again, so their classes are loaded once and shared with the kernel.
     */
    static final class CellClassLoader extends URLClassLoader implements LoaderDelegate {
        private final Map<String, byte[]> pending = new ConcurrentHashMap<>();
        private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
        private final Set<String> kernelClassPath;

        static {
            registerAsParallelCapable();
        }

        CellClassLoader(ClassLoader parent) {
            super(new URL[0], parent);
            kernelClassPath = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                    .filter(s -> !s.isBlank())
                    .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                    .collect(Collectors.toSet());
        }

        @Override
        public void load(ExecutionControl.ClassBytecodes[] cbcs) throws ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ExecutionControl.ClassBytecodes c : cbcs) {
                pending.put(c.name(), StopChecks.insert(c.bytecodes()));
            }
            int i = 0;
            try {
                for (ExecutionControl.ClassBytecodes c : cbcs) {
                    Class<?> k = loadClass(c.name());
                    loaded.put(c.name(), k);
                    installed[i++] = true;
                    k.getDeclaredMethods(); // links the class now, so a bad class fails here, not mid-cell
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load the cell's class: " + e, installed);
            }
        }

        @Override
        public void classesRedefined(ExecutionControl.ClassBytecodes[] cbcs) {
            for (ExecutionControl.ClassBytecodes c : cbcs) {
                pending.put(c.name(), StopChecks.insert(c.bytecodes()));
            }
        }

        @Override
        public void addToClasspath(String path) throws InternalException {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry).toAbsolutePath().normalize();
                if (kernelClassPath.contains(p.toString())) {
                    continue;
                }
                try {
                    addURL(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
                }
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> k = loaded.get(name);
            if (k != null) {
                return k;
            }
            byte[] bytes = pending.remove(name);
            if (bytes != null) {
                return defineClass(name, bytes, 0, bytes.length);
            }
            return super.findClass(name);
        }
    }
}
