package org.seq2seq4j.callbacks;

import java.util.Map;
import org.seq2seq4j.models.Model;

/**
 * Hooks into {@code fit}: called at the start and end of training, of each epoch and after each
 * batch. {@code logs} maps metric names ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to
 * their current values; a callback may add entries to the epoch logs (ReduceLROnPlateau adds
 * {@code learning_rate}), which the callbacks after it and History see. Every method does nothing
 * by default.
 *
 * <pre>{@code
 * Callback printer = new Callback() {
 *     @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println("epoch " + (epoch + 1) + " loss " + logs.get("loss"));
 *     }
 * };
 * model.fit(x, y, new FitOptions().epochs(5).callbacks(printer));
 * }</pre>
 */
public interface Callback {
    /** Called by fit before {@link #onTrainBegin} with the model being trained (Keras {@code set_model}). */
    default void setModel(Model model) {
    }

    /** Before the first epoch; {@code epochs} and {@code steps} per epoch are the plan. */
    default void onTrainBegin(int epochs, int steps) {
    }

    default void onEpochBegin(int epoch) {
    }

    /** After batch {@code batch} (0-based) of the current epoch, with running averages. */
    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** After the epoch's last batch and validation, with the epoch's final values. */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    default void onTrainEnd(Map<String, Double> logs) {
    }

    /** True when a callback asks training to stop after the current epoch. */
    default boolean stopTraining() {
        return false;
    }
}
