package org.seq2seq4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The native weights file ({@code .weights.s2s}): a model's weights by Keras path and, optionally,
 * the optimizer's state (iterations and slots, e.g. {@code adam/momentum/dense/kernel}), so a
 * checkpoint resumes training exactly. The layout (magic, version, header of names, shapes and byte
 * offsets, float32 data, CRC32) is in {@code WeightsFormat}.
 *
 * <p>Saving writes a temporary file next to the target and renames it atomically, so a crash never
 * leaves a half-written file. Loading validates the whole file (structure, sizes, checksum, names
 * and shapes against the model, NaN/infinity) before it changes any weight, and throws
 * {@link ModelFormatException} with the file, the byte offset and the problem. Saving refuses
 * non-finite values.
 *
 * <pre>{@code
 * WeightsFile.save(model, model.optimizer(), Path.of("ckpt.weights.s2s"));   // weights + optimizer
 * WeightsFile.load(other, other.optimizer(), Path.of("ckpt.weights.s2s"));   // same architecture
 * model.saveWeights(Path.of("final.weights.s2s"));                            // weights only
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
        for (Variable v : weights(model)) {
            items.add(new WeightsWriter.Item(v.path(), WeightsFormat.Kind.WEIGHT, v.shape(), v.value()::data));
        }
        if (optimizer != null) {
            optimizer.state().forEach((k, t) -> items.add(
                    new WeightsWriter.Item(k, WeightsFormat.Kind.OPTIMIZER, t.shape(), t::data)));
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
            Map<String, Shape> wanted = new LinkedHashMap<>();
            List<Variable> vars = weights(model);
            vars.forEach(v -> wanted.put(v.path(), v.shape()));
            List<WeightsReader.Entry> weightEntries = match(file, byName, WeightsFormat.Kind.WEIGHT, wanted,
                    model.describe());
            List<WeightsReader.Entry> stateEntries = List.of();
            if (optimizer != null) {
                optimizer.build(model.trainableWeights());
                Map<String, Shape> state = new LinkedHashMap<>();
                optimizer.state().forEach((k, t) -> state.put(k, t.shape()));
                stateEntries = match(file, byName, WeightsFormat.Kind.OPTIMIZER, state, optimizer.describe());
            }
            List<float[]> values = new ArrayList<>();
            weightEntries.forEach(e -> values.add(r.read(e)));
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (WeightsReader.Entry e : stateEntries) {
                state.put(e.name(), Tensor.of(r.read(e), e.shape()));
            }
            checkIterations(file, byName, state);
            for (int i = 0; i < vars.size(); i++) {
                vars.get(i).assign(Tensor.of(values.get(i), vars.get(i).shape()));
            }
            if (optimizer != null) {
                optimizer.loadState(state);
            }
        }
    }

    /** The model's distinct variables (a shared layer contributes its weights once); paths must be unique. */
    private static List<Variable> weights(Model model) {
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Variable> byPath = new LinkedHashMap<>();
        for (Variable v : model.weights()) {
            if (seen.add(v) && byPath.put(v.path(), v) != null) {
                throw new Seq2SeqException(model.describe() + ": two weights share the path '" + v.path()
                        + "'; give the layers distinct names before saving or loading weights");
            }
        }
        return new ArrayList<>(byPath.values());
    }

    /**
     * The file's entries of {@code kind}, in the order of {@code wanted}; every wanted name must be
     * there with its shape and no other entry of that kind may be.
     */
    private static List<WeightsReader.Entry> match(Path file, Map<String, WeightsReader.Entry> byName,
                                                    WeightsFormat.Kind kind, Map<String, Shape> wanted, String owner) {
        List<WeightsReader.Entry> out = new ArrayList<>();
        for (Map.Entry<String, Shape> w : wanted.entrySet()) {
            WeightsReader.Entry e = byName.get(w.getKey());
            if (e == null || e.kind() != kind) {
                throw new ModelFormatException(file.toString(), "header", "has no " + kind.label() + " '" + w.getKey()
                        + "' " + w.getValue() + " that " + owner + " needs" + missingHint(kind, byName));
            }
            if (!e.shape().equals(w.getValue())) {
                throw new ModelFormatException(file.toString(), "byte " + e.at(), kind.label() + " '" + e.name()
                        + "' has shape " + e.shape() + " but " + owner + " expects " + w.getValue());
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
