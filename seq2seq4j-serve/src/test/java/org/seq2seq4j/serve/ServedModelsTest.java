package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.TranslationTrainer;
import org.seq2seq4j.translate.Translator;

/**
 * Model files as the server loads them: a saved .s2s and an exported .keras serve as tensor models
 * under their Keras names and compute what the model computes (x·W + b by hand); a damaged file is a
 * ModelFormatException; a model's name is its file name without the extension.
 */
class ServedModelsTest {
    @TempDir
    Path dir;

    @Test
    void nativeAndKerasFilesServeAsTensorModels() {
        Path s2s = dir.resolve("affine.s2s");
        Path keras = dir.resolve("affine.keras");
        ModelServerTest.affine().save(s2s);
        KerasModels.save(ModelServerTest.affine(), keras);
        for (Path file : List.of(s2s, keras)) {
            TensorModel m = (TensorModel) ServedModels.load(file);
            assertEquals(ModelMetadata.Kind.TENSOR, m.metadata().kind());
            assertEquals("features", m.metadata().inputs().get(0).name());
            assertEquals("scores", m.metadata().outputs().get(0).name());
            Tensor y = m.infer(Map.of("features", Tensor.of(new float[] {1, 0, 2}, 1, 3))).get("scores");
            assertEquals(11.5f, y.data()[0], 1e-5f, file.toString());
            assertEquals(13.5f, y.data()[1], 1e-5f, file.toString());
        }
        assertEquals("affine", ServedModels.defaultName(s2s));
        assertEquals("model", ServedModels.defaultName(Path.of("tfjs/model.json")));
    }

    @Test
    void aTranslatorFileServesAsATextModelWithTheTranslatorsOutputs() {
        List<SentencePair> pairs = new java.util.ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 300; i++) {
            StringBuilder w = new StringBuilder();
            for (int k = 0; k < 2 + r.nextInt(4); k++) {
                w.append((char) ('a' + r.nextInt(6)));
            }
            pairs.add(new SentencePair(w.toString(), w.reverse().toString(), i + 1));
        }
        Translator trained = new TranslationTrainer().units(24).embeddingDim(12).learningRate(0.01).batchSize(32).seed(3)
                .validationSplit(0.05).epochs(3).train(pairs).translator();
        Path file = dir.resolve("rev.s2s");
        trained.save(file);
        TextModel m = (TextModel) ServedModels.load(file);
        assertEquals(ModelMetadata.Kind.TEXT, m.metadata().kind());
        List<String> texts = List.of("abc", "fedca", "bb");
        List<TextResult> served = m.translate(texts, new TranslateOptions(3, 2, true));
        List<Translation> direct = trained.translate(texts, org.seq2seq4j.seq2seq.Decoder.beam(3).nBest(2)
                .maxLength(trained.defaults().maxLengthA(), trained.defaults().maxLengthB()).returnAttention(true));
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(direct.get(i).sourceTokens(), served.get(i).sourceTokens());
            assertEquals(2, served.get(i).nBest().size());
            for (int k = 0; k < 2; k++) {
                assertEquals(direct.get(i).candidates().get(k).text(), served.get(i).nBest().get(k).text());
                assertEquals(direct.get(i).candidates().get(k).score(), served.get(i).nBest().get(k).score(), 1e-6);
            }
            assertEquals(direct.get(i).candidates().get(0).attention().length, served.get(i).nBest().get(0).attention().length);
        }
    }

    @Test
    void damagedAndUnknownFilesAreRefused() throws Exception {
        Path s2s = dir.resolve("cut.s2s");
        ModelServerTest.affine().save(s2s);
        byte[] whole = Files.readAllBytes(s2s);
        Files.write(s2s, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThrows(ModelFormatException.class, () -> ServedModels.load(s2s));
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hello");
        ConfigException e = assertThrows(ConfigException.class, () -> ServedModels.load(txt));
        assertEquals("model file", e.argument());
    }
}
