package cadl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Padding;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void linearMapsNByNInToNByNOutAndComputesXWPlusB() {
        Linear l = Linear.builder("layer1", 2, 3).weights(Init.constant(0.5)).biasInit(Init.constant(1)).build();
        Tensor y = l.forward(Tensor.of(new float[][] {{1, 2}, {3, 4}}));
        assertArrayEquals(new int[] {2, 3}, y.shape());
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 4.5f, 4.5f, 4.5f}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void linearWrongInputNamesLayerExpectedAndActual() {
        Linear l = Linear.of("layer1", 2, 10, Activation.TANH);
        var e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(50, 3)));
        assertEquals("layer1: expected input [N, 2] but got [50, 3]", e.getMessage());
    }

    @Test
    void linearBuilderValidatesSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Linear.of("layer1", 0, 3));
        assertTrue(e.getMessage().contains("layer1") && e.getMessage().contains("nIn=0"), e.getMessage());
    }

    @Test
    void linearWithoutBiasHasOnlyW() {
        Linear l = Linear.builder("enc", 4, 2).bias(false).build();
        assertEquals(1, l.parameters().size());
        assertEquals(null, l.bias());
    }

    @Test
    void initialisersHaveTheRequestedSpread() {
        Rng.seed(3);
        double[] w = Init.normal(0.02).create(200, 100).toDoubleArray();
        double s = 0;
        for (double x : w) s += x * x;
        assertEquals(0.02, Math.sqrt(s / w.length), 0.001);
        double a = Math.sqrt(6.0 / (200 + 100));
        for (double x : Init.xavier().create(200, 100).toDoubleArray()) assertTrue(Math.abs(x) <= a);
        assertArrayEquals(new int[] {7, 16}, Init.fans(new int[] {7, 16}));
        assertArrayEquals(new int[] {4 * 4 * 1, 4 * 4 * 16}, Init.fans(new int[] {4, 4, 1, 16}));
    }

    @Test
    void activationsApplyAndParseBack() {
        Tensor x = Tensor.of(-1.0, 0.0, 2.0);
        assertArrayEquals(new float[] {0, 0, 2}, Activation.RELU.apply(x).toFloatArray());
        assertArrayEquals(new float[] {-0.2f, 0, 2}, Activation.LEAKY_RELU.apply(x).toFloatArray(), 1e-6f);
        for (Activation a : new Activation[] {Activation.NONE, Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.leakyRelu(0.1)}) {
            assertEquals(a, Activation.parse(a.toString()));
        }
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
    }

    @Test
    void conv2dShapesFollowStrideAndPadding() {
        Conv2d c = Conv2d.builder("conv1", 5, 5, 1, 32).stride(2).activation(Activation.RELU).build();
        assertArrayEquals(new int[] {5, 5, 1, 32}, c.weights().shape());
        Tensor y = c.forward(Tensor.zeros(3, 28, 28, 1));
        assertArrayEquals(new int[] {3, 14, 14, 32}, y.shape());
        Conv2d v = Conv2d.builder("v", 3, 3, 2, 4).padding(Padding.VALID).build();
        assertArrayEquals(new int[] {1, 6, 6, 4}, v.forward(Tensor.zeros(1, 8, 8, 2)).shape());
    }

    @Test
    void conv2dWrongChannelsNamesLayer() {
        Conv2d c = Conv2d.of("conv1", 3, 1, 8, 1, Activation.RELU);
        var e = assertThrows(IllegalArgumentException.class, () -> c.forward(Tensor.zeros(2, 784)));
        assertTrue(e.getMessage().startsWith("conv1: expected input [N, H, W, 1] but got [2, 784]"), e.getMessage());
    }

    @Test
    void convTransposeTiedMapsBackToTheRecordedShapeAndSharesFilters() {
        Conv2d c1 = Conv2d.builder("conv1", 4, 4, 1, 16).stride(2).bias(false).build();
        Conv2d c2 = Conv2d.builder("conv2", 4, 4, 16, 16).stride(2).bias(false).build();
        Tensor x = Tensor.uniform(0, 1, 2, 7, 7, 1);
        Tensor z = c2.forward(c1.forward(x));
        assertArrayEquals(new int[] {2, 2, 2, 16}, z.shape());
        Sequential dec = new Sequential("decoder")
                .add(ConvTranspose2d.tiedTo("", c2, Activation.RELU))
                .add(ConvTranspose2d.tiedTo("", c1, Activation.RELU));
        Tensor y = dec.forward(z);
        assertArrayEquals(new int[] {2, 7, 7, 1}, y.shape(), "7 -> 4 -> 2 -> 4 -> 7");
        assertSame(c1.weights(), dec.parameter("decoder/layer/1/W"));
        ConvTranspose2d fixed = ConvTranspose2d.tiedToWithBias("up", c1, 8, 8, Activation.NONE);
        assertArrayEquals(new int[] {2, 8, 8, 1}, fixed.forward(Tensor.zeros(2, 4, 4, 16)).shape());
    }

    @Test
    void convTransposeBeforeItsConvRanSaysWhatToDo() {
        Conv2d c = Conv2d.of("conv1", 3, 1, 4, 2, Activation.RELU);
        ConvTranspose2d t = ConvTranspose2d.tiedTo("deconv1", c, Activation.RELU);
        var e = assertThrows(IllegalStateException.class, () -> t.forward(Tensor.zeros(1, 2, 2, 4)));
        assertTrue(e.getMessage().contains("conv1") && e.getMessage().contains("has not run"), e.getMessage());
    }

    @Test
    void tiedLinearUsesTransposedWeights() {
        Linear enc = Linear.builder("enc", 3, 2).bias(false).build();
        TiedLinear dec = TiedLinear.of("dec", enc, Activation.NONE);
        Tensor z = Tensor.of(new float[][] {{1, 2}});
        Tensor expected = z.matmul(enc.weights().transpose());
        assertArrayEquals(expected.toFloatArray(), dec.forward(z).toFloatArray(), 1e-6f);
        assertArrayEquals(new int[] {1, 3}, dec.forward(z).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> dec.forward(Tensor.zeros(1, 3)));
        assertEquals("dec: expected input [N, 2] but got [1, 3]", e.getMessage());
    }

    @Test
    void flattenAndReshapeKeepTheBatch() {
        assertArrayEquals(new int[] {5, 3136}, new Flatten().forward(Tensor.zeros(5, 7, 7, 64)).shape());
        assertArrayEquals(new int[] {5, 28, 28, 1}, new Reshape("img", 28, 28, 1).forward(Tensor.zeros(5, 784)).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> new Reshape("img", 28, 28, 1).forward(Tensor.zeros(5, 100)));
        assertTrue(e.getMessage().contains("img") && e.getMessage().contains("[5, 100]"), e.getMessage());
    }

    @Test
    void dropoutScalesKeptValuesAndMaskingNoiseDoesNot() {
        Rng.seed(5);
        Tensor x = Tensor.ones(1000);
        float[] d = new Dropout(0.5).forward(x).toFloatArray();
        int kept = 0;
        for (float v : d) {
            assertTrue(v == 0f || v == 2f);
            if (v != 0) kept++;
        }
        assertTrue(kept > 430 && kept < 570, "about half kept: " + kept);
        for (float v : new MaskingNoise(0.5).forward(x).toFloatArray()) assertTrue(v == 0f || v == 1f);
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", 1));
    }

    @Test
    void convClassifierOfTheLessonHasTheRightShapes() {
        Sequential net = new Sequential()
                .add(new Reshape("image", 28, 28, 1))
                .add(Conv2d.of("conv1", 5, 1, 32, 2, Activation.RELU))
                .add(Conv2d.of("conv2", 5, 32, 64, 2, Activation.RELU))
                .add(new Flatten("flatten"))
                .add(Linear.of("fc1", 7 * 7 * 64, 128, Activation.RELU))
                .add(Linear.of("fc2", 128, 10));
        assertArrayEquals(new int[] {2, 10}, net.forward(Tensor.zeros(2, 784)).shape());
        assertEquals("conv1/W", net.namedParameters().keySet().iterator().next());
    }
}
