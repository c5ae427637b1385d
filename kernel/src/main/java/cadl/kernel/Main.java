package cadl.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -cp CLASSPATH cadl.kernel.Main CONNECTION_FILE}, as the
 * kernelspec written by {@code kernel/write_kernelspec.py} does. JShell compiles cells against
 * the same class path the JVM runs with ({@code java.class.path}). The message handlers are in
 * place before the sockets are bound, so no early request is lost; the kernel logs the seconds
 * it took to start on its standard error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        if (args.length != 1) {
            System.err.println("usage: java -cp CLASSPATH cadl.kernel.Main CONNECTION_FILE "
                    + "(Jupyter passes the connection file; see kernel/write_kernelspec.py)");
            System.exit(2);
        }
        String json;
        try {
            json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cadl-kernel: cannot read the connection file " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        Kernel kernel = Kernel.create(System.getProperty("java.class.path", ""));
        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        Kernel.LOG.printf("cadl-kernel: ready in %.1f s (Java %s)%n", (System.nanoTime() - t0) / 1e9, Runtime.version());
        connection.waitUntilClose();
        Kernel.LOG.println("cadl-kernel: shut down");
        // ND4J and AWT keep non-daemon threads: end the JVM explicitly
        System.exit(0);
    }
}
