package org.seq2seq4j.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.text.SentencePair;

/** Small seeded data for the translate tests: numbers spelt out digit by digit, "three one four" -> 314. */
final class Digits {
    private static final String[] NAMES = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    };

    private Digits() {
    }

    static List<SentencePair> pairs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SentencePair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(2);
            StringBuilder words = new StringBuilder();
            StringBuilder digits = new StringBuilder();
            for (int k = 0; k < len; k++) {
                int d = r.nextInt(10);
                words.append(k > 0 ? " " : "").append(NAMES[d]);
                digits.append(d);
            }
            out.add(new SentencePair(words.toString(), digits.toString(), i + 1));
        }
        return out;
    }
}
