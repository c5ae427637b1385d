package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a local HTTP server on 127.0.0.1: never the network. */
class DownloadTest {

    static final String NAME = "t10k-labels-idx1-ubyte.gz";
    static final Duration QUICK = Duration.ofSeconds(2);

    @TempDir
    Path cache;

    HttpServer server;
    String base;
    ServerSocket cutServer;
    String cut;
    byte[] file;
    String sha;
    final AtomicInteger goodRequests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        file = IdxTest.gzip(IdxTest.idx(0x08, new int[] {100}, IdxTest.ramp(100)));
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good/", ex -> {
            goodRequests.incrementAndGet();
            ex.sendResponseHeaders(200, file.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(file);
            }
        });
        server.createContext("/tampered/", ex -> {
            byte[] other = file.clone();
            other[other.length / 2] ^= 1;
            ex.sendResponseHeaders(200, other.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(other);
            }
        });
        server.createContext("/missing/", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        // A server that promises the whole file, sends half, then drops the connection.
        cutServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!cutServer.isClosed()) {
                try (Socket s = cutServer.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + file.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(file, 0, file.length / 2);
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "cut-server");
        t.setDaemon(true);
        t.start();
        cut = "http://127.0.0.1:" + cutServer.getLocalPort() + "/cut/";
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop(0);
        cutServer.close();
    }

    List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void downloadsCheckedFileIntoCache() throws IOException {
        Path got = Download.fetch(NAME, sha, List.of(base + "/good/"), cache, QUICK);
        assertEquals(cache.resolve(NAME), got);
        assertArrayEquals(file, Files.readAllBytes(got));
        assertEquals(List.of(got), filesIn(cache), "only the final file, no temporary left");
        assertEquals(100, Idx.readLabels(got).length);
    }

    @Test
    void cachedFileWithRightHashIsNotFetchedAgain() throws IOException {
        Download.fetch(NAME, sha, List.of(base + "/good/"), cache, QUICK);
        Download.fetch(NAME, sha, List.of(base + "/good/"), cache, QUICK);
        assertEquals(1, goodRequests.get());
    }

    @Test
    void hashMismatchLeavesNoFile() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(NAME, sha, List.of(base + "/tampered/"), cache, QUICK));
        assertTrue(e.getMessage().contains(NAME), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + sha), e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void interruptedDownloadLeavesNoFile() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(NAME, sha, List.of(cut), cache, QUICK));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("interrupted") || e.getMessage().contains("Premature EOF"),
                e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void fallsThroughBadMirrorsToAGoodOne() throws IOException {
        Path got = Download.fetch(NAME, sha,
                List.of("http://127.0.0.1:1/", base + "/missing/", base + "/tampered/", base + "/good/"), cache, QUICK);
        assertArrayEquals(file, Files.readAllBytes(got));
        assertEquals(List.of(got), filesIn(cache));
    }

    @Test
    void everyMirrorFailingNamesEachReason() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Download.fetch(NAME, sha,
                List.of("http://127.0.0.1:1/", base + "/missing/"), cache, QUICK));
        assertTrue(e.getMessage().contains("could not download " + NAME), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void wrongCachedFileIsKeptWhenNoMirrorCanReplaceIt() throws IOException {
        Path stale = Files.write(cache.resolve(NAME), new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class,
                () -> Download.fetch(NAME, sha, List.of(base + "/tampered/"), cache, QUICK));
        assertTrue(e.getMessage().contains("cached " + stale + " has SHA-256"), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(stale));
        Download.fetch(NAME, sha, List.of(base + "/good/"), cache, QUICK);
        assertArrayEquals(file, Files.readAllBytes(stale), "a verified download replaces it");
    }
}
