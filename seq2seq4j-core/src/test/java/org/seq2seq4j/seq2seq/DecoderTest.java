package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.tensor.Tensor;

/** Greedy, beam and sampling decoding on hand-built models whose sequence probabilities are known. */
class DecoderTest {
    private static final int END = 0, A = 1, B = 2, START = 3;
    /** From START: A .6, B .4; after A: END .4, A .3, B .3; after B: END .9, A .05, B .05. */
    private static final float[][] TABLE = {
        {1f, 0f, 0f, 0f},
        {.4f, .3f, .3f, 0f},
        {.9f, .05f, .05f, 0f},
        {0f, .6f, .4f, 0f},
    };
    private static final Tensor ONE_SOURCE = Tensor.zeros(1, 1);

    private static MarkovModel markov() {
        return new MarkovModel(TABLE, null);
    }

    private static Decoder base(Decoder d) {
        return d.startToken(START).endToken(END).maxLength(10);
    }

    @Test
    void greedyTakesTheLocallyBestTokenAndBeamFindsTheLikelierSequence() {
        Hypothesis g = base(Decoder.greedy()).decode(markov(), ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {A}, g.tokens());
        assertEquals(Math.log(.6) + Math.log(.4), g.score(), 1e-6);       // A then END: .24
        Hypothesis b = base(Decoder.beam(2)).decode(markov(), ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {B}, b.tokens());
        assertEquals(Math.log(.4) + Math.log(.9), b.score(), 1e-6);       // B then END: .36 > .24
        assertTrue(b.score() > g.score());
    }

    @Test
    void nBestListsAreSortedAndDistinct() {
        List<Hypothesis> n = base(Decoder.beam(4)).nBest(4).lengthPenalty(LengthPenalty.none()).decode(markov(), ONE_SOURCE).get(0);
        assertEquals(4, n.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            assertTrue(seen.add(java.util.Arrays.toString(n.get(i).tokens())), "distinct");
            if (i > 0) {
                assertTrue(n.get(i - 1).normalizedScore() >= n.get(i).normalizedScore(), "sorted");
            }
        }
        // by hand: B END .36, A END .24, A A END .6·.3·.4 = .072, A B END .6·.3·.9 = .162
        assertArrayEquals(new int[] {B}, n.get(0).tokens());
        assertArrayEquals(new int[] {A}, n.get(1).tokens());
        assertArrayEquals(new int[] {A, B}, n.get(2).tokens());
        assertEquals(Math.log(.162), n.get(2).score(), 1e-6);
    }

    @Test
    void lengthPenaltiesMatchTheirFormulas() {
        assertEquals(-6.0, LengthPenalty.none().normalize(-6.0, 3), 0);
        assertEquals(-2.0, LengthPenalty.average(1.0).normalize(-6.0, 3), 1e-12);
        assertEquals(-6.0 / Math.pow(3, 0.6), LengthPenalty.average(0.6).normalize(-6.0, 3), 1e-12);
        assertEquals(-3.0, LengthPenalty.gnmt(1.0).normalize(-6.0, 7), 1e-12);          // (5 + 7) / 6 = 2
        assertEquals(-6.0 / Math.pow(2, 0.6), LengthPenalty.gnmt(0.6).normalize(-6.0, 7), 1e-12);
        // a longer hypothesis wins under a length penalty: START -> A .5 END .5; A -> A .98 ... then END
        float[][] t = {{1f, 0f, 0f, 0f}, {0.02f, .98f, 0f, 0f}, {1f, 0f, 0f, 0f}, {.5f, .5f, 0f, 0f}};
        MarkovModel m = new MarkovModel(t, null);
        Hypothesis raw = Decoder.beam(3).startToken(START).endToken(END).maxLength(3).lengthPenalty(LengthPenalty.none())
                .decode(m, ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {}, raw.tokens());                     // END at once: .5
        Hypothesis avg = Decoder.beam(3).startToken(START).endToken(END).maxLength(3).lengthPenalty(LengthPenalty.average(1))
                .decode(m, ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {A, A, A}, avg.tokens());              // log(.5·.98·.98)/3 = -0.244 > log(.5)/1 = -0.693
        assertEquals(Math.log(.5 * .98 * .98) / 3, avg.normalizedScore(), 1e-6);
    }

