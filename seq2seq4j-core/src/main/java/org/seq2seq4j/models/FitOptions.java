package org.seq2seq4j.models;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.callbacks.Callback;
import org.seq2seq4j.tensor.Tensor;

/**
 * The arguments of {@link Model#fit(Tensor, Tensor, FitOptions)}, with Keras's names and defaults:
 * batch_size 32, epochs 1, shuffle true, verbose 1 (see {@link BatchOptions}), no validation, no
 * sample weights.
 *
 * <pre>{@code
 * FitOptions o = new FitOptions().batchSize(64).epochs(20).validationSplit(0.2).verbose(2);
 * }</pre>
 */
public final class FitOptions extends BatchOptions<FitOptions> {
    int epochs = 1;
    int initialEpoch;
    double validationSplit;
    List<Tensor> validationX;
    List<Tensor> validationY;
    boolean shuffle = true;
    Tensor sampleWeight;
    final List<Callback> callbacks = new ArrayList<>();

    public FitOptions() {
        super("fit");
    }

    public FitOptions epochs(int n) {
        if (n < 0) {
            throw ConfigException.argument("fit", "epochs", ">= 0", n);
        }
        epochs = n;
        return this;
    }

    /**
     * The epoch to start at (0-based, Keras's {@code initial_epoch}); training runs epochs
     * {@code initialEpoch .. epochs - 1}, drawing each epoch's stream as the uninterrupted run would.
     */
    public FitOptions initialEpoch(int n) {
        if (n < 0) {
            throw ConfigException.argument("fit", "initial_epoch", ">= 0", n);
        }
        initialEpoch = n;
        return this;
    }

    /** Fraction of the samples (taken from the end, before shuffling, as Keras) held out for validation. */
    public FitOptions validationSplit(double f) {
        if (!(f >= 0 && f < 1)) {
            throw ConfigException.argument("fit", "validation_split", "in [0, 1)", f);
        }
        validationSplit = f;
        return this;
    }

    /** Separate validation data (takes precedence over {@link #validationSplit}). */
    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(List.of(x), List.of(y));
    }

    /** Separate validation data for a model with several inputs or outputs. */
    public FitOptions validationData(List<Tensor> x, List<Tensor> y) {
        validationX = List.copyOf(x);
        validationY = List.copyOf(y);
        return this;
    }

    public FitOptions shuffle(boolean s) {
        shuffle = s;
        return this;
    }

    /** Per-sample weights {@code (batch,)} or per-timestep weights {@code (batch, timesteps)}. */
    public FitOptions sampleWeight(Tensor w) {
        sampleWeight = w;
        return this;
    }

    public FitOptions callbacks(Callback... cs) {
        callbacks.addAll(List.of(cs));
        return this;
    }
}
