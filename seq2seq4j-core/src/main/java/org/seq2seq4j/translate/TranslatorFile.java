package org.seq2seq4j.translate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Assets;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.text.TextTokenizer;
import org.seq2seq4j.text.Vocabulary;

/**
 * A translator in the native model file ({@code .s2s}, see {@link org.seq2seq4j.io.ModelFile}): the
 * training model with its weights, optimizer state and training state, and as JSON assets
 * {@code translator.json} (format, version, the {@link ModelSpec} and the {@link DecodeSettings}),
 * {@code source_tokenizer.json}, {@code source_vocabulary.json}, {@code target_tokenizer.json},
 * {@code target_vocabulary.json} and, in training checkpoints, {@code trainer.json} (the trainer's
 * place in the run). Reading checks the file ({@link Models#load}) and every asset, rebuilds the
 * inference models from the spec and takes the file's weights, so a file that is not a translator,
 * or a damaged one, is a {@link ModelFormatException}.
 *
 * <pre>{@code
 * TranslatorFile.write(Path.of("model.s2s"), translator, null);             // no trainer state
 * Translator back = TranslatorFile.read(Path.of("model.s2s"), false).translator();
 * }</pre>
 */
public final class TranslatorFile {
    static final String FORMAT = "seq2seq4j-translator";
    static final int VERSION = 1;
    private static final String MAIN = "translator.json";
    private static final String TRAINER = "trainer.json";

    private TranslatorFile() {
    }

    /** What a checkpoint adds: the trainer's state (the optimizer's is saved with the model). */
    public record Checkpoint(Map<String, Object> training) {
    }

    /** A file read back: the translator, the model as saved (with its optimizer) and, in a checkpoint, the trainer's state. */
    public record Loaded(Translator translator, Model saved, Map<String, Object> training) {
        /** Gives {@code optimizer}, built for the translator's model, the saved optimizer's state. */
        public void restore(Optimizer optimizer) {
            Optimizer from = saved.optimizer();
            if (from == null) {
                throw new ModelFormatException("model file", "optimizer", "no optimizer state to resume from");
            }
            Functional net = translator.model().training();
            optimizer.build(net.trainableWeights());
            Map<String, org.seq2seq4j.tensor.Tensor> state = from.state();
            Map<String, org.seq2seq4j.tensor.Tensor> renamed = new LinkedHashMap<>();
            List<String> savedPaths = paths(saved);
            List<String> ownPaths = paths(net);
            state.forEach((k, v) -> renamed.put(rename(k, savedPaths, ownPaths), v));
            optimizer.loadState(renamed);
        }

        private static List<String> paths(Model m) {
            List<String> out = new ArrayList<>();
            m.trainableWeights().forEach(v -> out.add(v.path()));
            return out;
        }

        /** {@code name/slot/<saved variable path>} becomes {@code name/slot/<own path>} of the same place. */
        private static String rename(String key, List<String> savedPaths, List<String> ownPaths) {
            int first = key.indexOf('/');
            int second = first < 0 ? -1 : key.indexOf('/', first + 1);
            if (second < 0) {
                return key;
            }
            int i = savedPaths.indexOf(key.substring(second + 1));
            return i < 0 ? key : key.substring(0, second + 1) + ownPaths.get(i);
        }
    }

    /** Writes {@code translator} (and the checkpoint, when not null) to {@code file}, atomically. */
    public static void write(Path file, Translator translator, Checkpoint checkpoint) {
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("format", FORMAT);
        main.put("version", VERSION);
        main.put("model", translator.model().spec().toMap());
        main.put("decoding", translator.defaults().toMap());
        Functional net = translator.model().training();
        Assets assets = net.assets();
        put(assets, MAIN, Json.write(main));
        put(assets, "source_tokenizer.json", translator.source().tokenizer().toJson());
        put(assets, "source_vocabulary.json", translator.source().vocabulary().toJson());
        put(assets, "target_tokenizer.json", translator.target().tokenizer().toJson());
        put(assets, "target_vocabulary.json", translator.target().vocabulary().toJson());
        if (checkpoint != null && checkpoint.training() != null) {
            put(assets, TRAINER, Json.write(checkpoint.training()));
        } else {
            assets.remove(TRAINER);
        }
        net.save(file);
    }

