package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A functional encoder-decoder with Keras's AdditiveAttention over the encoder outputs, decoded
 * through its inference models: each step's attention rows are the layer's scores, and the
 * decoded tokens are the argmax of the training model run on those tokens (teacher-forced).
 */
class KerasAttentionDecodingTest {
    private static final int SRC = 7, TGT = 6, UNITS = 8, START = 0, END = 1, T = 5, STEPS = 6;

    @Test
    void attentionRowsAreTheLayersScoresAndGreedyIsConsistentWithTheTrainingModel() {
        Seq2Seq4j.seed(21);
        LSTM encoder = new LSTM(UNITS).returnSequences(true).returnState(true);
        LSTM decoder = new LSTM(UNITS).returnSequences(true).returnState(true);
        AdditiveAttention attention = new AdditiveAttention().returnAttentionScores(true);
        Dense dense = new Dense(TGT).activation("softmax");
        KerasTensor encIn = Input.of(Shape.UNKNOWN, SRC);
        List<KerasTensor> enc = encoder.applyAll(encIn);
        KerasTensor decIn = Input.of(Shape.UNKNOWN, TGT);
        KerasTensor decOut = decoder.apply(decIn, enc.get(1), enc.get(2));
        List<KerasTensor> att = attention.applyAll(decOut, enc.get(0));
        Functional training = Model.of(List.of(encIn, decIn), List.of(dense.apply(new Concatenate(-1).apply(decOut, att.get(0)))));

        Functional encoderModel = Model.of(List.of(encIn), List.of(enc.get(0), enc.get(1), enc.get(2)));
        KerasTensor h = Input.of(UNITS);
        KerasTensor c = Input.of(UNITS);
        KerasTensor memory = Input.of(Shape.UNKNOWN, UNITS);
        List<KerasTensor> step = decoder.applyAll(decIn, h, c);
        List<KerasTensor> stepAtt = attention.applyAll(step.get(0), memory);
        KerasTensor probs = dense.apply(new Concatenate(-1).apply(step.get(0), stepAtt.get(0)));
        Functional decoderModel = Model.of(List.of(decIn, h, c, memory), List.of(probs, step.get(1), step.get(2), stepAtt.get(1)));
        StepDecoder dec = KerasStepDecoder.ofModels(encoderModel, decoderModel, 2);

        Tensor x = Tensor.random(Shape.of(2, T, SRC), 4);
        List<List<Hypothesis>> out = Decoder.greedy().startToken(START).endToken(-1).maxLength(STEPS).returnAttention(true)
                .decode(dec, x);
        for (int b = 0; b < 2; b++) {
            Hypothesis hyp = out.get(b).get(0);
            assertEquals(STEPS, hyp.tokens().length);
            // teacher-force the decoded tokens (start token first) through the training model
            float[] forced = new float[STEPS * TGT];
            int prev = START;
            for (int t = 0; t < STEPS; t++) {
                forced[t * TGT + prev] = 1f;
                prev = hyp.tokens()[t];
            }
            Tensor xb = Tensor.of(java.util.Arrays.copyOfRange(x.data(), b * T * SRC, (b + 1) * T * SRC), 1, T, SRC);
            List<Tensor> full = training.predictAll(List.of(xb, Tensor.of(forced, 1, STEPS, TGT)), 1);
            Tensor scores = attentionScores(att, xb, Tensor.of(forced, 1, STEPS, TGT), encIn, decIn);
            for (int t = 0; t < STEPS; t++) {
                int best = 0;
                for (int k = 1; k < TGT; k++) {
                    if (full.get(0).data()[t * TGT + k] > full.get(0).data()[t * TGT + best]) {
                        best = k;
                    }
                }
                assertEquals(best, hyp.tokens()[t], "sentence " + b + " step " + t);
                assertAllClose(Tensor.of(java.util.Arrays.copyOfRange(scores.data(), t * T, (t + 1) * T), T),
                        Tensor.of(hyp.attention()[t], T), 1e-5, "attention of step " + t);
            }
        }
        assertArrayEquals(out.get(0).get(0).tokens(), Decoder.beam(1).startToken(START).endToken(-1).maxLength(STEPS)
                .decode(dec, x).get(0).get(0).tokens());
    }

    /** The attention scores (1, STEPS, T) of the training graph on teacher-forced input. */
    private static Tensor attentionScores(List<KerasTensor> att, Tensor x, Tensor forced, KerasTensor encIn,
                                          KerasTensor decIn) {
        Functional scores = Model.of(List.of(encIn, decIn), List.of(att.get(1)));
        return scores.predictAll(List.of(x, forced), 1).get(0);
    }
}
