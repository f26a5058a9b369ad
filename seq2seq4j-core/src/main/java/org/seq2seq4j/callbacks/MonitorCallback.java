package org.seq2seq4j.callbacks;

import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.Model;

/**
 * Base of the callbacks that watch one logged quantity, as Keras's {@code MonitorCallback}:
 * {@code monitor} (default {@code "val_loss"}), {@code mode} and the {@code min_delta} an
 * improvement must exceed. A monitor missing from the logs logs one warning through
 * {@link System.Logger} (named after the callback's class; Keras warns too) and the epoch is
 * skipped; it is not an error.
 *
 * <pre>{@code
 * EarlyStopping es = new EarlyStopping().monitor("val_accuracy").mode(MonitorMode.MAX);
 * }</pre>
 *
 * @param <T> the concrete callback, so the setters chain
 */
public abstract class MonitorCallback<T extends MonitorCallback<T>> implements Callback {
    private String monitor = "val_loss";
    private MonitorMode mode = MonitorMode.AUTO;
    private double minDelta;
    private Boolean maximize;
    private boolean warned;
    private int verbose;
    private Model model;

    protected MonitorCallback(double minDelta) {
        setMinDelta(minDelta);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** The logged quantity to watch, e.g. {@code "val_loss"} or {@code "accuracy"}. */
    public T monitor(String key) {
        if (key == null || key.isEmpty()) {
            throw ConfigException.argument(getClass().getSimpleName(), "monitor", "a metric name", key);
        }
        monitor = key;
        maximize = null;
        return self();
    }

    public String monitor() {
        return monitor;
    }

    public T mode(MonitorMode m) {
        if (m == null) {
            throw ConfigException.argument(getClass().getSimpleName(), "mode", "AUTO, MIN or MAX", null);
        }
        mode = m;
        maximize = null;
        return self();
    }

    /** 1 prints a line to standard output whenever the callback acts (Keras {@code verbose}). */
    public T verbose(int v) {
        verbose = nonNegative("verbose", v);
        return self();
    }

    protected final int verbose() {
        return verbose;
    }

    /** Checks an argument that must be {@code >= 0}. */
    protected final int nonNegative(String key, int v) {
        if (v < 0) {
            throw ConfigException.argument(getClass().getSimpleName(), key, ">= 0", v);
        }
        return v;
    }

    /** Sets {@code min_delta}; its sign is ignored, as in Keras. */
    protected final void setMinDelta(double d) {
        if (!Double.isFinite(d)) {
            throw ConfigException.argument(getClass().getSimpleName(), "min_delta", "a finite number", d);
        }
        minDelta = Math.abs(d);
    }

    @Override
    public void setModel(Model m) {
        model = m;
    }

    /** The model being trained (set by fit through {@link #setModel}). */
    protected final Model model() {
        if (model == null) {
            throw new Seq2SeqException(getClass().getSimpleName() + " has no model; fit sets it, or call setModel(model)");
        }
        return model;
    }

    /** The monitored value in {@code logs}, or null after warning once that it is missing ({@code consequence} says what happens). */
    protected final Double current(Map<String, Double> logs, String consequence) {
        Double v = logs.get(monitor);
        if (v == null && !warned) {
            warned = true;
            System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, getClass().getSimpleName()
                    + " monitors '" + monitor + "', which is not in the logs (available: "
                    + String.join(", ", logs.keySet()) + "); " + consequence);
        }
        return v;
    }

    /**
     * True when {@code value} beats {@code reference} by more than {@code min_delta} in the
     * monitored direction; a null reference is always beaten.
     */
    protected final boolean isImprovement(double value, Double reference) {
        if (reference == null) {
            return true;
        }
        return maximize() ? value - minDelta > reference : value + minDelta < reference;
    }

    private boolean maximize() {
        if (maximize == null) {
            maximize = switch (mode) {
                case MIN -> false;
                case MAX -> true;
                case AUTO -> inferMaximize();
            };
        }
        return maximize;
    }

    private boolean inferMaximize() {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if (name.equals("loss") || Losses.has(name)) {
            return false;
        }
        if (name.equals("acc") || name.endsWith("accuracy")) {
            return true;
        }
        throw ConfigException.argument(getClass().getSimpleName(), "mode",
                "MIN or MAX for monitor '" + monitor + "' (AUTO cannot tell whether it should go down or up)", mode);
    }
}
