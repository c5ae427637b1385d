package cadl.optim;

import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a parameter's ND4J buffer and a Java array, so an optimizer's update is one plain loop the
 * JIT can vectorise: two copies and one loop per parameter instead of several native calls with temporaries.
 */
final class Buffers {
    private Buffers() {
    }

    /** True if the array's elements are its buffer's, in order, from the start (no view, no strides). */
    static boolean contiguous(INDArray a) {
        return !a.isView() && a.offset() == 0 && a.ordering() == 'c' && a.data().length() == a.length();
    }

    static void read(INDArray a, float[] out) {
        if (contiguous(a)) a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
        else System.arraycopy(a.dup('c').data().asFloat(), 0, out, 0, out.length);
    }

    static void read(INDArray a, double[] out) {
        if (contiguous(a)) a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer().get(out);
        else System.arraycopy(a.dup('c').data().asDouble(), 0, out, 0, out.length);
    }

    static void write(INDArray a, float[] in) {
        if (contiguous(a)) a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(in);
        else a.assign(Nd4j.create(in, a.shape(), 'c'));
    }

    static void write(INDArray a, double[] in) {
        if (contiguous(a)) a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer().put(in);
        else a.assign(Nd4j.create(in, a.shape(), 'c'));
    }
}
