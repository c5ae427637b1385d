package cadl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Rng;
import cadl.tensor.Scope;
import cadl.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

    static Sequential autoencoder() {
        Sequential encoder = new Sequential("encoder");
        int[] sizes = {784, 512, 256};
        for (int i = 0; i < sizes.length - 1; i++) {
            encoder.add(Linear.builder("", sizes[i], sizes[i + 1]).bias(false).weights(Init.normal(0.02)).activation(Activation.RELU).build());
        }
        Sequential decoder = new Sequential("decoder");
        for (int i = encoder.size() - 1; i >= 0; i--) decoder.add(TiedLinear.of("", (Linear) encoder.get(i), Activation.RELU));
        return new Sequential().add(encoder).add(decoder);
    }

    @Test
    void namedParametersUseScopedNamesInCreationOrder() {
        Sequential net = new Sequential()
                .add(Linear.of("layer1", 2, 10, Activation.TANH))
                .add(Linear.of("layer2", 10, 10, Activation.TANH))
                .add(Linear.of("layer3", 10, 3));
        assertEquals(List.of("layer1/W", "layer1/b", "layer2/W", "layer2/b", "layer3/W", "layer3/b"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals("layer1/W", net.parameter("layer1/W").name());
        assertArrayEquals(new int[] {2, 10}, net.parameter("layer1/W").shape());
        assertEquals(2 * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3, net.parameterCount());
    }

    @Test
    void unnamedChildrenOfANamedContainerReadEncoderLayerIndex() {
        Sequential ae = autoencoder();
        assertEquals(List.of("encoder/layer/0/W", "encoder/layer/1/W"),
                List.copyOf(ae.namedParameters().keySet()));
        Tensor w0 = ae.parameter("encoder/layer/0/W");
        assertEquals("encoder/layer/0/W", w0.name(), "the tensor carries its full name");
        assertEquals(784 * 512 + 512 * 256, ae.parameterCount(), "tied weights are counted once");
    }

    @Test
    void tiedDecoderSharesTheEncoderTensor() {
        Sequential ae = autoencoder();
        Sequential decoder = (Sequential) ae.children().get("decoder");
        assertSame(ae.parameter("encoder/layer/1/W"), decoder.parameter("decoder/layer/0/W"));
        Tensor x = Tensor.uniform(0, 1, 5, 784);
        Tensor y = ae.forward(x);
        assertArrayEquals(new int[] {5, 784}, y.shape());
        y.square().mean().backward();
        assertTrue(ae.parameter("encoder/layer/0/W").grad() != null);
    }

    @Test
    void forwardRecordsOpsUnderTheModuleName() {
        Linear layer1 = Linear.of("layer1", 2, 10, Activation.TANH);
        Tensor h = layer1.forward(Tensor.ones(4, 2));
        assertEquals("layer1/tanh", h.op());
        Sequential enc = new Sequential("encoder").add(Linear.of(2, 3, Activation.RELU));
        assertEquals("encoder/layer/0/relu", enc.forward(Tensor.ones(1, 2)).op());
    }

    @Test
    void scopesQualifyNamesGivenInside() {
        Linear l;
        try (Scope s = Scope.named("net")) {
            l = Linear.of("layer1", 2, 3);
        }
        assertEquals("net/layer1", l.fullName());
        assertEquals(List.of("net/layer1/W", "net/layer1/b"), List.copyOf(l.namedParameters().keySet()));
    }

    @Test
    void parameterLookupErrorListsCloseNames() {
        Sequential net = new Sequential().add(Linear.of("layer1", 2, 3)).add(Linear.of("layer2", 3, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> net.parameter("layer1/w"));
        assertTrue(e.getMessage().contains("\"layer1/w\"") && e.getMessage().contains("layer1/W"), e.getMessage());
    }

    @Test
    void duplicateChildNamesAndSecondParentsAreRefused() {
        Linear a = Linear.of("layer1", 2, 3);
        Sequential s = new Sequential("m").add(a);
        var e = assertThrows(IllegalArgumentException.class, () -> s.add(Linear.of("layer1", 3, 3)));
        assertTrue(e.getMessage().contains("layer1"), e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> new Sequential("other").add(a));
        assertTrue(e2.getMessage().contains("m/layer1"), e2.getMessage());
    }

    @Test
    void evalAndTrainSwitchEveryChild() {
        Dropout d = new Dropout(0.5);
        Sequential s = new Sequential("m").add(Linear.of("l", 2, 2)).add(d);
        assertTrue(d.isTraining());
        s.eval();
        assertFalse(d.isTraining());
        Tensor x = Tensor.ones(3, 2);
        assertArrayEquals(s.children().get("l").forward(x).toFloatArray(), s.forward(x).toFloatArray(), "dropout is off in eval mode");
        s.train();
        assertTrue(d.isTraining());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Linear l = Linear.of("l", 2, 2);
        l.forward(Tensor.ones(3, 2)).sum().backward();
        assertTrue(l.weights().grad() != null);
        l.zeroGrad();
        assertTrue(l.weights().grad() == null && l.bias().grad() == null);
    }

    @Test
    void stateDictRoundTripRestoresValues() {
        Rng.seed(1);
        Linear l = Linear.of("layer1", 3, 2);
        Map<String, Tensor> state = l.stateDict();
        float[] before = l.weights().toFloatArray();
        l.weights().copyFrom(l.weights().add(1.0));
        assertArrayEquals(before, state.get("layer1/W").toFloatArray(), "state holds copies");
        Module.LoadResult r = l.loadStateDict(state, true);
        assertTrue(r.complete());
        assertArrayEquals(before, l.weights().toFloatArray());
    }

    @Test
    void loadStateDictReportsMissingAndUnexpectedKeys() {
        Linear l = Linear.of("layer1", 3, 2);
        Map<String, Tensor> state = new LinkedHashMap<>(l.stateDict());
        state.remove("layer1/b");
        state.put("layer9/W", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> l.loadStateDict(state, true));
        assertTrue(e.getMessage().contains("missing [layer1/b]") && e.getMessage().contains("unexpected [layer9/W]"), e.getMessage());
        Module.LoadResult r = l.loadStateDict(state, false);
        assertEquals(List.of("layer1/b"), r.missingKeys());
        assertEquals(List.of("layer9/W"), r.unexpectedKeys());
    }

    @Test
    void loadStateDictShapeMismatchNamesParameterAndShapesAndChangesNothing() {
        Linear l = Linear.of("layer1", 3, 2);
        float[] b = l.bias().toFloatArray();
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("layer1/b", Tensor.ones(2));
        state.put("layer1/W", Tensor.zeros(2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> l.loadStateDict(state, true));
        assertTrue(e.getMessage().contains("'layer1/W'") && e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertArrayEquals(b, l.bias().toFloatArray(), "nothing copied");
    }

    @Test
    void toStringSummarisesLayersAndCounts() {
        Sequential net = new Sequential("net").add(Linear.of("layer1", 2, 10, Activation.TANH)).add(new Dropout(0.5));
        String s = net.toString();
        assertTrue(s.startsWith("net: Sequential(2 layers)  30 params"), s);
        assertTrue(s.contains("  layer1: Linear(2 -> 10, tanh)  30 params"), s);
        assertTrue(s.contains("  layer/1: Dropout(p=0.5)"), s);
    }

    @Test
    void badNamesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Linear.of("/layer1", 2, 3));
        assertTrue(e.getMessage().contains("/layer1"), e.getMessage());
    }
}
