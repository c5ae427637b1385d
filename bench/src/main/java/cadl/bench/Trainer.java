package cadl.bench;

/** One framework's training loop for one workload: each call runs one Adam step on the next batch. */
public interface Trainer extends AutoCloseable {
    /**
     * Runs forward, backward and the optimizer update on batch {@code step % POOL_BATCHES}.
     *
     * @return the loss of this batch, computed before the update
     */
    float step(int step);

    /** The framework's name and version, as shown in the table. */
    String describe();

    @Override
    default void close() { }
}
