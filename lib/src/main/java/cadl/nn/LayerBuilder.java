package cadl.nn;

/**
 * The settings that every weight layer shares (activation, weight and bias initialisers, whether there
 * is a bias), held once for {@link Linear.Builder} and {@link Conv2d.Builder}.
 *
 * @param <B> the concrete builder, returned by each setter so calls chain
 */
public abstract class LayerBuilder<B extends LayerBuilder<B>> {
    final String name;
    Activation activation = Activation.NONE;
    Init weights = Init.DEFAULT_WEIGHTS;
    Init biasInit = Init.DEFAULT_BIAS;
    boolean bias = true;

    LayerBuilder(String name) {
        this.name = name;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The non-linearity after the layer's product and bias (default none). */
    public B activation(Activation a) {
        this.activation = a;
        return self();
    }

    /** How the weights start (default {@link Init#DEFAULT_WEIGHTS}). */
    public B weights(Init init) {
        this.weights = init;
        return self();
    }

    /** How the bias starts (default {@link Init#DEFAULT_BIAS}). */
    public B biasInit(Init init) {
        this.biasInit = init;
        return self();
    }

    /** Whether the layer has a bias (default true). */
    public B bias(boolean hasBias) {
        this.bias = hasBias;
        return self();
    }

    /** "Kind 'name'" for error messages. */
    String who(String kind) {
        return kind + (name == null || name.isEmpty() ? "" : " '" + name + "'");
    }

    /** Rejects null activation or initialisers, naming the layer. */
    void checkShared(String who) {
        if (activation == null || weights == null || biasInit == null) {
            throw new IllegalArgumentException(who + ": activation and initialisers must not be null (use Activation.NONE for none)");
        }
    }
}
