package org.seq2seq4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The native weights file ({@code .weights.s2s}): a model's weights and, optionally, the
 * optimizer's state (iterations and slots), so a checkpoint resumes training exactly. As in Keras 3
 * weights files, tensors are keyed by their place in the model, not by layer names:
 * {@code layers/1/Dense/vars/0} is the first weight of the second layer, and
 * {@code adam/momentum/layers/1/Dense/vars/0} its Adam momentum; so a new instance of the same
 * architecture (whose auto-generated layer names differ) loads the file. The layout (magic, version, header of names, shapes and byte
 * offsets, float32 data, CRC32) is in {@code WeightsFormat}.
 *
 * <p>Saving writes a temporary file next to the target and renames it atomically, so a crash never
 * leaves a half-written file. Loading validates the whole file (structure, sizes, checksum, names
 * and shapes against the model, NaN/infinity) before it changes any weight, and throws
 * {@link ModelFormatException} with the file, the byte offset and the problem. Saving refuses
 * non-finite values.
 *
 * <pre>{@code
 * WeightsFile.save(model, model.optimizer(), dir.resolve("ckpt.weights.s2s"));   // weights + optimizer
 * WeightsFile.load(other, other.optimizer(), dir.resolve("ckpt.weights.s2s"));   // same architecture
 * model.saveWeights(dir.resolve("final.weights.s2s"));                            // weights only
 * }</pre>
 */
public final class WeightsFile {
    /** The file name ending this format uses. */
    public static final String EXTENSION = ".weights.s2s";

    private WeightsFile() {
    }

    /** Saves the model's weights (no optimizer state). */
    public static void save(Model model, Path file) {
        save(model, null, file);
    }

    /** Saves the model's weights and, when {@code optimizer} is not null, its state. */
    public static void save(Model model, Optimizer optimizer, Path file) {
        List<WeightsWriter.Item> items = new ArrayList<>();
        Map<String, Variable> weights = WeightKeys.of(model);
        weights.forEach((k, v) -> items.add(new WeightsWriter.Item(k, WeightsFormat.Kind.WEIGHT, v.shape(), v.value()::data)));
        if (optimizer != null) {
            Map<String, String> keys = WeightKeys.optimizer(optimizer, weights);
            optimizer.state().forEach((k, t) -> items.add(
                    new WeightsWriter.Item(keys.get(k), WeightsFormat.Kind.OPTIMIZER, t.shape(), t::data)));
        }
        WeightsWriter.write(file, items);
    }

    /** Loads weights saved by {@link #save}; optimizer state in the file is ignored. */
    public static void load(Model model, Path file) {
        load(model, null, file);
    }

    /**
     * Loads weights and, when {@code optimizer} is not null, its state (the optimizer is built for
     * the model's trainable weights first). Nothing changes unless the whole file is valid.
     */
    public static void load(Model model, Optimizer optimizer, Path file) {
        if (!model.isBuilt() && model.weights().isEmpty()) {
            throw new Seq2SeqException(model.describe() + " is not built, so it has no weights to load into; "
                    + "give it an input shape or call it once before loadWeights");
        }
        try (WeightsReader r = WeightsReader.open(file)) {
            Map<String, WeightsReader.Entry> byName = new LinkedHashMap<>();
            r.entries().forEach(e -> byName.put(e.name(), e));
            Map<String, Variable> weights = WeightKeys.of(model);
            Map<String, Wanted> wanted = new LinkedHashMap<>();
            weights.forEach((k, v) -> wanted.put(k, new Wanted(v.shape(), "weight '" + v.path() + "'")));
            List<WeightsReader.Entry> weightEntries = match(file, byName, WeightsFormat.Kind.WEIGHT, wanted, model.describe());
            List<WeightsReader.Entry> stateEntries = List.of();
            Map<String, String> keys = Map.of();
            if (optimizer != null) {
                optimizer.build(model.trainableWeights());
                keys = WeightKeys.optimizer(optimizer, weights);
                Map<String, Wanted> state = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> s : optimizer.state().entrySet()) {
                    state.put(keys.get(s.getKey()), new Wanted(s.getValue().shape(), "'" + s.getKey() + "'"));
                }
                stateEntries = match(file, byName, WeightsFormat.Kind.OPTIMIZER, state, optimizer.describe());
            }
            List<float[]> values = new ArrayList<>();
            weightEntries.forEach(e -> values.add(r.read(e)));
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (Map.Entry<String, String> k : keys.entrySet()) {
                WeightsReader.Entry e = byName.get(k.getValue());
                state.put(k.getKey(), Tensor.of(r.read(e), e.shape()));
            }
            checkIterations(file, byName, state);
            List<Variable> vars = new ArrayList<>(weights.values());
            for (int i = 0; i < vars.size(); i++) {
                vars.get(i).assign(Tensor.of(values.get(i), vars.get(i).shape()));
            }
            if (optimizer != null) {
                optimizer.loadState(state);
            }
        }
    }

    /** A tensor the model or optimizer needs: its shape and how to name it in messages. */
    private record Wanted(Shape shape, String what) {
    }

    /**
     * The file's entries of {@code kind}, in the order of {@code wanted}; every wanted name must be
     * there with its shape and no other entry of that kind may be.
     */
    private static List<WeightsReader.Entry> match(Path file, Map<String, WeightsReader.Entry> byName,
                                                    WeightsFormat.Kind kind, Map<String, Wanted> wanted, String owner) {
        List<WeightsReader.Entry> out = new ArrayList<>();
        for (Map.Entry<String, Wanted> w : wanted.entrySet()) {
            WeightsReader.Entry e = byName.get(w.getKey());
            Wanted need = w.getValue();
            if (e == null || e.kind() != kind) {
                throw new ModelFormatException(file.toString(), "header", "has no " + kind.label() + " '" + w.getKey()
                        + "' " + need.shape() + " for " + need.what() + " of " + owner + missingHint(kind, byName));
            }
            if (!e.shape().equals(need.shape())) {
                throw new ModelFormatException(file.toString(), "byte " + e.at(), kind.label() + " '" + e.name()
                        + "' has shape " + e.shape() + " but " + need.what() + " of " + owner + " is " + need.shape());
            }
            out.add(e);
        }
        for (WeightsReader.Entry e : byName.values()) {
            if (e.kind() == kind && !wanted.containsKey(e.name())) {
                throw new ModelFormatException(file.toString(), "byte " + e.at(), kind.label() + " '" + e.name() + "' "
                        + e.shape() + " is not in " + owner + "; the file was saved from another model");
            }
        }
        return out;
    }

    private static String missingHint(WeightsFormat.Kind kind, Map<String, WeightsReader.Entry> byName) {
        boolean any = byName.values().stream().anyMatch(e -> e.kind() == kind);
        if (kind == WeightsFormat.Kind.OPTIMIZER && !any) {
            return "; the file was saved without optimizer state";
        }
        return any ? "; the file was saved from another model" : "";
    }

    private static void checkIterations(Path file, Map<String, WeightsReader.Entry> byName, Map<String, Tensor> state) {
        Tensor it = state.get("iterations");
        if (it != null && (it.item() < 0 || it.item() != Math.rint(it.item()))) {
            throw new ModelFormatException(file.toString(), "byte " + byName.get("iterations").offset(),
                    "optimizer state 'iterations' must be a non-negative integer but is " + it.item());
        }
    }
}
