package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The toy model the server tests use has learnt its task: it reverses words it never saw. */
class ToyModelTest {
    @Test
    void reversesWords() {
        long t0 = System.nanoTime();
        DecodingTextModel m = ToyModel.get();
        System.out.printf("toy model trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<String> words = List.of("abc", "fed", "cafe", "beef", "decaf", "faded", "bedded", "facade", "ace", "dab");
        List<TextResult> out = m.translate(words, TranslateOptions.greedy());
        int right = 0;
        for (int i = 0; i < words.size(); i++) {
            String want = new StringBuilder(words.get(i)).reverse().toString();
            System.out.println(words.get(i) + " -> " + out.get(i).nBest().get(0).text());
            right += out.get(i).nBest().get(0).text().equals(want) ? 1 : 0;
        }
        assertTrue(right >= 8, right + " of 10 words reversed");
        assertEquals(List.of("c", "a", "f", "e"), out.get(2).sourceTokens());
    }
}
