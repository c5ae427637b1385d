package cadl.viz;

import cadl.tensor.NoGrad;
import cadl.tensor.Padding;
import cadl.tensor.Rng;
import cadl.tensor.Scope;
import cadl.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Graph inspection: op names in run order with scopes, a listing grouped by scope, a drawing. */
class GraphTest {

    /** Three scoped layers 2 -> 10 -> 10 -> 3 and an L1 cost, as in S2's lesson. */
    private static Tensor threeLayers(boolean scoped) {
        Rng.seed(1);
        Tensor x = Tensor.normal(0, 1, 5, 2);
        Tensor h = x;
        int[] sizes = {2, 10, 10, 3};
        for (int i = 0; i < 3; i++) {
            Scope s = scoped ? Scope.named("layer" + (i + 1)) : null;
            Tensor w = Tensor.normal(0, 0.1, sizes[i], sizes[i + 1]).named("W").requiresGrad(true);
            Tensor b = Tensor.zeros(sizes[i + 1]).named("b").requiresGrad(true);
            h = h.matmul(w).add(b);
            if (i < 2) h = h.relu();
            if (s != null) s.close();
        }
        return h.sub(Tensor.zeros(5, 3)).abs().mean();
    }

    @Test
    void opNamesAreInRunOrderAndCarryScopes() {
        List<String> plain = Graph.of(threeLayers(false)).opNames();
        assertEquals(List.of("matmul", "add", "relu", "matmul", "add", "relu", "matmul", "add", "sub", "abs", "sum", "div"), plain);
        List<String> scoped = Graph.of(threeLayers(true)).opNames();
        assertEquals("layer1/matmul", scoped.get(0));
        assertEquals("layer3/add", scoped.get(7));
        assertEquals("sub", scoped.get(8));
        assertEquals(List.of("layer1/W", "layer1/b", "layer2/W", "layer2/b", "layer3/W", "layer3/b"),
                Graph.of(threeLayers(true)).parameterNames());
    }

    @Test
    void listingGroupsOpsByScopeWithShapes() {
        String listing = Graph.of(threeLayers(true)).listing();
        assertTrue(listing.contains("layer1/\n  matmul"), listing);
        assertTrue(listing.contains("[5, 10]"), listing);
        assertTrue(listing.contains("layer2/W [10, 10]"), listing);
        assertTrue(listing.indexOf("layer1/") < listing.indexOf("layer2/"), listing);
    }

    @Test
    void drawsAnImageAndAPngMimeBundle() throws Exception {
        Graph g = Graph.of(threeLayers(true));
        BufferedImage img = g.draw();
        assertTrue(img.getWidth() > 200 && img.getHeight() > 200, img.getWidth() + "x" + img.getHeight());
        Map<String, String> m = g.mimeBundle();
        assertTrue(m.containsKey("text/plain"));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.get("image/png"))));
        assertEquals(img.getWidth(), back.getWidth());
        if (System.getProperty("cadl.graph.png") != null) ImageIO.write(img, "png", new java.io.File(System.getProperty("cadl.graph.png")));
    }

    @Test
    void tiedConvAutoencoderDrawsEachFilterOnceWithTwoUses() throws Exception {
        Rng.seed(2);
        Tensor x = Tensor.uniform(0, 1, 2, 28, 28, 1);
        Tensor w1, w2, h1, h2;
        try (Scope s = Scope.named("encoder/layer1")) {
            w1 = Tensor.normal(0, 0.02, 4, 4, 1, 16).named("W").requiresGrad(true);
            h1 = x.conv2d(w1, 2, Padding.SAME).relu();
        }
        try (Scope s = Scope.named("encoder/layer2")) {
            w2 = Tensor.normal(0, 0.02, 4, 4, 16, 16).named("W").requiresGrad(true);
            h2 = h1.conv2d(w2, 2, Padding.SAME).relu();
        }
        Tensor y;
        try (Scope s = Scope.named("decoder/layer1")) {
            y = h2.conv2dTranspose(w2, h1.shape(), 2, Padding.SAME).relu();
        }
        try (Scope s = Scope.named("decoder/layer2")) {
            y = y.conv2dTranspose(w1, x.shape(), 2, Padding.SAME).relu();
        }
        Tensor loss = y.sub(x).square().mean();
        Graph g = Graph.of(loss);
        assertEquals(List.of("encoder/layer1/W", "encoder/layer2/W"), g.parameterNames());
        assertTrue(g.opNames().contains("decoder/layer2/conv2dTranspose"), g.opNames().toString());
        BufferedImage img = g.draw();
        if (System.getProperty("cadl.graph.png") != null) ImageIO.write(img, "png", new java.io.File(System.getProperty("cadl.graph.png") + ".conv.png"));
    }

    @Test
    void noGradResultsHaveAnEmptyGraph() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        Tensor y = NoGrad.run(() -> w.mul(2).sum());
        assertEquals(List.of(), Graph.of(y).opNames());
    }
}
