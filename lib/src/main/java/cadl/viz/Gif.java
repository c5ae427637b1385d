package cadl.viz;

import cadl.notebook.Displayable;
import cadl.tensor.Tensor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF built frame by frame, shown inline in a notebook and saved to a file, written by the
 * JDK's own GIF writer ({@code javax.imageio}): no tool outside the JVM.
 *
 * <p>Each frame carries a delay (GIF stores hundredths of a second, so milliseconds are rounded to
 * tens; browsers show delays under 20 ms as 100 ms). Looping is the NETSCAPE2.0 application extension:
 * loop forever (the default), a loop count, or play once (no extension). All frames must have one size;
 * colour frames are reduced to 256 colours each (grey frames lose nothing). Like {@link Image}, a small
 * GIF is scaled up with nearest neighbour when displayed, never when saved.
 *
 * <pre>{@code
 * Gif gif = new Gif().delayMillis(200);
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     ... train ...
 *     gif.add(Montage.of(reconstruction.reshape(100, 28, 28)));
 * }
 * display(gif);                       // "GIF 291x291, 5 frames, 200 ms, loops forever"
 * gif.save(Path.of("reconstructions.gif"));
 * }</pre>
 */
public final class Gif implements Displayable {

    /** Delay of a frame added without one, unless {@link #delayMillis(int)} changes it. */
    public static final int DEFAULT_DELAY_MILLIS = 100;

    /** Loop count meaning "forever" in the NETSCAPE2.0 extension. */
    public static final int LOOP_FOREVER = 0;

    /** Loop count meaning "play once": the file carries no NETSCAPE2.0 extension. */
    public static final int PLAY_ONCE = -1;

    private static final int MAX_DELAY_MILLIS = 655_350;

    private final List<BufferedImage> frames = new ArrayList<>();
    private final List<Integer> frameDelays = new ArrayList<>(); // null: the GIF's delay
    private int delayMillis = DEFAULT_DELAY_MILLIS;
    private int loopCount = LOOP_FOREVER;

    /** An empty GIF: 100 ms per frame, looping forever. */
    public Gif() {
    }

    /** Sets the delay of every frame that was not added with its own; returns this. */
    public Gif delayMillis(int millis) {
        checkDelay("Gif.delayMillis", millis);
        this.delayMillis = millis;
        return this;
    }

    /** Plays the frames over and over (NETSCAPE2.0 loop count 0, the default); returns this. */
    public Gif loopForever() {
        this.loopCount = LOOP_FOREVER;
        return this;
    }

    /**
     * Sets the NETSCAPE2.0 loop count: {@code count} repetitions after the first play in most browsers
     * (some count the first play too); returns this. Use {@link #loopForever()} or {@link #playOnce()} for
     * the two clear cases.
     */
    public Gif loopCount(int count) {
        if (count < 1 || count > 65_535) {
            throw new IllegalArgumentException("Gif.loopCount: expected 1..65535 repetitions, got " + count
                    + "; use loopForever() or playOnce()");
        }
        this.loopCount = count;
        return this;
    }

    /** Plays the frames once and stops on the last (no NETSCAPE2.0 extension); returns this. */
    public Gif playOnce() {
        this.loopCount = PLAY_ONCE;
        return this;
    }

    /** Adds a frame shown for the GIF's delay; returns this. */
    public Gif add(BufferedImage frame) {
        return addFrame(Images.standard(frame), null);
    }

    /** Adds a frame shown for {@code millis}; returns this. */
    public Gif add(BufferedImage frame, int millis) {
        checkDelay("Gif.add", millis);
        return addFrame(Images.standard(frame), millis);
    }

    /** Adds an image as a frame; returns this. */
    public Gif add(Image frame) {
        return addFrame(frame.bufferedImage(), null);
    }

    /** Adds an image as a frame shown for {@code millis}; returns this. */
    public Gif add(Image frame, int millis) {
        checkDelay("Gif.add", millis);
        return addFrame(frame.bufferedImage(), millis);
    }

    /**
     * Adds pixels in 0..1 as a frame; returns this.
     *
     * @param frame {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     */
    public Gif add(Tensor frame) {
        return add(frame, Images.Range.UNIT);
    }

