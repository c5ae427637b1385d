package cadl.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.nn.Activation;
import cadl.nn.Linear;
import cadl.nn.Sequential;
import cadl.tensor.DType;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** loss = sum(theta^4) / 4, so the gradient is theta^3. */
    private static void backwardQuartic(Tensor theta) {
        theta.pow(4).sum().div(4).backward();
    }

    @Test
    void adamThreeStepsMatchHandComputedValuesInFloat64() {
        // Step 1 by hand: m = 0.1 g, v = 0.001 g^2, mHat = g, vHat = g^2, so theta -= 0.1 g / (|g| + 1e-8):
        // theta = 1 -> 1 - 0.1 / (1 + 1e-8) = 0.900000001; steps 2 and 3 by the same formulas (float64 Python).
        Tensor theta = Tensor.of(DType.FLOAT64, new double[] {1.0, -2.0, 0.5}, 3).requiresGrad(true);
        Adam adam = new Adam(List.of(theta), 0.1);
        double[][] expected = {
            {0.900000001, -1.900000000125, 0.40000000799999935},
            {0.8020136511703235, -1.8006926974918784, 0.3064367978337972},
            {0.7075128180498822, -1.7025794861609804, 0.22275250291074733}};
        for (int t = 0; t < 3; t++) {
            adam.zeroGrad();
            backwardQuartic(theta);
            adam.step();
            assertArrayEquals(expected[t], theta.toDoubleArray(), 1e-12, "after step " + (t + 1));
        }
        assertEquals(3, adam.stepCount());
    }

    @Test
    void adamUpdatesFloat32ParametersAsByHand() {
        // the float32 loop (float arithmetic) against the float64 hand values of the first step
        Tensor theta = Tensor.of(new float[] {1.0f, -2.0f, 0.5f}, 3).requiresGrad(true);
        Adam adam = new Adam(List.of(theta), 0.1);
        backwardQuartic(theta);
        adam.step();
        assertArrayEquals(new float[] {0.900000001f, -1.900000000125f, 0.40000000799999935f}, theta.toFloatArray(), 1e-6f);
    }

    @Test
    void sgdWithMomentumUpdatesFloat32ParametersAsByHand() {
        Tensor theta = Tensor.of(new float[] {1.0f, -2.0f}, 2).requiresGrad(true);
        SGD sgd = new SGD(List.of(theta), 0.1, 0.9);
        float[][] expected = {{0.9f, -1.2f}, {0.7371f, -0.3072f}, {0.5504421474189f, 0.4992191029248003f}};
        for (int t = 0; t < 3; t++) {
            sgd.zeroGrad();
            backwardQuartic(theta);
            sgd.step();
            assertArrayEquals(expected[t], theta.toFloatArray(), 2e-5f, "after step " + (t + 1));
        }
    }

    @Test
    void sgdWithMomentumMatchesHandValues() {
        // v = 0.9 v + g; theta -= 0.1 v.  Step 1: g = [1, -8], theta = [0.9, -1.2].
        Tensor theta = Tensor.of(DType.FLOAT64, new double[] {1.0, -2.0}, 2).requiresGrad(true);
        SGD sgd = new SGD(List.of(theta), 0.1, 0.9);
        double[][] expected = {{0.9, -1.2}, {0.7371, -0.3071999999999998}, {0.5504421474189, 0.4992191029248003}};
        for (int t = 0; t < 3; t++) {
            sgd.zeroGrad();
            backwardQuartic(theta);
            sgd.step();
            assertArrayEquals(expected[t], theta.toDoubleArray(), 1e-12, "after step " + (t + 1));
        }
    }

    @Test
    void plainSgdSubtractsRateTimesGradient() {
        Tensor theta = Tensor.of(DType.FLOAT64, new double[] {1.0, -2.0}, 2).requiresGrad(true);
        SGD sgd = new SGD(List.of(theta), 0.01);
        backwardQuartic(theta);
        sgd.step();
        assertArrayEquals(new double[] {1 - 0.01, -2 + 0.08}, theta.toDoubleArray(), 1e-15);
    }

    @Test
    void stepSkipsParametersWithoutGradient() {
        Tensor a = Tensor.of(DType.FLOAT64, new double[] {1.0}, 1).requiresGrad(true);
        Tensor unused = Tensor.of(DType.FLOAT64, new double[] {5.0}, 1).requiresGrad(true);
        Adam adam = new Adam(List.of(a, unused), 0.1);
        backwardQuartic(a);
        adam.step();
        assertNull(unused.grad());
        assertEquals(5.0, unused.item(), 0.0);
        assertEquals(0.900000001, a.item(), 1e-12);
    }

    @Test
    void rejectsEmptyDuplicateUnorderedAndNonTrainableParameters() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> new Adam(new ArrayList<Tensor>()));
        assertTrue(e1.getMessage().contains("empty"), e1.getMessage());
        Tensor p = Tensor.zeros(2).requiresGrad(true).named("layer1/W");
        var e2 = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p, p), 0.1));
        assertTrue(e2.getMessage().contains("'layer1/W'") && e2.getMessage().contains("parameter 0"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new Adam(new HashSet<>(List.of(p))));
        assertTrue(e3.getMessage().contains("HashSet"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Tensor.zeros(3))));
        assertTrue(e4.getMessage().contains("does not require gradients"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1));
        assertTrue(e5.getMessage().contains("-1"), e5.getMessage());
    }

    @Test
    void toStringPrintsHyperparametersLikePython() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        assertEquals("Adam(learningRate=0.001, beta1=0.9, beta2=0.999, eps=1e-08)", new Adam(List.of(p)).toString());
        assertEquals("SGD(learningRate=0.01, momentum=0.9)", new SGD(List.of(p), 0.01, 0.9).toString());
        assertEquals("SGD(learningRate=0.5)", new SGD(List.of(p), 0.5).toString());
    }

    static final float[][] XOR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final float[][] XOR_Y = {{0}, {1}, {1}, {0}};

    static double trainXor(Sequential net, Optimizer opt, int steps) {
        Tensor x = Tensor.of(XOR_X), y = Tensor.of(XOR_Y);
        double cost = Double.NaN;
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Tensor loss = net.forward(x).sub(y).square().mean();
            loss.backward();
            opt.step();
            cost = loss.item();
        }
        return cost;
    }

    static Sequential xorNet() {
        return new Sequential().add(Linear.of("layer1", 2, 8, Activation.TANH)).add(Linear.of("layer2", 8, 1, Activation.SIGMOID));
    }

    @Test
    void adamLearnsXor() {
        Rng.seed(42);
        Sequential net = xorNet();
        double cost = trainXor(net, new Adam(net, 0.05), 500);
        assertTrue(cost < 0.01, "XOR mean squared error after 500 Adam steps: " + cost);
    }

    @Test
    void sgdWithMomentumLearnsXor() {
        Rng.seed(42);
        Sequential net = xorNet();
        double cost = trainXor(net, new SGD(net, 0.5, 0.9), 1000);
        assertTrue(cost < 0.02, "XOR mean squared error after 1000 SGD steps: " + cost);
    }

    @Test
    void acceptsAResultMadeALeafByRequiresGrad() {
        // computed while nothing required gradients, so no graph was recorded: a leaf, whatever its op name
        Tensor w = Tensor.normal(0, 1, 3, 3).mul(0.01).requiresGrad(true);
        assertTrue(w.isLeaf());
        new SGD(java.util.List.of(w), 0.1);
        new SGD(java.util.List.of(Tensor.normal(0, 1, 2).toDouble().reshape(2, 1).requiresGrad(true)), 0.1);
        Tensor recorded = w.mul(2);
        var e = assertThrows(IllegalArgumentException.class, () -> new SGD(java.util.List.of(recorded), 0.1));
        assertTrue(e.getMessage().contains("not a leaf") && e.getMessage().contains("mul"), e.getMessage());
    }
}
