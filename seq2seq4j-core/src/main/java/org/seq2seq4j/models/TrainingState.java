package org.seq2seq4j.models;

/**
 * What, besides the weights and the optimizer's state, makes training resumed from a checkpoint
 * continue exactly as uninterrupted training: the seed of the model's training streams (epoch
 * {@code e} shuffles and draws dropout from a stream derived from this seed and {@code e} alone) and
 * the number of epochs completed. Saved in native model files and restored on load.
 *
 * <pre>{@code
 * Model resumed = Models.load(Path.of("ckpt.s2s"));
 * int done = resumed.trainingState().epochs();                                  // e.g. 2
 * resumed.fit(x, y, new FitOptions().epochs(4).initialEpoch(done));            // epochs 3 and 4
 * }</pre>
 *
 * @param seed   the seed of the per-epoch training streams
 * @param epochs epochs completed so far
 */
public record TrainingState(long seed, int epochs) {
    public TrainingState {
        if (epochs < 0) {
            throw org.seq2seq4j.ConfigException.argument("TrainingState", "epochs", ">= 0", epochs);
        }
    }
}
