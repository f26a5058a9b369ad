package org.seq2seq4j.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.tensor.Tensor;

/**
 * One served model: its name, the file it came from (or none), the model now served and its two
 * batching queues (text and tensor requests). {@link #reload} loads the file into a new model and
 * swaps it in at once: batches running keep the model they started with, the next ones take the new
 * one, and no request fails for it.
 */
final class ModelEntry {
    private static final System.Logger LOG = System.getLogger(ModelEntry.class.getName());

    private final String name;
    private final Path file;
    private final ModelLoader loader;
    private final ServerMetrics metrics;
    private final Batcher<TranslateOptions, String, TextResult> text;
    private final Batcher<List<String>, Map<String, Tensor>, Map<String, Tensor>> tensor;
    private volatile ServedModel model;
    private volatile String stamp;

    ModelEntry(String name, Path file, ServedModel model, ModelLoader loader, ServerOptions options,
            ServerMetrics metrics) {
        this.name = name;
        this.file = file;
        this.loader = loader;
        this.metrics = metrics;
        long delay = options.maxDelayMs() * 1_000_000L;
        this.text = new Batcher<>(name + "-text", options.maxBatch(), delay, options.maxQueue(),
                (o, texts) -> as(TextModel.class).translate(texts, o), size -> metrics.batch(name, size));
        this.tensor = new Batcher<>(name + "-tensor", options.maxBatch(), delay, options.maxQueue(),
                (shapes, requests) -> TensorBatches.run(as(TensorModel.class), requests),
                size -> metrics.batch(name, size));
        if (model != null) {
            this.model = model;
        } else {
            reload();
        }
    }

    String name() {
        return name;
    }

    ServedModel model() {
        return model;
    }

    Path file() {
        return file;
    }

    private <M extends ServedModel> M as(Class<M> kind) {
        ServedModel m = model;
        if (!kind.isInstance(m)) {
            throw ConfigException.argument("model '" + name + "'", "kind", kind.getSimpleName(), m.metadata().kind());
        }
        return kind.cast(m);
    }

    /** Queues texts for translation; the results, or the failure. */
    CompletableFuture<List<TextResult>> translate(List<String> texts, TranslateOptions options, long deadline) {
        return text.submit(options, texts, texts.size(), deadline);
    }

    /** Queues one request's tensors (all with {@code rows} rows); its outputs, or the failure. */
    CompletableFuture<Map<String, Tensor>> infer(Map<String, Tensor> inputs, int rows, long deadline) {
        return tensor.submit(TensorBatches.key(inputs), List.of(inputs), rows, deadline).thenApply(l -> l.get(0));
    }

    /** The requests waiting in both queues. */
    int depth() {
        return text.depth() + tensor.depth();
    }

    /**
     * Loads the model file again and serves the new model; a file that does not load leaves the old
     * model served and the failure is thrown. Seconds the load took.
     */
    synchronized double reload() {
        if (file == null) {
            throw ConfigException.argument("load", "model '" + name + "'", "a model loaded from a file",
                    "one given in memory");
        }
        String seen = stampOf(file);
        long t0 = System.nanoTime();
        ServedModel loaded;
        try {
            loaded = loader.load(file);
        } catch (RuntimeException e) {
            metrics.loadFailed(name);
            stamp = seen;                           // not retried by --watch until the file changes again
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        model = loaded;
        stamp = seen;
        metrics.loaded(name, seconds);
        LOG.log(System.Logger.Level.INFO, "model '" + name + "' loaded from " + file + " in "
                + String.format(java.util.Locale.ROOT, "%.3f s", seconds));
        return seconds;
    }

    /** Whether the file changed since it was last read (for --watch). */
    boolean fileChanged() {
        return file != null && !stampOf(file).equals(stamp);
    }

    private static String stampOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** Stops taking requests, runs those queued; whether both queues drained within {@code millis}. */
    boolean close(long millis) {
        long until = System.currentTimeMillis() + millis;
        boolean a = text.close(millis);
        boolean b = tensor.close(Math.max(1, until - System.currentTimeMillis()));
        return a && b;
    }
}
