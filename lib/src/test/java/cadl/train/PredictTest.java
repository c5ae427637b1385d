package cadl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.nn.Activation;
import cadl.nn.Linear;
import cadl.nn.Sequential;
import cadl.tensor.NoGrad;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PredictTest {

    static Sequential model() {
        return new Sequential().add(Linear.of("layer1", 4, 8, Activation.RELU)).add(Linear.of("layer2", 8, 3));
    }

    @Test
    void chunkedOutputsEqualOneForwardPassAndRecordNoGraph() {
        Rng.seed(7);
        Sequential m = model();
        Tensor x = Tensor.uniform(-1, 1, 23, 4);
        Tensor whole = NoGrad.run(() -> m.forward(x));
        for (int chunk : new int[] {1, 5, 23, 100}) {
            Tensor out = Predict.outputs(m, x, chunk);
            assertArrayEquals(new int[] {23, 3}, out.shape());
            assertArrayEquals(whole.toFloatArray(), out.toFloatArray(), 0f, "chunk " + chunk);
            assertFalse(out.requiresGrad(), "chunk " + chunk);
        }
    }

    @Test
    void classesAreTheLargestOutputOfEachRow() {
        Rng.seed(8);
        Sequential m = model();
        Tensor x = Tensor.uniform(-1, 1, 17, 4);
        float[][] out = NoGrad.run(() -> m.forward(x)).toFloatMatrix();
        int[] classes = Predict.classes(m, x, 4);
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < 3; k++) {
                assertTrue(out[i][classes[i]] >= out[i][k], "row " + i);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        Sequential m = model();
        var e = assertThrows(IllegalArgumentException.class, () -> Predict.outputs(m, Tensor.zeros(3, 4), 0));
        assertTrue(e.getMessage().contains("chunk") && e.getMessage().contains("0"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> Predict.outputs(null, Tensor.zeros(3, 4)));
        assertTrue(n.getMessage().contains("model"), n.getMessage());
    }
}
