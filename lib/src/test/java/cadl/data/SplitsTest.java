package cadl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cadl.tensor.Rng;
import cadl.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** N examples with x[i] = [i, -i] and labels i % 3, so every row says where it came from. */
    static Dataset numbered(int n) {
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            labels[i] = i % 3;
        }
        return new Dataset("numbered", Tensor.of(x, n, 2), labels, List.of("a", "b", "c"));
    }

    static int[] ids(Dataset d) {
        int[] out = new int[d.n()];
        for (int i = 0; i < d.n(); i++) {
            out[i] = (int) d.x().get(i, 0);
            assertEquals(out[i] % 3, d.label(i), "label travels with its row");
            assertEquals(-out[i], d.x().get(i, 1), 0.0);
        }
        return out;
    }

    @Test
    void splitsSeventyThousandAsTheLesson() {
        Rng.seed(1);
        Splits s = Splits.of(numbered(70000), 0.8, 0.1, 0.1);
        assertEquals(56000, s.train().n());
        assertEquals(7000, s.valid().n());
        assertEquals(7000, s.test().n());
    }

    @Test
    void partsAreShuffledDisjointAndCoverEverything() {
        Rng.seed(7);
        Splits s = Splits.of(numbered(100), 0.6, 0.3, 0.1);
        int[] all = new int[100];
        int k = 0;
        for (Dataset part : new Dataset[] {s.train(), s.valid(), s.test()}) {
            for (int id : ids(part)) {
                all[k++] = id;
            }
        }
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] firstSixty = Arrays.copyOf(all, 60);
        int[] inOrder = new int[60];
        Arrays.setAll(inOrder, i -> i);
        assertTrue(!Arrays.equals(inOrder, firstSixty), "training part is shuffled");
    }

    @Test
    void sameSeedSameSplit() {
        Dataset d = numbered(50);
        Rng.seed(42);
        Splits a = Splits.of(d, 0.8, 0.1, 0.1);
        Rng.seed(42);
        Splits b = Splits.of(d, 0.8, 0.1, 0.1);
        assertArrayEquals(ids(a.train()), ids(b.train()));
        assertArrayEquals(ids(a.test()), ids(b.test()));
        Rng.seed(43);
        Splits c = Splits.of(d, 0.8, 0.1, 0.1);
        assertTrue(!Arrays.equals(ids(a.train()), ids(c.train())), "another seed, another split");
    }

    @Test
    void fractionsMustSumToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.of(numbered(10), 0.8, 0.1, 0.2));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Splits.of(numbered(10), 1.1, -0.1, 0));
        assertTrue(neg.getMessage().contains("train=1.1"), neg.getMessage());
    }

    @Test
    void emptyValidationPartSaysSo() {
        Rng.seed(3);
        Splits s = Splits.of(numbered(10), 0.9, 0.0, 0.1);
        assertEquals(9, s.train().n());
        assertEquals(1, s.test().n());
        assertThrows(IllegalStateException.class, s::valid);
        assertEquals("Splits(numbered: train 9, valid 0, test 1)", s.toString());
    }
}
