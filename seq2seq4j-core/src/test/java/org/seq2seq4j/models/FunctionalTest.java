package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import static org.seq2seq4j.testing.TestData.oneHot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** The functional API, checked by exact identities between graphs that must compute the same thing. */
class FunctionalTest {
    private static final int ENC_TOKENS = 7;
    private static final int DEC_TOKENS = 6;
    private static final int LATENT = 8;

    /**
     * The Keras lstm_seq2seq example, line for line: a training model, then an encoder model and a
     * one-step decoder model built from the trained layers. Decoding the teacher-forced decoder input
     * one step at a time with the inference models must give the training model's outputs.
     */
    @Test
    void lstmSeq2SeqInferenceModelsReproduceTheTrainingModel() {
        Seq2Seq4j.seed(5);
        // training model
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, ENC_TOKENS);
        LSTM encoder = new LSTM(LATENT).returnState(true);
        List<KerasTensor> encoderOutputs = encoder.applyAll(encoderInputs);
        List<KerasTensor> encoderStates = encoderOutputs.subList(1, 3);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, DEC_TOKENS);
        LSTM decoderLstm = new LSTM(LATENT).returnSequences(true).returnState(true);
        KerasTensor decoderOutputs = decoderLstm.apply(decoderInputs, encoderStates.get(0), encoderStates.get(1));
        Dense decoderDense = new Dense(DEC_TOKENS).activation(ActivationFunction.SOFTMAX);
        KerasTensor probs = decoderDense.apply(decoderOutputs);
        Model model = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
        model.compile("rmsprop", "categorical_crossentropy", "accuracy");

        Tensor encX = oneHot(16, 5, ENC_TOKENS, 1);
        Tensor decX = oneHot(16, 4, DEC_TOKENS, 2);
        Tensor decY = oneHot(16, 4, DEC_TOKENS, 3);
        model.fit(List.of(encX, decX), decY, new FitOptions().batchSize(8).epochs(2).verbose(0));

        // inference models
        Model encoderModel = Model.of(List.of(encoderInputs), encoderStates);
        KerasTensor stateH = Input.of(LATENT);
        KerasTensor stateC = Input.of(LATENT);
        List<KerasTensor> step = decoderLstm.applyAll(decoderInputs, stateH, stateC);
        KerasTensor stepProbs = decoderDense.apply(step.get(0));
        Model decoderModel = Model.of(List.of(decoderInputs, stateH, stateC), List.of(stepProbs, step.get(1), step.get(2)));

        Tensor expected = model.predictAll(List.of(encX, decX), 16).get(0);        // (16, 4, DEC_TOKENS)
        List<Tensor> states = encoderModel.predictAll(List.of(encX), 16);
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        for (int t = 0; t < 4; t++) {
            Tensor x = Tensor.zeros(16, 1, DEC_TOKENS);
            for (int b = 0; b < 16; b++) {
                System.arraycopy(decX.data(), (b * 4 + t) * DEC_TOKENS, x.data(), b * DEC_TOKENS, DEC_TOKENS);
            }
            List<Tensor> out = decoderModel.predictAll(List.of(x, h, c), 16);
            for (int b = 0; b < 16; b++) {
                for (int j = 0; j < DEC_TOKENS; j++) {
                    assertEquals(expected.get(b, t, j), out.get(0).get(b, 0, j), 1e-5, "step " + t + " row " + b);
                }
            }
            h = out.get(1);
            c = out.get(2);
        }
        assertSame(encoder.weights().get(0), encoderModel.weights().get(0), "inference models share the trained weights");
        assertEquals(model.countParams() - decoderDense.countParams() - decoderLstm.countParams(), encoderModel.countParams());
    }

    @Test
    void sharedLayerCalledTwiceSharesWeightsAndSummaryShowsConnections() {
        Layer.resetNames();
        KerasTensor a = Input.of("a", 3);
        KerasTensor b = Input.of("b", 3);
        Dense shared = new Dense(2);
        KerasTensor ya = shared.apply(a);
        KerasTensor yb = shared.apply(b);
        Functional m = Model.of(List.of(a, b), List.of(ya, yb));
        assertEquals(8, m.countParams());
        List<Tensor> out = m.predictAll(List.of(Tensor.of(new float[] {1, 2, 3}, 1, 3), Tensor.of(new float[] {1, 2, 3}, 1, 3)), 1);
        assertArrayEquals(out.get(0).data(), out.get(1).data());
        String s = Summary.render(m);
        assertTrue(s.contains("┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃ Connected to           ┃"), s);
        assertTrue(s.contains("│ a (InputLayer)                  │ (None, 3)              │             0 │ -                      │"), s);
        assertTrue(s.contains("│ dense (Dense)                   │ (None, 2)              │             8 │ a[0][0],               │"), s);
        assertTrue(s.contains("│                                 │                        │               │ b[0][0]                │"), s);
    }

    @Test
    void modelUsedAsALayer() {
        KerasTensor x = Input.of(4);
        Model inner = Model.of(x, new Dense(3).activation(ActivationFunction.TANH).apply(x));
        KerasTensor y = Input.of(4);
        Model outer = Model.of(y, new Dense(2).apply(inner.apply(y)));
        Tensor v = Tensor.random(Shape.of(5, 4), 1);
        Tensor hidden = inner.predict(v);
        Dense last = (Dense) outer.layers().get(2);
        assertAllClose(last.apply(hidden), outer.predict(v), 1e-6, "outer = last(inner(x))");
        assertEquals(inner.countParams() + 8, outer.countParams());
    }

    @Test
    void statefulLayerInAGraphCarriesStatesAcrossCalls() {
        KerasTensor x = Input.ofBatchShape(2, 3, 4);
        LSTM lstm = new LSTM(5).stateful(true).returnSequences(true);
        Model m = Model.of(x, lstm.apply(x));
        Tensor whole = Tensor.random(Shape.of(2, 6, 4), 3);
        Tensor first = Tensor.zeros(2, 3, 4);
        Tensor second = Tensor.zeros(2, 3, 4);
        for (int b = 0; b < 2; b++) {
            System.arraycopy(whole.data(), b * 24, first.data(), b * 12, 12);
            System.arraycopy(whole.data(), b * 24 + 12, second.data(), b * 12, 12);
        }
        Tensor y1 = m.predict(first, 2);
        Tensor y2 = m.predict(second, 2);
        m.resetStates();
        LSTM plain = new LSTM(5).returnSequences(true);
        plain.build(whole.shape());
        plain.setWeights(lstm.getWeights());
        Tensor expected = plain.apply(whole);
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                for (int j = 0; j < 5; j++) {
                    float got = t < 3 ? y1.get(b, t, j) : y2.get(b, t - 3, j);
                    assertEquals(expected.get(b, t, j), got, 1e-6, "b" + b + " t" + t);
                }
            }
        }
        assertAllClose(y1, m.predict(first, 2), 1e-7, "after resetStates the first half again");
    }

    @Test
    void valueMaskFromAnEmbeddingReachesAttentionInAGraph() {
        KerasTensor query = Input.of(2, 4);
        KerasTensor ids = Input.of(3);
        Embedding embedding = new Embedding(5, 4).maskZero(true);
        Attention attention = new Attention();
        KerasTensor values = embedding.apply(ids);
        Model m = Model.of(List.of(query, ids), List.of(attention.apply(query, values)));
        Tensor q = Tensor.random(Shape.of(1, 2, 4), 1);
        Tensor id = Tensor.of(new float[] {3, 1, 0}, 1, 3);       // the third value is padding
        Tensor v = embedding.apply(id);
        Tensor expected = attention.call(CallContext.inference(), new Tensor[] {null, Tensor.of(new float[] {1, 1, 0}, 1, 3)}, q, v)[0];
        assertAllClose(expected, m.predictAll(List.of(q, id), 1).get(0), 1e-7, "masked attention in a graph");
        Tensor unmasked = attention.apply(q, v);
        assertTrue(Math.abs(unmasked.get(0, 0, 0) - expected.get(0, 0, 0)) > 1e-4, "the mask changes the result");
    }

    @Test
    void integerInputsTakeWholeNumbersOnly() {
        KerasTensor ids = Input.of("tokens", DType.INT32, 3);
        Model m = Model.of(ids, new Embedding(10, 2).apply(ids));
        assertEquals(Shape.of(1, 3, 2), m.predict(Tensor.of(new float[] {1, 2, 9}, 1, 3)).shape());
        ConfigException e = assertThrows(ConfigException.class, () -> m.predict(Tensor.of(new float[] {1, 2.5f, 9}, 1, 3)));
        assertEquals("InputLayer 'tokens'", e.subject());
        assertEquals("2.5 at flat index 1", e.received());
        assertThrows(ConfigException.class, () -> DType.fromKerasName("complex64"));
        org.seq2seq4j.layers.LayerConfig c = org.seq2seq4j.layers.Layers.serialize(ids.node().layer());
        assertEquals("int32", c.getConfig("config").getString("dtype", null));
        assertEquals(org.seq2seq4j.tensor.DType.INT32,
                ((org.seq2seq4j.layers.InputLayer) org.seq2seq4j.layers.Layers.deserialize(c)).dtype());
        org.seq2seq4j.layers.LayerConfig policy = new org.seq2seq4j.layers.LayerConfig().put("batch_shape", java.util.Arrays.asList(null, 3))
                .put("dtype", java.util.Map.of("class_name", "DTypePolicy", "config", java.util.Map.of("name", "int64")));
        assertEquals(org.seq2seq4j.tensor.DType.INT64, org.seq2seq4j.layers.InputLayer.fromConfig(policy).dtype());
    }

    @Test
    void graphErrorsNameTheLayers() {
        KerasTensor a = Input.of("in_a", 3);
        KerasTensor b = Input.of("in_b", 3);
        KerasTensor y = new Dense(2).apply(a);
        ConfigException missing = assertThrows(ConfigException.class, () -> Model.of(List.of(b), List.of(y)));
        assertTrue(missing.getMessage().contains("InputLayer 'in_a'"), missing.getMessage());
        ConfigException unused = assertThrows(ConfigException.class, () -> Model.of(List.of(a, b), List.of(y)));
        assertTrue(unused.getMessage().contains("in_b"), unused.getMessage());
        ConfigException notInput = assertThrows(ConfigException.class, () -> Model.of(List.of(y), List.of(y)));
        assertTrue(notInput.getMessage().contains("Input.of"), notInput.getMessage());
        Model m = Model.of(a, y);
        assertThrows(Seq2SeqException.class, () -> m.predictAll(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3)), 2));
        ShapeException wrong = assertThrows(ShapeException.class, () -> m.predict(Tensor.zeros(2, 4)));
        assertEquals(Shape.of(2, 4), wrong.received());
    }

    @Test
    void incompatibleCallsFailAtGraphConstruction() {
        KerasTensor seq = Input.of(Shape.UNKNOWN, 5);
        KerasTensor flat = Input.of(5);
        ShapeException rank = assertThrows(ShapeException.class, () -> new LSTM(4).apply(flat));
        assertTrue(rank.subject().startsWith("LSTM"), rank.subject());
        KerasTensor badState = Input.of(3);
        Seq2SeqException state = assertThrows(Seq2SeqException.class, () -> new LSTM(4).apply(seq, badState, badState));
        assertTrue(state.getMessage().contains("LSTM"), state.getMessage());
        Seq2SeqException count = assertThrows(Seq2SeqException.class, () -> new LSTM(4).apply(seq, Input.of(4)));
        assertTrue(count.getMessage().contains("LSTM"), count.getMessage());
        LSTM lstm = new LSTM(4);
        lstm.name("enc");
        ShapeException mask = assertThrows(ShapeException.class, () -> lstm.call(
                org.seq2seq4j.layers.CallContext.inference().withMask(Tensor.zeros(2, 3)), Tensor.zeros(2, 5, 5)));
        assertEquals("LSTM 'enc' mask", mask.subject());
        assertEquals(Shape.of(2, 3), mask.received());
    }
}