    /**
     * Adds pixels in a stated range as a frame (the painting lesson: {@code Images.Range.BYTES}); returns this.
     *
     * @param frame {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     */
    public Gif add(Tensor frame, Images.Range range) {
        return addFrame(Images.toBufferedImage(frame, range.lo(), range.hi()), null);
    }

    /**
     * Adds pixels as a frame, {@code lo} shown black and {@code hi} white (clipped); returns this.
     *
     * @param frame {@code [H, W]}, {@code [H, W, 1]} or {@code [H, W, 3]}
     */
    public Gif add(Tensor frame, double lo, double hi) {
        return addFrame(Images.toBufferedImage(frame, lo, hi), null);
    }

    private Gif addFrame(BufferedImage frame, Integer millis) {
        if (!frames.isEmpty() && (frame.getWidth() != width() || frame.getHeight() != height())) {
            throw new IllegalArgumentException("Gif.add: frame " + frames.size() + " is " + frame.getWidth() + "x"
                    + frame.getHeight() + " but the GIF is " + width() + "x" + height()
                    + " (width x height); resize the frame first (Images.resize)");
        }
        frames.add(frame);
        frameDelays.add(millis);
        return this;
    }

    /** Number of frames added so far. */
    public int frameCount() {
        return frames.size();
    }

    /** Width of the frames in pixels (0 before the first frame). */
    public int width() {
        return frames.isEmpty() ? 0 : frames.get(0).getWidth();
    }

    /** Height of the frames in pixels (0 before the first frame). */
    public int height() {
        return frames.isEmpty() ? 0 : frames.get(0).getHeight();
    }

    /** The delay of frame {@code i} in milliseconds, as it will be written (rounded to tens). */
    public int frameDelayMillis(int i) {
        Integer d = frameDelays.get(i);
        return Math.round((d == null ? delayMillis : d) / 10f) * 10;
    }

    /** The loop count written: {@link #LOOP_FOREVER}, {@link #PLAY_ONCE} or a number of repetitions. */
    public int loopCount() {
        return loopCount;
    }

    /**
     * The GIF file's bytes at the frames' own size.
     *
     * @throws IllegalStateException if no frame has been added
     */
    public byte[] bytes() {
        return encode(1);
    }

    /**
     * Saves the GIF (frames at their own size). Atomic: written to a temporary file beside {@code file},
     * then moved into place; parent directories are created.
     *
     * @throws IllegalStateException if no frame has been added
     */
    public void save(Path file) {
        AtomicFile.write(file, bytes());
    }

    /** {@code image/gif} (scaled up like {@link Image} when small, base64) and {@code text/plain}. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        if (!frames.isEmpty()) {
            bundle.put("image/gif", Base64.getEncoder().encodeToString(encode(Image.displayScale(width(), height()))));
        }
        bundle.put("text/plain", toString());
        return bundle;
    }

    /** {@code "GIF 291x291, 5 frames, 200 ms, loops forever"} (width x height). */
    @Override
    public String toString() {
        String loops = switch (loopCount) {
            case LOOP_FOREVER -> "loops forever";
            case PLAY_ONCE -> "plays once";
            default -> "loop count " + loopCount;
        };
        if (frames.isEmpty()) {
            return "GIF (no frames), " + loops;
        }
        return "GIF " + width() + "x" + height() + ", " + frames.size() + (frames.size() == 1 ? " frame, " : " frames, ")
                + delayText() + ", " + loops;
    }

    private String delayText() {
        int first = frameDelayMillis(0);
        for (int i = 1; i < frames.size(); i++) {
            if (frameDelayMillis(i) != first) {
                return "delays " + first + ".. ms";
            }
        }
        return first + " ms";
    }

    // ---------------------------------------------------------------- writing