    @Test
    void minLengthMaxLengthAndNoRepeatHold() {
        Hypothesis min = base(Decoder.greedy()).minLength(3).decode(markov(), ONE_SOURCE).get(0).get(0);
        // END is masked until 3 tokens came: A, then A twice (.3 ties B .3: the lower id), then END
        assertArrayEquals(new int[] {A, A, A}, min.tokens());
        float[][] loop = {{1f, 0f, 0f, 0f}, {0f, .9f, .1f, 0f}, {0f, .9f, .1f, 0f}, {0f, .9f, .1f, 0f}};
        Hypothesis capped = Decoder.greedy().startToken(START).endToken(END).maxLength(4).decode(new MarkovModel(loop, null),
                ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {A, A, A, A}, capped.tokens());
        Hypothesis relative = Decoder.greedy().startToken(START).endToken(END).maxLength(2.0, 1)
                .decode(new MarkovModel(loop, null), Tensor.zeros(1, 3)).get(0).get(0);
        assertEquals(2 * 3 + 1, relative.tokens().length);       // source length 3
        Hypothesis noRepeat = Decoder.greedy().startToken(START).endToken(END).maxLength(4).noRepeatNgramSize(2)
                .decode(new MarkovModel(loop, null), ONE_SOURCE).get(0).get(0);
        assertArrayEquals(new int[] {A, A, B, A}, noRepeat.tokens());   // a second "A A" is banned, so B, then A
    }

    @Test
    void samplingIsReproducibleAndTopOneIsGreedy() {
        List<Hypothesis> first = new ArrayList<>();
        List<Hypothesis> second = new ArrayList<>();
        Tensor many = Tensor.zeros(20, 1);
        for (List<Hypothesis> h : Decoder.sample(1.0, 0, 7).startToken(START).endToken(END).maxLength(10).decode(markov(), many)) {
            first.add(h.get(0));
        }
        for (List<Hypothesis> h : Decoder.sample(1.0, 0, 7).startToken(START).endToken(END).maxLength(10).decode(markov(), many)) {
            second.add(h.get(0));
        }
        assertEquals(first, second);
        assertNotEquals(1, first.stream().map(h -> java.util.Arrays.toString(h.tokens())).distinct().count(),
                "twenty draws are not all the same");
        Hypothesis top1 = Decoder.sample(0.5, 1, 3).startToken(START).endToken(END).maxLength(10).decode(markov(), ONE_SOURCE)
                .get(0).get(0);
        assertEquals(base(Decoder.greedy()).decode(markov(), ONE_SOURCE).get(0).get(0), top1);
    }

    @Test
    void attentionRowsAndCoveragePenalty() {
        float[] att = {.7f, .2f, .1f};
        MarkovModel m = new MarkovModel(TABLE, att);
        Hypothesis h = base(Decoder.beam(2)).returnAttention(true).decode(m, ONE_SOURCE).get(0).get(0);
        assertEquals(2, h.attention().length);                  // B, END
        assertArrayEquals(att, h.attention()[1]);
        assertNull(base(Decoder.beam(2)).decode(m, ONE_SOURCE).get(0).get(0).attention());
        Hypothesis cp = base(Decoder.beam(2)).coveragePenalty(0.5).lengthPenalty(LengthPenalty.none()).decode(m, ONE_SOURCE)
                .get(0).get(0);
        // two steps of [.7, .2, .1]: coverage [1.4, .4, .2] -> log(min(c, 1)) = 0 + log .4 + log .2
        assertEquals(Math.log(.36) + 0.5 * (Math.log(.4) + Math.log(.2)), cp.normalizedScore(), 1e-5);
        assertThrows(ConfigException.class, () -> base(Decoder.beam(2)).coveragePenalty(0.5).decode(markov(), ONE_SOURCE));
    }

    @Test
    void badArgumentsAreTypedErrors() {
        assertEquals("beamSize", assertThrows(ConfigException.class, () -> Decoder.beam(0)).argument());
        assertEquals("maxLength", assertThrows(ConfigException.class, () -> Decoder.greedy().maxLength(0)).argument());
        ConfigException end = assertThrows(ConfigException.class, () -> Decoder.greedy().endToken(4).decode(markov(), ONE_SOURCE));
        assertTrue(end.getMessage().contains("[0, 4)") && end.getMessage().contains("4"), end.getMessage());
        assertThrows(ConfigException.class, () -> Decoder.greedy().startToken(9).decode(markov(), ONE_SOURCE));
        assertThrows(ConfigException.class, () -> Decoder.greedy().decode(null, ONE_SOURCE));
        assertThrows(ConfigException.class, () -> Decoder.beam(2).nBest(3));
        assertThrows(ConfigException.class, () -> Decoder.sample(0, 0, 1));
    }
}
