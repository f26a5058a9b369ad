package org.seq2seq4j.callbacks;

import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.tensor.Tensor;

/**
 * Stops training when the monitored quantity has stopped improving, as Keras 3's
 * {@code EarlyStopping}. Arguments (Keras defaults): {@code monitor "val_loss"}, {@code min_delta 0},
 * {@code patience 0}, {@code verbose 0}, {@code mode AUTO}, {@code baseline} none,
 * {@code restore_best_weights false}, {@code start_from_epoch 0}.
 *
 * <p>Each monitored epoch (from {@code start_from_epoch} on) counts one more epoch without
 * improvement; a new best resets the count, unless a {@code baseline} is set and not beaten. Once
 * the count reaches {@code patience} (never at epoch 0) training stops after that epoch. With
 * {@code restore_best_weights} the weights of the best epoch (or of the first monitored epoch when
 * none improved) are put back when training ends, whether it stopped early or not.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * model.fit(x, y, new FitOptions().epochs(100).validationSplit(0.2).callbacks(stop));
 * // stop.stoppedEpoch() -> the 0-based epoch that stopped training, 0 if it ran to the end
 * }</pre>
 */
public final class EarlyStopping extends MonitorCallback<EarlyStopping> {
    private int patience;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;
    private int wait;
    private int stoppedEpoch;
    private int bestEpoch;
    private Double best;
    private List<Tensor> bestWeights;
    private boolean stop;

    public EarlyStopping() {
        super(0);
    }

    /** Smallest change that counts as an improvement (absolute value). */
    public EarlyStopping minDelta(double d) {
        setMinDelta(d);
        return this;
    }

    /** Epochs without improvement after which training stops. */
    public EarlyStopping patience(int epochs) {
        patience = nonNegative("patience", epochs);
        return this;
    }


    /** A value the monitor must beat for the patience count to reset. */
    public EarlyStopping baseline(double b) {
        baseline = b;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean r) {
        restoreBestWeights = r;
        return this;
    }

    /** Warm-up epochs that are not monitored. */
    public EarlyStopping startFromEpoch(int epochs) {
        startFromEpoch = nonNegative("start_from_epoch", epochs);
        return this;
    }

    /** The 0-based epoch after which training stopped, or 0 if it did not stop early. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch with the best monitored value so far. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best monitored value so far, or null. */
    public Double best() {
        return best;
    }

    @Override
    public void onTrainBegin(int epochs, int steps) {
        wait = 0;
        stoppedEpoch = 0;
        bestEpoch = 0;
        best = null;
        bestWeights = null;
        stop = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = current(logs, "early stopping is off until it appears");
        if (current == null || epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            stop = true;
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose() > 0) {
            System.out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose() > 0) {
                System.out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().setWeights(bestWeights);
        }
    }

    @Override
    public boolean stopTraining() {
        return stop;
    }

}
