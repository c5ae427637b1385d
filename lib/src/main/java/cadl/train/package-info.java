/**
 * Helpers for training loops: {@link cadl.train.Minibatches} (indices in batches, shuffled afresh each epoch
 * from the seeded {@code Rng}), {@link cadl.train.Accuracy}, {@link cadl.train.History} (epoch, cost, train and
 * validation accuracy as a Tablesaw table and a plot) and {@link cadl.train.Progress} (one line per epoch or
 * iteration with the time so far and the time left); after training, {@link cadl.train.Predict} (a model's
 * outputs or classes for a whole data set, in chunks, without a graph) and {@link cadl.train.ConfusionMatrix}
 * (true class by predicted class, drawn).
 */
package cadl.train;
