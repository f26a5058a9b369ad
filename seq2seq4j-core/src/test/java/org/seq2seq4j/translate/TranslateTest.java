package org.seq2seq4j.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.callbacks.Callback;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.text.SentencePair;

/**
 * The translate package end to end on a small seeded task (numbers spelt out digit by digit): training
 * reaches its exact match,
 * a model file gives back the same translations, batches decode as single sentences, an
 * interrupted run resumes to the weights of an uninterrupted one, and bad files fail cleanly.
 */
class TranslateTest {
    private static final List<SentencePair> DATA = Digits.pairs(900, 5);
    private static final List<SentencePair> TEST = Digits.pairs(100, 6);
    private static Translator trained;

    @TempDir
    Path dir;

    private static TranslationTrainer small() {
        return new TranslationTrainer().units(32).embeddingDim(16).learningRate(0.005).batchSize(32).seed(3)
                .validationSplit(0.05);
    }

    @BeforeAll
    static void train() {
        trained = small().epochs(10).train(DATA).translator();
    }

    private static List<String> sources(List<SentencePair> pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p.source()));
        return out;
    }

    @Test
    void aSmallAttentionModelLearnsTheTask() {
        List<Translation> out = trained.translate(sources(TEST));
        int exact = 0;
        for (int i = 0; i < TEST.size(); i++) {
            exact += out.get(i).text().equals(TEST.get(i).target()) ? 1 : 0;
        }
        // an untrained model gets none right; ten epochs on 855 pairs get most of them
        assertTrue(exact >= 80, exact + "/100 exact");
    }

    @Test
    void aBatchDecodesAsItsSentencesAlone() {
        List<String> src = sources(TEST.subList(0, 12));
        List<Translation> batch = trained.translate(src, trained.decoder().returnAttention(true));
        for (int i = 0; i < src.size(); i++) {
            Translation alone = trained.translate(List.of(src.get(i)), trained.decoder().returnAttention(true)).get(0);
            assertEquals(alone.text(), batch.get(i).text(), src.get(i));
            assertEquals(alone.best().score(), batch.get(i).best().score(), 1e-4, src.get(i));
            float[][] a = batch.get(i).best().attention();
            assertEquals(batch.get(i).best().tokens().size() + 1, a.length, "one row per token and the end token");
            for (float[] row : a) {
                assertEquals(batch.get(i).sourceTokens().size(), row.length);
                double sum = 0;
                for (float w : row) {
                    sum += w;
                }
                assertEquals(1.0, sum, 1e-4, "attention over the sentence's own tokens sums to 1 (padding gets 0)");
            }
        }
    }

    @Test
    void beamSearchGivesTheNBestSortedByScore() {
        Translation t = trained.translate(List.of("three one four"), Decoder.beam(4).nBest(3)).get(0);
        assertEquals(3, t.candidates().size());
        assertFalse(t.candidates().get(0).text().equals(t.candidates().get(1).text()), "distinct hypotheses");
    }

    @Test
    void unknownCharactersAreReadAsTheOovToken() {
        Translation t = trained.translate("three ♥ four");
        assertEquals(List.of("♥"), t.unknownTokens());
        assertEquals("<unk>", trained.source().vocabulary().oovToken());
    }

    @Test
    void theModelFileGivesBackTheSameTranslations() throws Exception {
        Path file = dir.resolve("dates.s2s");
        trained.save(file);
        Translator back = Translator.load(file);
        List<String> src = sources(TEST.subList(0, 20));
        List<Translation> a = trained.translate(src);
        List<Translation> b = back.translate(src);
        for (int i = 0; i < src.size(); i++) {
            assertEquals(a.get(i).text(), b.get(i).text());
            assertEquals(a.get(i).best().score(), b.get(i).best().score(), 0.0);
        }
        assertEquals(trained.source().vocabulary(), back.source().vocabulary());
        assertEquals(trained.defaults(), back.defaults());
    }

    @Test
    void damagedOrForeignFilesAreModelFormatErrors() throws Exception {
        Path file = dir.resolve("m.s2s");
        trained.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.s2s");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(ModelFormatException.class, () -> Translator.load(cut));
        Path text = dir.resolve("text.s2s");
        Files.writeString(text, "hello\tbonjour\n");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Translator.load(text));
        assertTrue(e.getMessage().contains("not a seq2seq4j model"), e.getMessage());
        assertThrows(ModelFormatException.class, () -> Translator.load(dir.resolve("missing.s2s")));
        Path plain = dir.resolve("plain.s2s");
        new org.seq2seq4j.models.Sequential().add(new org.seq2seq4j.layers.Dense(2).inputShape(3)).save(plain);
        ModelFormatException notTranslator = assertThrows(ModelFormatException.class, () -> Translator.load(plain));
        assertTrue(notTranslator.getMessage().contains("not a translator"), notTranslator.getMessage());
        // entry data, and the central directory's offset in the end record
        for (int at : new int[] {80, bytes.length / 3, 2 * bytes.length / 3, bytes.length - 5}) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x5a;
            Path bad = dir.resolve("flip" + at + ".s2s");
            Files.write(bad, flipped);
            assertThrows(ModelFormatException.class, () -> Translator.load(bad), "byte " + at + " flipped");
        }
    }

    @Test
    void translateMayRunOnSeveralThreadsAtOnce() throws Exception {
        List<String> src = sources(TEST.subList(0, 30));
        List<Translation> alone = trained.translate(src);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<Translation>>> futures = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                futures.add(pool.submit(() -> trained.translate(src)));
            }
            for (Future<List<Translation>> f : futures) {
                List<Translation> got = f.get();
                for (int i = 0; i < src.size(); i++) {
                    assertEquals(alone.get(i).text(), got.get(i).text());
                    assertEquals(alone.get(i).best().score(), got.get(i).best().score(), 0.0);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anInterruptedRunResumesToTheWeightsOfAnUninterruptedOne() throws Exception {
        List<SentencePair> data = DATA.subList(0, 200);
        List<Tensor> straight = small().epochs(2).train(data).translator().model().training().getWeights();
        Path ckpt = dir.resolve("ckpt.s2s");
        TranslationTrainer first = small().epochs(2).checkpoint(ckpt);
        first.callbacks(new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (batch == 2) {
                    first.requestStop();                          // mid-epoch, as Ctrl-C does
                }
            }
        });
        TrainingResult stopped = first.train(data);
        assertTrue(stopped.interrupted());
        assertTrue(first.awaitStopped(0));
        TrainingResult resumed = small().epochs(2).checkpoint(ckpt).resume(true).train(data);
        assertFalse(resumed.interrupted());
        assertEquals(2, resumed.history().size());
        List<Tensor> after = resumed.translator().model().training().getWeights();
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).data(), after.get(i).data(), "weight " + i);
        }
    }

    @Test
    void theKerasExampleModelHasItsParameterCount() {
        // the Keras lstm_seq2seq example on the first 10,000 fra-eng lines: 71 and 90 tokens, latent 256
        // has 714,330 trainable parameters (as Keras's model.summary() counts them)
        ModelSpec spec = new ModelSpec(Architecture.LSTM_SEQ2SEQ, "lstm", 256, 1, 1, false, null, 71, 90);
        assertEquals(714_330, TranslationModel.build(spec).training().countParams());
    }

    @Test
    void theKerasExampleFormPadsToTheLongestAndFeedsTheEndToken() {
        List<SentencePair> pairs = List.of(new SentencePair("ab", "xy", 1), new SentencePair("a", "x", 2));
        TrainingResult r = new TranslationTrainer().architecture(Architecture.LSTM_SEQ2SEQ).bidirectional(false)
                .units(4).epochs(1).validationSplit(0).train(pairs);
        Translator t = r.translator();
        // '\t' + "xy" + '\n': decoder length 4; target vocabulary [\t, \n, x, y] sorted as the example
        assertEquals(List.of("\t", "\n", "x", "y"), t.target().vocabulary().tokens());
        ParallelData d = new ParallelData(pairs, t.source(), t.target(), t.model(), false, null);
        assertArrayEquals(new int[] {2, 4}, d.lengths());
        ParallelData.Batch b = d.batch(new int[] {1});
        // sample "x": decoder input \t x \n (zero row), target x \n (zero row) (zero row)
        float[] in = b.x().get(1).data();
        float[] y = b.y().data();
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0}, in);
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, y);
        assertEquals(2, b.targetTokens());
    }
}
