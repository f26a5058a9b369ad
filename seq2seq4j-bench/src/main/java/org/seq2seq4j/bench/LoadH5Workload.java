package org.seq2seq4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.keras.KerasH5;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;

/**
 * {@code load_h5}: the time to load the weights of a 54 MB Keras 3 {@code .weights.h5} (stacked
 * LSTM(1024) over 256 features, 13.6M float32 values, written once to a temporary file) into a
 * built model, against the time to read the file's bytes, both with a warm page cache. The goal is a
 * ratio (load / read) below 2. Reports {@code load_ms}, {@code read_ms}, {@code ratio}, {@code mb}.
 *
 * <pre>{@code
 * BenchResult r = new LoadH5Workload().run(BenchOptions.defaults());   // r.extra().get("ratio")
 * }</pre>
 */
public final class LoadH5Workload implements Workload {
    @Override
    public String name() {
        return "load_h5";
    }

    @Override
    public String description() {
        return "loading a 54 MB .weights.h5 (stacked LSTM(1024)) against reading its bytes, warm cache";
    }

    @Override
    public BenchResult run(BenchOptions options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("seq2seq4j-load-h5");
            Path file = dir.resolve("lstm1024.weights.h5");
            Model model = model();
            KerasModels.saveWeights(model, file);
            double mb = Files.size(file) / 1e6;
            double read = best(options, () -> readBytes(file));
            double load = best(options, () -> KerasH5.loadWeights(model, file));
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put("load_ms", load);
            extra.put("read_ms", read);
            extra.put("ratio", load / read);
            extra.put("mb", mb);
            return new BenchResult(name(), 1, options.threads(), Gemms.get().name(), 1000.0 / load, load, extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private static Model model() {
        Seq2Seq4j.seed(1);
        Sequential m = new Sequential(new LSTM(1024).returnSequences(true).inputShape(10, 256), new LSTM(1024));
        m.build(m.declaredInput());
        return m;
    }

    private static void readBytes(Path file) {
        try {
            Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best time in ms of {@code work} after warm-up, over the measuring time (at least 3 runs). */
    private static double best(BenchOptions o, Runnable work) {
        long warmEnd = System.nanoTime() + (long) (o.warmupSeconds() * 1e9);
        do {
            work.run();
        } while (System.nanoTime() < warmEnd);
        double best = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (o.measureSeconds() * 1e9);
        for (int i = 0; i < 3 || System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.getLogger(LoadH5Workload.class.getName()).log(System.Logger.Level.WARNING, "cannot remove " + dir);
        }
    }
}