    private static void put(Assets assets, String name, String json) {
        assets.put(name, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a model file; {@code checkpoint} keeps the trainer's state for a resume. */
    public static Loaded read(Path file, boolean checkpoint) {
        String where = file.toString();
        Model saved = Models.load(file);
        Assets assets = saved.assets();
        if (assets.get(MAIN) == null) {
            throw new ModelFormatException(where, "assets/" + MAIN, "missing: this is a seq2seq4j model but not a "
                    + "translator (train one with 'train' or TranslationTrainer)");
        }
        Map<String, Object> main = object(assets, MAIN, where);
        if (!FORMAT.equals(main.get("format"))) {
            throw new ModelFormatException(where, MAIN + " $.format", "expected \"" + FORMAT + "\" but found "
                    + main.get("format"));
        }
        if (!(main.get("version") instanceof Number v) || v.intValue() != VERSION) {
            throw new ModelFormatException(where, MAIN + " $.version", "expected " + VERSION + " but found "
                    + main.get("version") + "; this file was written by another version of seq2seq4j");
        }
        ModelSpec spec = ModelSpec.fromMap(map(main.get("model"), where, "$.model"), where + " " + MAIN + " $.model");
        DecodeSettings decoding = DecodeSettings.fromMap(map(main.get("decoding"), where, "$.decoding"),
                where + " " + MAIN + " $.decoding");
        TokenCodec source = new TokenCodec(TextTokenizer.fromJson(text(assets, "source_tokenizer.json", where)),
                Vocabulary.fromJson(text(assets, "source_vocabulary.json", where)));
        TokenCodec target = new TokenCodec(TextTokenizer.fromJson(text(assets, "target_tokenizer.json", where)),
                Vocabulary.fromJson(text(assets, "target_vocabulary.json", where)));
        if (source.vocabulary().size() != spec.sourceVocabulary()
                || target.vocabulary().size() != spec.targetVocabulary()) {
            throw new ModelFormatException(where, "assets", "vocabularies of " + source.vocabulary().size() + " and "
                    + target.vocabulary().size() + " tokens but the model expects " + spec.sourceVocabulary() + " and "
                    + spec.targetVocabulary());
        }
        TranslationModel model = TranslationModel.build(spec);
        Translator translator;
        try {
            model.training().setWeights(saved.getWeights());
            translator = new Translator(source, target, model, decoding);
        } catch (ConfigException | org.seq2seq4j.ShapeException e) {
            throw new ModelFormatException(where, "model", "does not match its translator settings: " + e.getMessage(),
                    e);
        }
        Map<String, Object> training = checkpoint && assets.get(TRAINER) != null ? object(assets, TRAINER, where) : null;
        return new Loaded(translator, saved, training);
    }

    private static String text(Assets assets, String name, String where) {
        byte[] b = assets.get(name);
        if (b == null) {
            throw new ModelFormatException(where, "assets/" + name, "missing");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> object(Assets assets, String name, String where) {
        byte[] b = assets.get(name);
        return map(Json.parse(b, where + " assets/" + name), where, "assets/" + name);
    }

    /** A parsed JSON object as plain maps and lists (the reader gives LayerConfig objects). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String where, String location) {
        if (!(plain(v) instanceof Map<?, ?> m)) {
            throw new ModelFormatException(where, location, "missing or not a JSON object");
        }
        return (Map<String, Object>) m;
    }

    private static Object plain(Object v) {
        if (v instanceof LayerConfig c) {
            Map<String, Object> out = new LinkedHashMap<>();
            c.asMap().forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
