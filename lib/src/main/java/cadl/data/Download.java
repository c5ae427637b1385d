package cadl.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches one file from a list of mirrors into a cache directory, checking its SHA-256.
 *
 * <p>The bytes go to a temporary file in the cache directory, hashed on the way; only a
 * complete file with the expected hash is moved (atomically where the file system allows)
 * to its final name. A refused connection, a timeout, an HTTP error, a short body or a hash
 * mismatch deletes the temporary file and moves on to the next mirror, so a failed download
 * never leaves a file behind.
 */
final class Download {

    /** How long to wait for a mirror to accept the connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(4);
    /** How long a read may stall once connected. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private Download() {
    }

    /**
     * Returns {@code dir/fileName}, downloading it first if it is not there.
     *
     * @param fileName       the file's name, appended to each mirror's base URL
     * @param sha256         the expected SHA-256, lowercase hex
     * @param mirrors        base URLs ending in '/', tried in order
     * @param dir            the cache directory (created if needed)
     * @param connectTimeout how long to wait for each connection
     * @return the cached file, whose hash matched
     * @throws IOException naming every mirror tried and why it failed
     */
    static Path fetch(String fileName, String sha256, List<String> mirrors, Path dir, Duration connectTimeout)
            throws IOException {
        Path target = dir.resolve(fileName);
        List<String> failures = new ArrayList<>();
        if (Files.isRegularFile(target)) {
            String have = sha256(target);
            if (have.equals(sha256)) {
                return target;
            }
            // Not the file we want: try to replace it (only a verified download does), but keep it
            // if no mirror can, and say why.
            failures.add("cached " + target + " has SHA-256 " + have + ", expected " + sha256);
        }
        Files.createDirectories(dir);
        for (String mirror : mirrors) {
            String url = mirror + fileName;
            try {
                fetchOne(url, sha256, target, connectTimeout);
                return target;
            } catch (IOException | IllegalArgumentException e) {
                String host = URI.create(url).getHost();
                failures.add((host == null ? url : host) + ": " + describe(e));
            }
        }
        throw new IOException("could not download " + fileName + " (" + String.join("; ", failures) + ")");
    }

    private static void fetchOne(String url, String sha256, Path target, Duration connectTimeout)
            throws IOException {
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".part");
        boolean moved = false;
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(URI.create(url).toString()).openConnection();
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) READ_TIMEOUT.toMillis());
            c.setInstanceFollowRedirects(true);
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                c.disconnect();
                throw new IOException("HTTP " + status);
            }
            long declared = c.getContentLengthLong();
            MessageDigest digest = sha256Digest();
            long received = 0;
            try (InputStream in = new DigestInputStream(c.getInputStream(), digest);
                 OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) != -1; ) {
                    out.write(buf, 0, n);
                    received += n;
                }
            }
            if (declared >= 0 && received != declared) {
                throw new IOException("download interrupted: received " + received + " of " + declared + " bytes");
            }
            String got = HexFormat.of().formatHex(digest.digest());
            if (!got.equals(sha256)) {
                throw new IOException("SHA-256 mismatch: expected " + sha256 + ", got " + got
                        + " (" + received + " bytes)");
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** The SHA-256 of a file, lowercase hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host, no network?";
        }
        if (m == null) {
            return kind;
        }
        return e.getClass() == IOException.class ? m : kind + ": " + m;
    }
}
