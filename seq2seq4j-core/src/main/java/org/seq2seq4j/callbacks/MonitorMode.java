package org.seq2seq4j.callbacks;

/**
 * Whether a monitored quantity should go down ({@code MIN}) or up ({@code MAX}); Keras's
 * {@code mode} argument. {@code AUTO} infers it from the name: {@code loss}, {@code val_loss} and
 * loss-named metrics ({@code mae}, {@code val_mse}, ...) go down, accuracies go up; any other name
 * needs an explicit mode.
 *
 * <pre>{@code
 * new EarlyStopping().monitor("val_accuracy").mode(MonitorMode.MAX);
 * }</pre>
 */
public enum MonitorMode {
    AUTO, MIN, MAX
}
