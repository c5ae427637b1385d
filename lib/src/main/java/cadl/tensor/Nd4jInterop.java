package cadl.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The explicit bridge to ND4J for learners and tools that want its INDArray: both directions copy, so neither
 * side can change the other's values behind its back.
 */
public final class Nd4jInterop {
    private Nd4jInterop() {
    }

    /** A new leaf tensor holding a copy of {@code a}'s values: float64 for DOUBLE arrays, float32 for every other type. */
    public static Tensor tensor(INDArray a) {
        if (a == null) throw Errors.arg("Nd4jInterop.tensor", "the array is null", null);
        long[] shape = a.shape().clone();
        Shapes.allocatable("Nd4jInterop.tensor", shape, a.dataType() == DataType.DOUBLE ? DType.FLOAT64 : DType.FLOAT32);
        Object like = a.dataType() == DataType.DOUBLE ? new double[0] : new float[0];
        return Tensor.leaf(Nd4jKernel.java(a, like), shape, "input");
    }

    /** A new ND4J array (FLOAT or DOUBLE) holding a copy of {@code t}'s values. */
    public static INDArray array(Tensor t) {
        if (t == null) throw Errors.arg("Nd4jInterop.array", "the tensor is null", null);
        return Nd4jKernel.nd(t.data, t.shape);
    }
}
