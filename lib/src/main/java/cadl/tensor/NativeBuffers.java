package cadl.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native (off-heap) float buffers for handing values to OpenBLAS, one per slot, grown as needed and
 * reused from call to call, so a training loop allocates them once. Passed a Java array instead, JavaCPP's
 * binding mallocs native memory, copies the array in and back out and frees it on every call. A slot keeps at
 * most {@link #KEEP_FLOATS}; a larger request gets a buffer of its own, freed by {@link #releaseExtras} (or by
 * the slot's next large request), so a thread never holds more than two such buffers per slot.
 * {@link Blas} (matrix products) and {@link FloatConv} (im2col matrices) each keep one per thread.
 */
final class NativeBuffers {
    /** Floats a slot keeps between calls (16 MB). */
    static final long KEEP_FLOATS = 4L << 20;

    private final FloatPointer[] kept, extra;

    NativeBuffers(int slots) {
        kept = new FloatPointer[slots];
        extra = new FloatPointer[slots];
    }

    /** Slot {@code slot}'s buffer of at least {@code floats} floats, at position 0; its contents are stale. */
    FloatPointer take(int slot, long floats) {
        if (floats > KEEP_FLOATS) {
            if (extra[slot] != null) extra[slot].close();
            extra[slot] = new FloatPointer(floats);
            return extra[slot];
        }
        FloatPointer p = kept[slot];
        if (p == null || p.capacity() < floats) {
            if (p != null) p.close();
            p = new FloatPointer(Math.min(KEEP_FLOATS, Math.max(floats, p == null ? 0 : 2 * p.capacity())));
            kept[slot] = p;
        }
        return p.position(0);
    }

    /** Frees the buffers handed out above {@link #KEEP_FLOATS}. */
    void releaseExtras() {
        for (int i = 0; i < extra.length; i++) {
            if (extra[i] != null) {
                extra[i].close();
                extra[i] = null;
            }
        }
    }

    /** A view of {@code p} starting {@code offset} floats in (JavaCPP hands C the address plus the position). */
    static FloatPointer at(FloatPointer p, long offset) {
        return new FloatPointer(p).position(offset);
    }
}
