package org.seq2seq4j.callbacks;

import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.optimizers.Optimizer;

/**
 * Multiplies the optimizer's learning rate by {@code factor} when the monitored quantity has not
 * improved for {@code patience} epochs, as Keras 3's {@code ReduceLROnPlateau}. Arguments (Keras
 * defaults): {@code monitor "val_loss"}, {@code factor 0.1}, {@code patience 10}, {@code verbose 0},
 * {@code mode AUTO}, {@code min_delta 1e-4}, {@code cooldown 0}, {@code min_lr 0}.
 *
 * <p>Every epoch it adds the current rate to the logs as {@code "learning_rate"} (so History and
 * CSVLogger record it). The rate is a float32 in Keras; the logged and the reduced values are
 * rounded to float32 the same way. After a reduction, {@code cooldown} epochs pass before the
 * patience count starts again; the rate never goes below {@code min_lr}.
 *
 * <pre>{@code
 * ReduceLROnPlateau plateau = new ReduceLROnPlateau().factor(0.5).patience(2).minLr(1e-5);
 * model.fit(x, y, new FitOptions().epochs(50).validationSplit(0.1).callbacks(plateau));
 * }</pre>
 */
public final class ReduceLROnPlateau extends MonitorCallback<ReduceLROnPlateau> {
    private double factor = 0.1;
    private int patience = 10;
    private int cooldown;
    private double minLr;
    private Double best;
    private int wait;
    private int cooldownCounter;

    public ReduceLROnPlateau() {
        super(1e-4);
    }

    /** The factor the rate is multiplied by, in (0, 1). */
    public ReduceLROnPlateau factor(double f) {
        if (!(f > 0 && f < 1)) {
            throw ConfigException.argument("ReduceLROnPlateau", "factor", "in (0, 1)", f);
        }
        factor = f;
        return this;
    }

    /** Epochs without improvement before the rate is reduced. */
    public ReduceLROnPlateau patience(int epochs) {
        patience = nonNegative("patience", epochs);
        return this;
    }


    /** Smallest change that counts as an improvement (absolute value). */
    public ReduceLROnPlateau minDelta(double d) {
        setMinDelta(d);
        return this;
    }

    /** Epochs to wait after a reduction before counting again. */
    public ReduceLROnPlateau cooldown(int epochs) {
        cooldown = nonNegative("cooldown", epochs);
        return this;
    }

    /** Lower bound of the learning rate. */
    public ReduceLROnPlateau minLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw ConfigException.argument("ReduceLROnPlateau", "min_lr", ">= 0", lr);
        }
        minLr = lr;
        return this;
    }

    @Override
    public void onTrainBegin(int epochs, int steps) {
        best = null;
        wait = 0;
        cooldownCounter = 0;
    }

    /** Adds {@code "learning_rate"} to {@code logs} (which must be mutable) and reduces the rate on a plateau. */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Optimizer opt = model().optimizer();
        if (opt == null) {
            throw new Seq2SeqException("ReduceLROnPlateau needs a compiled model; call compile(optimizer, loss) first");
        }
        logs.put("learning_rate", (double) (float) opt.learningRate());
        Double current = current(logs, "the learning rate is not changed");
        if (current == null) {
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience && reduce(opt, epoch)) {
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    private boolean reduce(Optimizer opt, int epoch) {
        double old = (float) opt.learningRate();
        if (!(old > (float) minLr)) {
            return false;
        }
        double lr = Math.max(old * factor, minLr);
        opt.learningRate((float) lr);
        if (verbose() > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                    + PyFormat.repr(lr) + ".");
        }
        return true;
    }

}
