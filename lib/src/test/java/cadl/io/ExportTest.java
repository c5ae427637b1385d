package cadl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.nn.Activation;
import cadl.nn.Conv2d;
import cadl.nn.ConvTranspose2d;
import cadl.nn.Dropout;
import cadl.nn.Flatten;
import cadl.nn.Init;
import cadl.nn.Linear;
import cadl.nn.MaskingNoise;
import cadl.nn.Module;
import cadl.nn.Reshape;
import cadl.nn.Sequential;
import cadl.nn.TiedLinear;
import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {
    @TempDir
    Path dir;

    @Test
    void exportedConvClassifierPredictsTheSame() {
        Rng.seed(4);
        Sequential net = new Sequential("classifier")
                .add(new Reshape("image", 8, 8, 1))
                .add(Conv2d.of("conv1", 3, 1, 4, 2, Activation.RELU))
                .add(new Flatten("flatten"))
                .add(new Dropout("dropout", 0.5))
                .add(Linear.of("fc1", 4 * 4 * 4, 10, Activation.leakyRelu(0.1)))
                .add(Linear.builder("", 10, 3).bias(false).build());
        Path p = Export.save(net, dir.resolve("classifier.cadl.npz"));
        Sequential loaded = Export.load(p);
        assertFalse(loaded.isTraining(), "loaded for prediction");
        assertEquals(List.copyOf(net.namedParameters().keySet()), List.copyOf(loaded.namedParameters().keySet()));
        Tensor x = Tensor.uniform(0, 1, 5, 64);
        net.eval();
        assertArrayEquals(net.forward(x).toFloatArray(), loaded.forward(x).toFloatArray(), 0f);
        assertEquals(net.toString(), loaded.toString());
    }

    @Test
    void exportedTiedAutoencodersPredictTheSame() {
        Rng.seed(5);
        Sequential enc = new Sequential("encoder");
        enc.add(new MaskingNoise("noise", 0.5));
        Linear l0 = Linear.builder("", 16, 8).bias(false).weights(Init.normal(0.02)).activation(Activation.RELU).build();
        enc.add(l0);
        Sequential dec = new Sequential("decoder").add(TiedLinear.withBias("", l0, Activation.SIGMOID));
        Sequential ae = new Sequential().add(enc).add(dec);
        Tensor x = Tensor.uniform(0, 1, 3, 16);
        ae.eval();
        Sequential loaded = Export.load(Export.save(ae, dir.resolve("ae.npz")));
        assertArrayEquals(ae.forward(x).toFloatArray(), loaded.forward(x).toFloatArray(), 0f);

        Conv2d c1 = Conv2d.builder("conv1", 4, 4, 1, 4).stride(2).bias(false).activation(Activation.RELU).build();
        Conv2d c2 = Conv2d.builder("conv2", 3, 3, 4, 2).stride(2).build();
        Sequential conv = new Sequential("cae").add(new Reshape("img", 7, 7, 1)).add(c1).add(c2)
                .add(ConvTranspose2d.tiedToWithBias("deconv2", c2, 4, 4, Activation.RELU))
                .add(ConvTranspose2d.tiedTo("deconv1", c1, Activation.SIGMOID))
                .add(new Flatten("flat"));
        Tensor xi = Tensor.uniform(0, 1, 2, 49);
        Sequential lc = Export.load(Export.save(conv, dir.resolve("cae.npz")));
        assertArrayEquals(conv.forward(xi).toFloatArray(), lc.forward(xi).toFloatArray(), 0f);
        assertArrayEquals(new int[] {2, 49}, lc.forward(xi).shape());
    }

    @Test
    void customLayersAreRefusedWithTheFix() {
        Module custom = new Module("mine") {
            @Override
            protected Tensor compute(Tensor x) {
                return x;
            }

            @Override
            public String describe() {
                return "Mine()";
            }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> Export.save(new Sequential().add(custom), dir.resolve("x.npz")));
        assertTrue(e.getMessage().contains("'mine'") && e.getMessage().contains("Checkpoint"), e.getMessage());
    }

    @Test
    void loadingACheckpointAsAnExportExplains() {
        Path p = Checkpoint.save(Linear.of("layer1", 2, 2), dir.resolve("ck.npz"));
        var e = assertThrows(IllegalArgumentException.class, () -> Export.load(p));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("Checkpoint"), e.getMessage());
    }

    @Test
    void jsonRoundTrips() {
        Object v = Json.parse("{\"a\": [1, 2.5, -3e-2], \"b\": {\"c\": \"x\\\"y\", \"d\": true, \"e\": null}}");
        assertEquals(v, Json.parse(Json.write(v)));
    }
}
