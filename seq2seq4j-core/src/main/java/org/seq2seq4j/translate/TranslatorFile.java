package org.seq2seq4j.translate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.io.AtomicFiles;
import org.seq2seq4j.io.WeightsFile;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.text.Json;
import org.seq2seq4j.text.TextTokenizer;
import org.seq2seq4j.text.Vocabulary;

/**
 * The translator model file: a zip archive with {@code translator.json} (format, version, the
 * {@link ModelSpec} and the {@link DecodeSettings}), the assets {@code assets/source_tokenizer.json},
 * {@code assets/source_vocabulary.json}, {@code assets/target_tokenizer.json},
 * {@code assets/target_vocabulary.json}, the weights {@code model.weights.s2s} (the native weights
 * file, with the optimizer's state in checkpoints) and, in checkpoints, {@code training.json}.
 * Written to a temporary file and renamed atomically; read with every part checked, so a file that
 * is not a model, or a damaged one, is a {@link ModelFormatException}.
 *
 * <pre>{@code
 * TranslatorFile.write(Path.of("model.s2s"), translator, null);             // no training state
 * Translator back = TranslatorFile.read(Path.of("model.s2s"), false).translator();
 * }</pre>
 */
public final class TranslatorFile {
    static final String FORMAT = "seq2seq4j-translator";
    static final int VERSION = 1;
    private static final String MAIN = "translator.json";
    private static final String WEIGHTS = "model.weights.s2s";
    private static final String TRAINING = "training.json";
    private static final long MAX_ENTRY = 2L << 30;

    private TranslatorFile() {
    }

    /** What a checkpoint adds: the optimizer (its state is saved with the weights) and the trainer's state. */
    public record Checkpoint(Optimizer optimizer, Map<String, Object> training) {
    }

    /** A file read back: the translator, and in a checkpoint the trainer's state and the weights file bytes. */
    public record Loaded(Translator translator, Map<String, Object> training, byte[] weights) {
        /** Restores the optimizer's state saved in the checkpoint (the optimizer must belong to the model). */
        public void restore(Optimizer optimizer, Path file) {
            withTemporary(file, weights, tmp -> WeightsFile.load(translator.model().training(), optimizer, tmp));
        }
    }