    private byte[] encode(int scale) {
        if (frames.isEmpty()) {
            throw new IllegalStateException("Gif: no frames to write; add some with add(...) first");
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IllegalStateException("Gif: this JVM has no javax.imageio GIF writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = Images.scaleUp(frames.get(i), scale);
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                describe(metadata, frameDelayMillis(i) / 10, i == 0 ? loopCount : PLAY_ONCE);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("Gif: cannot encode: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Sets one frame's delay (hundredths of a second) and, on the first frame, the loop extension. */
    private static void describe(IIOMetadata metadata, int centiseconds, int loopCount) throws IIOInvalidTreeException {
        String format = metadata.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(centiseconds));
        control.setAttribute("transparentColorIndex", "0");

        if (loopCount != PLAY_ONCE) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            // sub-block 1, then the loop count as a little-endian 16-bit number
            netscape.setUserObject(new byte[]{1, (byte) (loopCount & 0xFF), (byte) ((loopCount >> 8) & 0xFF)});
            extensions.appendChild(netscape);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private static void checkDelay(String op, int millis) {
        if (millis < 0 || millis > MAX_DELAY_MILLIS) {
            throw new IllegalArgumentException(op + ": a frame delay must be 0.." + MAX_DELAY_MILLIS + " ms, got " + millis);
        }
    }

    // ---------------------------------------------------------------- reading back

    /**
     * What a GIF file holds, as {@link #read(Path)} decodes it with ImageIO.
     *
     * @param frames       each frame's pixels as stored (our frames cover the whole picture)
     * @param delaysMillis each frame's delay in milliseconds
     * @param loopCount    the NETSCAPE2.0 loop count, 0 for forever, {@link #PLAY_ONCE} when absent
     * @param width        the logical screen width
     * @param height       the logical screen height
     */
    public record Decoded(List<BufferedImage> frames, List<Integer> delaysMillis, int loopCount, int width, int height) {

        /** Number of frames. */
        public int frameCount() {
            return frames.size();
        }
    }

    /** Reads a GIF file back: frames, delays, loop count and size. */
    public static Decoded read(Path file) {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Gif.read: cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads GIF bytes back: frames, delays, loop count and size. */
    public static Decoded read(byte[] gif) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
        if (!readers.hasNext()) {
            throw new IllegalStateException("Gif.read: this JVM has no javax.imageio GIF reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in, false);
            int n = reader.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            int loop = PLAY_ONCE;
            for (int i = 0; i < n; i++) {
                frames.add(reader.read(i));
                IIOMetadata metadata = reader.getImageMetadata(i);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(metadata.getNativeMetadataFormatName());
                int delay = 0;
                for (int j = 0; j < root.getLength(); j++) {
                    IIOMetadataNode node = (IIOMetadataNode) root.item(j);
                    if (node.getNodeName().equals("GraphicControlExtension")) {
                        delay = Integer.parseInt(node.getAttribute("delayTime")) * 10;
                    } else if (node.getNodeName().equals("ApplicationExtensions")) {
                        for (int k = 0; k < node.getLength(); k++) {
                            IIOMetadataNode ext = (IIOMetadataNode) node.item(k);
                            if ("NETSCAPE".equals(ext.getAttribute("applicationID"))
                                    && ext.getUserObject() instanceof byte[] data && data.length >= 3 && data[0] == 1) {
                                loop = (data[1] & 0xFF) | ((data[2] & 0xFF) << 8);
                            }
                        }
                    }
                }
                delays.add(delay);
            }
            IIOMetadata stream = reader.getStreamMetadata();
            int width = frames.isEmpty() ? 0 : frames.get(0).getWidth();
            int height = frames.isEmpty() ? 0 : frames.get(0).getHeight();
            if (stream != null) {
                IIOMetadataNode root = (IIOMetadataNode) stream.getAsTree(stream.getNativeMetadataFormatName());
                for (int j = 0; j < root.getLength(); j++) {
                    IIOMetadataNode node = (IIOMetadataNode) root.item(j);
                    if (node.getNodeName().equals("LogicalScreenDescriptor")) {
                        width = Integer.parseInt(node.getAttribute("logicalScreenWidth"));
                        height = Integer.parseInt(node.getAttribute("logicalScreenHeight"));
                    }
                }
            }
            return new Decoded(List.copyOf(frames), List.copyOf(delays), loop, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("Gif.read: not a GIF ImageIO can read: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
