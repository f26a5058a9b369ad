package org.seq2seq4j.models;

import org.seq2seq4j.ConfigException;

/**
 * The arguments {@link FitOptions}, {@link EvaluateOptions} and {@link PredictOptions} share, with
 * Keras's names and defaults: {@code batch_size} 32 and {@code verbose} 1. Verbose progress goes to
 * standard output: 0 prints nothing, 1 a progress bar, 2 one line per pass (per epoch in fit).
 *
 * <pre>{@code
 * EvaluateOptions o = new EvaluateOptions().batchSize(128).verbose(0);
 * }</pre>
 *
 * @param <O> the concrete options type, returned by the setters
 */
public abstract class BatchOptions<O extends BatchOptions<O>> {
    private final String method;
    int batchSize = 32;
    int verbose = 1;

    BatchOptions(String method) {
        this.method = method;
    }

    /** Samples per batch (Keras {@code batch_size}, default 32). */
    public O batchSize(int n) {
        if (n <= 0) {
            throw ConfigException.argument(method, "batch_size", "a positive integer", n);
        }
        batchSize = n;
        return self();
    }

    /** 0 = silent, 1 = progress bar, 2 = one line per pass (Keras {@code verbose}, default 1). */
    public O verbose(int v) {
        if (v < 0 || v > 2) {
            throw ConfigException.argument(method, "verbose", "0, 1 or 2", v);
        }
        verbose = v;
        return self();
    }

    @SuppressWarnings("unchecked")
    private O self() {
        return (O) this;
    }
}