    /** Writes {@code translator} (and the checkpoint, when not null) to {@code file}, atomically. */
    public static void write(Path file, Translator translator, Checkpoint checkpoint) {
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("format", FORMAT);
        main.put("version", VERSION);
        main.put("model", translator.model().spec().toMap());
        main.put("decoding", translator.defaults().toMap());
        byte[] weights = weightsBytes(file, translator, checkpoint);
        AtomicFiles.write(file, tmp -> {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                entry(zip, MAIN, Json.write(main));
                entry(zip, "assets/source_tokenizer.json", translator.source().tokenizer().toJson());
                entry(zip, "assets/source_vocabulary.json", translator.source().vocabulary().toJson());
                entry(zip, "assets/target_tokenizer.json", translator.target().tokenizer().toJson());
                entry(zip, "assets/target_vocabulary.json", translator.target().vocabulary().toJson());
                if (checkpoint != null && checkpoint.training() != null) {
                    entry(zip, TRAINING, Json.write(checkpoint.training()));
                }
                zip.putNextEntry(new ZipEntry(WEIGHTS));
                zip.write(weights);
                zip.closeEntry();
            }
        });
    }

    /** The native weights file of the model (with the optimizer's state in a checkpoint), as bytes. */
    private static byte[] weightsBytes(Path file, Translator translator, Checkpoint checkpoint) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("seq2seq4j-", WeightsFile.EXTENSION);
            Files.delete(tmp);
            WeightsFile.save(translator.model().training(), checkpoint == null ? null : checkpoint.optimizer(), tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new Seq2SeqException("cannot write the model file " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Reads a model file; {@code checkpoint} keeps the trainer's state and the weights bytes for a resume. */
    public static Loaded read(Path file, boolean checkpoint) {
        String where = file.toString();
        Map<String, byte[]> entries = entries(file);
        byte[] mainBytes = entries.get(MAIN);
        if (mainBytes == null || !entries.containsKey(WEIGHTS)) {
            throw new ModelFormatException(where, "file", "is not a seq2seq4j translator model (a zip with "
                    + MAIN + " and " + WEIGHTS + " was expected)");
        }
        Map<String, Object> main = Json.readObject(text(mainBytes), where + "!" + MAIN);
        if (!FORMAT.equals(main.get("format"))) {
            throw new ModelFormatException(where, "$.format", "expected \"" + FORMAT + "\" but found "
                    + main.get("format"));
        }
        if (!(main.get("version") instanceof Long v) || v != VERSION) {
            throw new ModelFormatException(where, "$.version", "expected " + VERSION + " but found "
                    + main.get("version") + "; this file was written by another version of seq2seq4j");
        }
        ModelSpec spec = ModelSpec.fromMap(object(main, "model", where), where + "!" + MAIN + " $.model");
        DecodeSettings decoding = DecodeSettings.fromMap(object(main, "decoding", where),
                where + "!" + MAIN + " $.decoding");
        TokenCodec source = new TokenCodec(TextTokenizer.fromJson(asset(entries, "source_tokenizer", where)),
                Vocabulary.fromJson(asset(entries, "source_vocabulary", where)));
        TokenCodec target = new TokenCodec(TextTokenizer.fromJson(asset(entries, "target_tokenizer", where)),
                Vocabulary.fromJson(asset(entries, "target_vocabulary", where)));
        if (source.vocabulary().size() != spec.sourceVocabulary()
                || target.vocabulary().size() != spec.targetVocabulary()) {
            throw new ModelFormatException(where, "assets", "vocabularies of " + source.vocabulary().size() + " and "
                    + target.vocabulary().size() + " tokens but the model expects " + spec.sourceVocabulary() + " and "
                    + spec.targetVocabulary());
        }
        TranslationModel model = TranslationModel.build(spec);
        byte[] weights = entries.get(WEIGHTS);
        withTemporary(file, weights, tmp -> WeightsFile.load(model.training(), tmp));
        Translator translator;
        try {
            translator = new Translator(source, target, model, decoding);
        } catch (org.seq2seq4j.ConfigException e) {
            throw new ModelFormatException(where, "assets", e.getMessage(), e);
        }
        Map<String, Object> training = null;
        if (checkpoint && entries.containsKey(TRAINING)) {
            training = Json.readObject(text(entries.get(TRAINING)), where + "!" + TRAINING);
        }
        return new Loaded(translator, training, checkpoint ? weights : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof Map)) {
            throw new ModelFormatException(where, "$." + key, "missing or not an object");
        }
        return (Map<String, Object>) m.get(key);
    }

    private static String asset(Map<String, byte[]> entries, String name, String where) {
        byte[] b = entries.get("assets/" + name + ".json");
        if (b == null) {
            throw new ModelFormatException(where, "assets/" + name + ".json", "missing");
        }
        return text(b);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Every entry's bytes, checked against the CRC-32 the zip's central directory records for it. */
    private static Map<String, byte[]> entries(Path file) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            throw new ModelFormatException(file.toString(), "file", "no such file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            java.util.Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (e.getSize() > MAX_ENTRY) {
                    throw new ModelFormatException(file.toString(), e.getName(), "entry larger than 2 GiB");
                }
                byte[] b;
                try (InputStream in = zip.getInputStream(e)) {
                    b = in.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(b);
                if (crc.getValue() != e.getCrc() || b.length != e.getSize()) {
                    throw new ModelFormatException(file.toString(), e.getName(), "damaged (its checksum or size "
                            + "does not match the archive's record)");
                }
                out.put(e.getName(), b);
            }
        } catch (ZipException e) {
            throw new ModelFormatException(file.toString(), "file", "is not a seq2seq4j translator model (not a zip "
                    + "archive, or a damaged one: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "file", "cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /** Runs {@code action} on a temporary copy of a weights file's bytes beside {@code file}. */
    private static void withTemporary(Path file, byte[] bytes, java.util.function.Consumer<Path> action) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("seq2seq4j-", WeightsFile.EXTENSION);
            Files.write(tmp, bytes);
            action.accept(tmp);
        } catch (IOException e) {
            throw new Seq2SeqException("cannot read the weights of " + file + ": " + e.getMessage(), e);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file.toString(), WEIGHTS + " " + e.location(), e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }
}
