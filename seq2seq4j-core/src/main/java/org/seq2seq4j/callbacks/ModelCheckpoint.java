package org.seq2seq4j.callbacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.io.ModelFile;
import org.seq2seq4j.io.WeightsFile;

/**
 * Saves the model during training, as Keras 3's {@code ModelCheckpoint}. Arguments (Keras defaults):
 * {@code filepath} (required), {@code monitor "val_loss"}, {@code verbose 0},
 * {@code save_best_only false}, {@code save_weights_only false}, {@code mode AUTO},
 * {@code save_freq "epoch"}, {@code initial_value_threshold} none.
 *
 * <p>{@code filepath} is a Python format string filled with {@code epoch} (1-based), {@code batch}
 * (1-based, when saving every n batches) and the logs, e.g.
 * {@code "ckpt/{epoch:02d}-{val_loss:.2f}.s2s"}. A path ending in {@code .s2s} saves the whole model
 * ({@link ModelFile}: config, weights, optimizer, training state and assets), from which
 * {@code Models.load} and {@code fit(..., initialEpoch(epochs done))} resume training exactly. A path
 * ending in {@code .weights.s2s} saves weights ({@code save_weights_only(true)}) or weights and the
 * optimizer state (the default {@code false}) with {@link WeightsFile}. Files are written atomically.
 *
 * <p>With {@code save_best_only} a file is written only when the monitor improves on the best value
 * so far (starting from {@code initial_value_threshold}); the best value persists across fit calls,
 * as in Keras. A missing monitor warns once and saves anyway.
 *
 * <pre>{@code
 * ModelCheckpoint ckpt = new ModelCheckpoint(dir.resolve("best.weights.s2s")).monitor("val_loss").saveBestOnly(true);
 * model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2).callbacks(ckpt));
 * model.loadWeights(dir.resolve("best.weights.s2s"));             // the weights of the best epoch
 * }</pre>
 */
public final class ModelCheckpoint extends MonitorCallback<ModelCheckpoint> {
    private final String filepath;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private int saveFreq;             // 0 = every epoch, n = every n batches
    private Double best;
    private int currentEpoch;
    private int batchesSinceSave;
    private int lastBatchSeen = -1;

    public ModelCheckpoint(String filepath) {
        super(0);
        if (filepath == null || !filepath.endsWith(ModelFile.EXTENSION)) {
            throw ConfigException.argument("ModelCheckpoint", "filepath", "a path ending in " + ModelFile.EXTENSION
                    + " (a whole native model) or " + WeightsFile.EXTENSION + " (weights)", filepath);
        }
        this.filepath = filepath;
    }

    /** As {@link #ModelCheckpoint(String)}; the path may hold {@code {placeholders}}. */
    public ModelCheckpoint(Path filepath) {
        this(filepath == null ? null : filepath.toString());
    }

    public ModelCheckpoint saveBestOnly(boolean b) {
        saveBestOnly = b;
        return this;
    }

    /** True: weights only; false (default): weights and optimizer state. */
    public ModelCheckpoint saveWeightsOnly(boolean b) {
        saveWeightsOnly = b;
        return this;
    }

    /** {@code "epoch"} (the default) saves at the end of every epoch. */
    public ModelCheckpoint saveFreq(String freq) {
        if (!"epoch".equals(freq)) {
            throw ConfigException.argument("ModelCheckpoint", "save_freq", "\"epoch\" or a positive number of batches",
                    "'" + freq + "'");
        }
        saveFreq = 0;
        return this;
    }

    /** Saves every {@code batches} training batches, counted across epochs. */
    public ModelCheckpoint saveFreq(int batches) {
        if (batches <= 0) {
            throw ConfigException.argument("ModelCheckpoint", "save_freq", "\"epoch\" or a positive number of batches",
                    batches);
        }
        saveFreq = batches;
        return this;
    }

    /** The value the monitor must beat for the first save with {@code save_best_only}. */
    public ModelCheckpoint initialValueThreshold(double v) {
        best = v;
        return this;
    }

    /** The best monitored value saved so far, or null. */
    public Double best() {
        return best;
    }

    @Override
    public void onEpochBegin(int epoch) {
        currentEpoch = epoch;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            return;
        }
        batchesSinceSave += lastBatchSeen < 0 || batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
        lastBatchSeen = batch;
        if (batchesSinceSave >= saveFreq) {
            batchesSinceSave = 0;
            save(currentEpoch, batch, logs);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveFreq == 0) {
            save(epoch, -1, logs);
        }
    }

    /** The file for this epoch (0-based) and batch (0-based, or -1 at an epoch end). */
    Path filePath(int epoch, int batch, Map<String, Double> logs) {
        Map<String, Number> values = new LinkedHashMap<>(logs);
        values.put("epoch", epoch + 1);
        if (batch >= 0 && !logs.containsKey("batch")) {
            values.put("batch", batch + 1);
        }
        return Path.of(PyFormat.format(filepath, values, "ModelCheckpoint", "filepath"));
    }

    private void save(int epoch, int batch, Map<String, Double> logs) {
        Path file = filePath(epoch, batch, logs);
        if (!shouldSave(epoch, logs, file)) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new Seq2SeqException("ModelCheckpoint: cannot create the directory of " + file + ": " + e, e);
        }
        if (filepath.endsWith(WeightsFile.EXTENSION)) {
            WeightsFile.save(model(), saveWeightsOnly ? null : model().optimizer(), file);
        } else {
            model().save(file);
        }
        if (verbose() > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": finished saving model to " + file);
        }
    }

    private boolean shouldSave(int epoch, Map<String, Double> logs, Path file) {
        if (!saveBestOnly) {
            if (verbose() > 0) {
                System.out.println("\nEpoch " + (epoch + 1) + ": saving model to " + file);
            }
            return true;
        }
        Double current = current(logs, "saving every epoch instead of only the best");
        if (current == null) {
            return true;
        }
        String bestText = best == null ? "None" : String.format(Locale.ROOT, "%.5f", best);
        if (isImprovement(current, best)) {
            if (verbose() > 0) {
                System.out.println(String.format(Locale.ROOT, "\nEpoch %d: %s improved from %s to %.5f, saving model to %s",
                        epoch + 1, monitor(), bestText, current, file));
            }
            best = current;
            return true;
        }
        if (verbose() > 0) {
            System.out.println("\nEpoch " + (epoch + 1) + ": " + monitor() + " did not improve from " + bestText);
        }
        return false;
    }
}
