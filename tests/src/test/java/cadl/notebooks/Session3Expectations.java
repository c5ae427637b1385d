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
            // S3 sections 1-5, quick: the FC tied AE on 3000 images x 2 epochs, the conv AE on 1000 x 2, the preview
            // on 500 x 3 (full runs, 5 epochs on 56000 each: 675-698 s in two runs under load 22-35 on 2 shared cores). Offline, so Fashion-MNIST.
            notebook("session3/01-mnist-and-autoencoders.ipynb")
                    .param("trainSize", "3000")
                    .param("nEpochs", "2")
                    .param("convTrainSize", "1000")
                    .param("convEpochs", "2")
                    .param("previewImages", "500")
                    .param("previewEpochs", "3")
                    .timeout(480)
                    .images(16)
                    .metric("ae.cost_ratio", 0, 0.90)            // quick 0.80; full run 0.40 (0.0358 -> 0.0144)
                    .metric("ae.cost_last", 0.005, 0.075)        // quick 0.061; full run 0.0144
                    .metric("ae.test_cost", 0.005, 0.080)        // quick 0.062 (0.093 untrained); full run 0.0155
                    .metric("ae.gif_frames", 3, 3)               // untrained + one per epoch
                    .metric("relu.negative_share", 0.30, 0.95)   // 0.642 on Fashion-MNIST, quick and full (0.6425) alike
                    .metric("relu.cost_floor", 0.005, 0.10)      // 0.0368 quick, 0.0370 full, on Fashion-MNIST
                    .metric("conv.cost_ratio", 0, 0.97)          // quick 0.92; full run 0.30 (0.0313 -> 0.0095)
                    .metric("conv.test_cost", 0.005, 0.090)      // quick 0.078; full run 0.0101
                    .metric("conv.gif_frames", 3, 3)
                    .metric("preview.gif_frames", 3, 3)          // one per preview epoch
                    .entry(),
            // S3 sections 6-7, quick: plain and denoising AE on 3000 images x 2 epochs, the VAE on 3000 x 2 with 3
            // latent frames per epoch (the full run, 5 epochs on 56000 each: 834 s under load 24-29).
            notebook("session3/02-denoising-and-variational.ipynb")
                    .param("trainSize", "3000")
                    .param("nEpochs", "2")
                    .param("vaeTrainSize", "3000")
                    .param("vaeEpochs", "2")
                    .param("framesPerEpoch", "3")
                    .timeout(480)
                    .images(11)
                    .metric("dae.noisy_ratio", 0, 0.85)          // the denoiser beats the plain AE on masked inputs: quick 0.60; full 0.29 (0.019 against 0.066)
                    .metric("dae.noisy_test_cost", 0.005, 0.080) // quick 0.053; full 0.019
                    .metric("plain.clean_test_cost", 0.005, 0.080) // quick 0.061; full 0.0148
                    .metric("vae.cost_ratio", 0, 0.90)           // quick 0.77; full 0.90 (292.3 -> 263.3; the quick run's first epoch starts higher)
                    .metric("vae.cost_last", 150, 380)           // quick 329 (BCE summed over pixels + KL); full 263.3
                    .metric("vae.kl_last", 0.5, 20)              // quick 5.8; full 6.15
                    .metric("vae.gif_frames", 7, 7)              // before training + 3 per epoch x 2
                    .entry(),
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
