package org.seq2seq4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A small Keras lstm_seq2seq model (one-hot sources of 7 tokens, targets of 6, 8 units) trained
 * with Adam on categorical crossentropy, and random one-hot examples for it.
 */
final class Seq2seqFixture {
    static final int SRC = 7, TGT = 6, UNITS = 8, SRC_LEN = 5, TGT_LEN = 4;

    private Seq2seqFixture() {
    }

    /** The model with weights from {@code seed}, compiled with Adam (learning rate 0.01). */
    static Functional model(long seed) {
        Seq2Seq4j.seed(seed);
        return unseeded();
    }

    /** The model without touching the global seed (what executors build; their weights are overwritten). */
    static Functional unseeded() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, SRC);
        List<KerasTensor> enc = new LSTM(UNITS).returnState(true).applyAll(encoderInputs);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, TGT);
        KerasTensor out = new LSTM(UNITS).returnSequences(true).returnState(true)
                .apply(decoderInputs, enc.get(1), enc.get(2));
        Functional m = Model.of(List.of(encoderInputs, decoderInputs),
                List.of(new Dense(TGT).activation("softmax").apply(out)));
        m.compile(new Adam().learningRate(0.01), Losses.get("categorical_crossentropy"));
        return m;
    }

    /** {@code n} examples: source (5, 7), decoder input (4, 6) and target (4, 6), all one-hot. */
    static List<Example> examples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Example.of(List.of(oneHot(r, SRC_LEN, SRC), oneHot(r, TGT_LEN, TGT)), List.of(oneHot(r, TGT_LEN, TGT))));
        }
        return out;
    }

    private static Tensor oneHot(SplittableRandom r, int steps, int width) {
        float[] x = new float[steps * width];
        for (int t = 0; t < steps; t++) {
            x[t * width + r.nextInt(width)] = 1f;
        }
        return Tensor.of(x, steps, width);
    }

    /** Batch tensors of examples, {@code [encoder input, decoder input, target]}. */
    static Tensor[] stack(List<Example> batch) {
        return Example.stack(batch, b -> "example " + b);
    }

    static List<float[]> weights(Model m) {
        return m.trainableWeights().stream().map(v -> v.value().data().clone()).toList();
    }
}
