package org.seq2seq4j.spark;

import java.util.List;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.tensor.Tensor;

/**
 * A small Keras lstm_seq2seq model (one-hot sources of 7 tokens, targets of 6, 8 units) trained
 * with Adam (learning rate 0.01) on categorical crossentropy, and random one-hot examples for it
 * (sources of 5 steps, targets of 4).
 */
final class Seq2seqFixture {
    static final CharTranslator.Spec SPEC = new CharTranslator.Spec(7, 6, 8);

    private Seq2seqFixture() {
    }

    /** The model with weights from {@code seed}. */
    static Functional model(long seed) {
        Seq2Seq4j.seed(seed);
        return unseeded();
    }

    /** The model without touching the global seed (what executors build; their weights are overwritten). */
    static Functional unseeded() {
        Functional m = CharTranslator.architecture(SPEC);
        m.compile(new Adam().learningRate(0.01), Losses.get("categorical_crossentropy"));
        return m;
    }

    static List<Example> examples(int n, long seed) {
        return Seq2seqData.examples(SPEC, n, 5, 4, seed);
    }

    /** Batch tensors of examples, {@code [encoder input, decoder input, target]}. */
    static Tensor[] stack(List<Example> batch) {
        return Example.stack(batch, b -> "example " + b);
    }

    static List<float[]> weights(Model m) {
        return m.trainableWeights().stream().map(v -> v.value().data().clone()).toList();
    }
}
