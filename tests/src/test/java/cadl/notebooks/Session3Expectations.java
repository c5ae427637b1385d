package cadl.notebooks;

import static cadl.notebooks.Expectations.notebook;

import java.util.List;
import java.util.Map;

/**
 * What the notebook tests expect of Session 3 ({@code notebooks/session3/}): quick parameters, time budget,
 * images and metric bounds, as in {@link Expectations}. Each bound's comment gives the full run's value it was
 * set from.
 */
final class Session3Expectations {

    static final List<Map.Entry<String, Expectations.Expectation>> ENTRIES = List.of(
            // S3 sections 8-12 (classification). Quick: 7000 images (5600 / 700 / 700), 2 epochs of each model.
            // Figures: quick run / full run (70000 images, 5 + 10 epochs), both Fashion-MNIST offline; the
            // bounds also hold for the MNIST digits, on which both models do better.
            notebook("session3/03-classification.ipynb")
                    .param("nImages", "7000")
                    .param("softmaxEpochs", "2")
                    .param("convEpochs", "2")
                    .timeout(600)
                    .images(10)
                    .metric("softmax.test_accuracy", 0.70, 0.97)          // 0.784 quick / 0.848 full
                    .metric("conv.test_accuracy", 0.80, 1.0)              // 0.846 quick / 0.907 full
                    .metric("conv.gain", 0.02, 0.30)                      // conv net above softmax regression: 0.061 quick / 0.059 full
                    .metric("conv.valid_accuracy", 0.80, 1.0)             // 0.840 quick / 0.912 full
                    .entry(),
            // S3 section 13 (saving and loading). Quick: 7000 images, 1 epoch before the checkpoint, 1 after.
            notebook("session3/04-saving-and-loading.ipynb")
                    .param("nImages", "7000")
                    .timeout(600)
                    .images(2)
                    .metric("restore.fresh_cost", 2.0, 2.7)               // a guess: about log 10; 2.302 quick / 2.301 full
                    .metric("restore.saved_cost", 0.2, 1.0)               // 0.546 quick / 0.335 full
                    .metric("restore.cost_gap", 0, 1e-6)                  // the restored model is the saved one: 0 / 0
                    .metric("continue.ratio", 0.6, 1.2)                   // carries on at the saved cost: 0.869 / 0.985 (a fresh start ~3.5)
                    .metric("export.same_labels", 1, 1)                   // every test label the same: 1 / 1
                    .metric("export.max_output_difference", 0, 1e-6)      // 0 / 0
                    .metric("damaged.refused", 1, 1)                      // the damaged file is refused: 1 / 1
                    .entry()
    );

    private Session3Expectations() {
    }
}
