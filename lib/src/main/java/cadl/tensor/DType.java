package cadl.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Element type of a tensor: 32-bit floats by default, 64-bit for gradient checks. */
public enum DType {
    /** 32-bit IEEE float, the default for every tensor. */
    FLOAT32(DataType.FLOAT, 4),
    /** 64-bit IEEE float, used where precision matters (gradient checks). */
    FLOAT64(DataType.DOUBLE, 8);

    final DataType nd4j;
    /** Bytes per element. */
    final int bytes;

    DType(DataType nd4j, int bytes) {
        this.nd4j = nd4j;
        this.bytes = bytes;
    }

    static DType of(DataType t) {
        if (t == DataType.DOUBLE) return FLOAT64;
        if (t == DataType.FLOAT) return FLOAT32;
        throw new IllegalArgumentException("unsupported ND4J data type " + t + ": tensors are FLOAT32 or FLOAT64");
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
