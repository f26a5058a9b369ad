package org.seq2seq4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.text.CharTokenizer;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.text.Vocabulary;

/** The Javadoc examples of the translate package, run as written. */
class TranslateDocExampleTest {
    @TempDir
    Path dir;

    @Test
    void architectureModelSpecAndDecodeSettings() {
        Architecture a = Architecture.of("attention");
        assertEquals(Architecture.ATTENTION, a);
        assertEquals("attention", a.cliName());
        ModelSpec spec = new ModelSpec(Architecture.ATTENTION, "lstm", 64, 1, 32, true, "bahdanau", 40, 14);
        ModelSpec same = ModelSpec.fromMap(spec.toMap(), "model.s2s");
        assertEquals(spec, same);
        assertEquals(128, spec.decoderUnits());
        DecodeSettings d = new DecodeSettings(5, 1, 1.5, 10);
        Decoder decoder = d.decoder();
        assertEquals(5, decoder.beamSize());
        assertEquals(d, DecodeSettings.fromMap(d.toMap(), "x"));
    }

    @Test
    void translationModelAndTokenCodec() {
        TranslationModel m = TranslationModel.build(new ModelSpec(Architecture.ATTENTION, "lstm", 32, 1, 16, true,
                "bahdanau", 20, 12));
        StepDecoder steps = m.stepDecoder();
        assertEquals(12, steps.outputSize());
        assertEquals(2, m.training().inputCount());
        Vocabulary v = Vocabulary.of(List.of("<pad>", "<unk>", "a", "b"), "<pad>", null, null, "<unk>");
        TokenCodec c = new TokenCodec(new CharTokenizer(), v);
        TokenCodec.Encoded e = c.encode("abz");
        assertArrayEquals(new int[] {2, 3, 1}, e.ids());
        assertEquals(List.of("z"), e.unknown());
    }

    @Test
    void trainerResultTranslatorAndFile() {
        List<SentencePair> pairs = List.of(new SentencePair("one", "1", 1), new SentencePair("two", "2", 2));
        TranslationTrainer trainer = new TranslationTrainer().units(16).embeddingDim(8).epochs(2).validationSplit(0);
        TrainingResult r = trainer.train(pairs);
        Translator translator = r.translator();
        assertEquals(2, r.history().size());
        assertTrue(r.history().get(1).get("loss") > 0);
        Path file = dir.resolve("model.s2s");
        TranslatorFile.write(file, translator, null);
        Translator back = TranslatorFile.read(file, false).translator();
        Translation t = back.translate("one");
        Candidate c = t.best();
        assertEquals(c.text(), t.text());
        assertEquals(translator.translate("one").text(), t.text());
        List<Translation> two = back.translate(List.of("one", "two"), Decoder.beam(4).nBest(2).returnAttention(true));
        assertEquals(2, two.get(1).candidates().size());
        assertEquals(3, two.get(0).best().attention()[0].length);
    }
}
