package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo model the server tests use has learnt its task: it reverses words it never saw (all
 * ten the tests send), and gives one attention distribution over the source per output token.
 */
class ToyModelTest {
    @Test
    void reversesWords() {
        long t0 = System.nanoTime();
        DecodingTextModel m = ToyModel.get();
        System.out.printf("demo model trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<String> words = List.of("abc", "fed", "cafe", "beef", "decaf", "faded", "bedded", "facade", "ace", "dab");
        List<TextResult> out = m.translate(words, new TranslateOptions(1, 1, true));
        for (int i = 0; i < words.size(); i++) {
            Translation t = out.get(i).nBest().get(0);
            assertEquals(new StringBuilder(words.get(i)).reverse().toString(), t.text(), words.get(i));
            assertEquals(words.get(i).length() + 1, t.attention().length, "a row per letter and the end token");
            for (float[] row : t.attention()) {
                double sum = 0;
                for (float v : row) {
                    assertTrue(v >= 0);
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-5);
            }
        }
        assertEquals(List.of("c", "a", "f", "e"), out.get(2).sourceTokens());
    }
}
