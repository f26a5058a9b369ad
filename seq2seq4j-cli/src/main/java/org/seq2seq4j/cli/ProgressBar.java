package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.callbacks.Callback;

/**
 * The training progress line: epoch, step, loss, validation loss, target tokens per second and the
 * time left for the whole run. On a terminal it is redrawn in place ({@code \r}) at most ten times
 * a second and ends each epoch with its final values; elsewhere (logs, pipes, CI) only the epoch
 * lines are printed.
 *
 * <pre>{@code
 * epoch 3/10 [==========>         ] 80/157 loss 0.4321 val_loss - 9,812 tok/s ETA 1:02
 * }</pre>
 */
final class ProgressBar implements Callback {
    private static final int WIDTH = 20;
    private final PrintWriter out;
    private final boolean terminal;
    private int epochs;
    private int steps;
    private int epoch;
    private long runStart;
    private long epochStart;
    private long lastDraw;
    private long stepsDone;
    private long stepsAtStart = -1;
    private double lastValLoss = Double.NaN;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onTrainBegin(int epochs, int steps) {
        this.epochs = epochs;
        this.steps = steps;
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
        epochStart = System.nanoTime();
        stepsDone = (long) epoch * steps;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        long done = (long) epoch * steps + batch + 1;
        long now = System.nanoTime();
        if (stepsAtStart < 0) {                 // the pace is measured from the first step this process ran
            stepsAtStart = done;
            runStart = now;
        }
        stepsDone = done;
        if (terminal && (now - lastDraw > 100_000_000L || batch + 1 == steps)) {
            lastDraw = now;
            out.print("\r" + line(batch + 1, logs, eta(now)) + "\u001b[K");
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double v = logs.get("val_loss");
        lastValLoss = v == null ? Double.NaN : v;
        Double bleu = logs.get("val_bleu");
        String tail = (bleu != null ? String.format(Locale.ROOT, " val_bleu %.1f", bleu) : "")
                + String.format(Locale.ROOT, " %.1fs", (System.nanoTime() - epochStart) / 1e9);
        out.println((terminal ? "\r" : "") + line(steps, logs, eta(System.nanoTime())) + tail
                + (terminal ? "\u001b[K" : ""));
        out.flush();
    }

    /** Seconds left at the pace of the steps run so far in this process. */
    private double eta(long now) {
        long run = stepsDone - stepsAtStart;
        if (run <= 0) {
            return Double.NaN;
        }
        double perStep = (now - runStart) / 1e9 / run;
        return perStep * Math.max(0, (long) epochs * steps - stepsDone);
    }

    private String line(int step, Map<String, Double> logs, double eta) {
        int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * step / steps);
        String bar = "=".repeat(Math.max(0, filled - (filled < WIDTH ? 1 : 0))) + (filled < WIDTH ? ">" : "")
                + " ".repeat(WIDTH - filled);
        Double v = logs.get("val_loss");
        double val = v != null ? v : lastValLoss;
        return String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d loss %.4f val_loss %s %,d tok/s ETA %s", epoch + 1,
                epochs, bar, step, steps, logs.getOrDefault("loss", Double.NaN),
                Double.isNaN(val) ? "-" : String.format(Locale.ROOT, "%.4f", val),
                Math.round(logs.getOrDefault("tokens_per_second", 0.0)), clock(eta));
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
