package org.seq2seq4j.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints training progress as Keras does. Verbosity 1: a bar updated in place during the epoch
 * (step, loss, metrics, ETA) and a final line per epoch; verbosity 2: one line per epoch.
 * {@link #pass} makes one for a single pass of evaluate or predict: no epoch header, the pass
 * counted as one epoch.
 *
 * <pre>{@code
 * // Epoch 3/10
 * // 40/40 [==============================] - 1.2s 30ms/step - loss: 0.4123 - accuracy: 0.8750 - val_loss: 0.5012
 * }</pre>
 */
public final class ProgbarLogger implements Callback {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int verbose;
    private final boolean epochHeader;
    private int epochs;
    private int steps;
    private long epochStart;
    private long lastPrint;

    public ProgbarLogger(PrintStream out, int verbose) {
        this(out, verbose, true);
    }

    private ProgbarLogger(PrintStream out, int verbose, boolean epochHeader) {
        this.out = out;
        this.verbose = verbose;
        this.epochHeader = epochHeader;
    }

    /**
     * Progress of one pass of {@code steps} batches (evaluate, predict), already begun: report
     * batches with {@link #onBatchEnd} and finish with {@link #onEpochEnd}.
     */
    public static ProgbarLogger pass(PrintStream out, int verbose, int steps) {
        ProgbarLogger p = new ProgbarLogger(out, verbose, false);
        p.onTrainBegin(1, steps);
        p.onEpochBegin(0);
        return p;
    }

    @Override
    public void onTrainBegin(int epochs, int steps) {
        this.epochs = epochs;
        this.steps = steps;
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStart = System.nanoTime();
        lastPrint = 0;
        if (verbose == 1 && epochHeader) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        long now = System.nanoTime();
        if (verbose != 1 || (now - lastPrint < 100_000_000L && batch + 1 < steps)) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - epochStart) / 1e9;
        double eta = elapsed / (batch + 1) * (steps - batch - 1);
        out.print("\r" + bar(batch + 1) + " - ETA: " + seconds(eta) + metrics(logs));
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        String timing = seconds(elapsed) + " " + String.format(Locale.ROOT, "%.0fms/step", 1000 * elapsed / Math.max(1, steps));
        if (verbose == 1) {
            out.println("\r" + bar(steps) + " - " + timing + metrics(logs));
        } else if (verbose == 2) {
            String head = epochHeader ? "Epoch " + (epoch + 1) + "/" + epochs : steps + "/" + steps;
            out.println(head + " - " + timing + metrics(logs));
        }
    }

    private String bar(int done) {
        int filled = steps == 0 ? WIDTH : WIDTH * done / steps;
        StringBuilder b = new StringBuilder();
        String count = String.valueOf(steps);
        b.append(" ".repeat(count.length() - String.valueOf(done).length())).append(done).append('/').append(count).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled - 1 || (i == filled - 1 && done == steps) ? '=' : i == filled - 1 ? '>' : '.');
        }
        return b.append(']').toString();
    }

    private static String metrics(Map<String, Double> logs) {
        StringBuilder b = new StringBuilder();
        logs.forEach((k, v) -> b.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.4f", v)));
        return b.toString();
    }

    private static String seconds(double s) {
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", (int) s / 60, (int) s % 60)
                : String.format(Locale.ROOT, "%.1fs", s);
    }
}
