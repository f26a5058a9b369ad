package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.ReferenceGradCheck;

/** AttentionDecoder against a line-by-line double-precision transcription of the original layer. */
class AttentionDecoderTest {
    private static final int B = 2, T = 3, D = 4, U = 3, O = 5;
    private static final String[] NAMES = {"V_a", "W_a", "U_a", "b_a", "C_r", "U_r", "W_r", "b_r", "C_z", "U_z", "W_z",
        "b_z", "C_p", "U_p", "W_p", "b_p", "C_o", "U_o", "W_o", "b_o", "W_s"};

    @Test
    void weightsHaveTheOriginalsNamesShapesAndCount() {
        // U = 150, O = 50 on D = 150 inputs: V_a 150 + W_a 22,500 + U_a 22,500 + b_a 150 = 45,300;
        // r, z, p: W (50x150) 7,500 + U 22,500 + C 22,500 + b 150 = 52,650 each, 157,950;
        // o: W_o 2,500 + U_o 7,500 + C_o 7,500 + b_o 50 = 17,550; W_s 22,500: 243,300 (the Keras count).
        KerasTensor in = Input.of(5, 50);
        AttentionDecoder dec = new AttentionDecoder(150, 50).name("AttentionDecoder");
        Model m = Model.of(in, dec.apply(new LSTM(150).returnSequences(true).apply(in)));
        assertEquals(243_300, dec.countParams());
        assertEquals(363_900, m.countParams());      // + LSTM(150) on 50: 4·150·(50 + 150) + 600 = 120,600
        List<Variable> w = dec.weights();
        assertEquals(21, w.size());
        for (int i = 0; i < NAMES.length; i++) {
            assertEquals("AttentionDecoder/" + NAMES[i], w.get(i).path());
        }
        assertEquals(Shape.of(50, 150), w.get(6).shape());      // W_r (O, U)
        assertEquals(Shape.of(150, 50), w.get(16).shape());     // C_o (D, O)
        assertEquals(Shape.of(150, 150), w.get(20).shape());    // W_s (D, U)
        assertEquals(Shape.of(Shape.UNKNOWN, 5, 50), dec.inboundNodes().get(0).outputs().get(0).shape());
    }

    @ParameterizedTest(name = "return_probabilities={0}")
    @ValueSource(booleans = {false, true})
    void matchesTheOriginalStepAndItsGradients(boolean probabilities) {
        AttentionDecoder dec = new AttentionDecoder(U, O).returnProbabilities(probabilities);
        dec.build(Shape.of(B, T, D));
        SplittableRandom r = new SplittableRandom(17);
        List<Tensor> values = new ArrayList<>();
        for (Variable v : dec.weights()) {
            values.add(random(v.shape(), r, 0.7));
        }
        dec.setWeights(values);
        Tensor x = random(Shape.of(B, T, D), r, 1.0);
        List<Tensor> sources = new ArrayList<>(List.of(x));
        double[][] params = new double[22][];
        params[0] = toDouble(x.data());
        String[] names = new String[22];
        names[0] = "x";
        for (int i = 0; i < 21; i++) {
            sources.add(dec.weights().get(i).value());
            params[1 + i] = toDouble(dec.weights().get(i).value().data());
            names[1 + i] = NAMES[i];
        }
        AttentionDecoderReference ref = new AttentionDecoderReference(B, T, D, U, O);
        new ReferenceGradCheck(1e-6, 1e-4).check("AttentionDecoder", t -> dec.call(CallContext.inference(), t[0]),
                new Tensor[] {x}, sources, params, names, p -> new double[][] {ref.run(p)[probabilities ? 1 : 0]});
    }

    @Test
    void stepperGivesTheSequenceOutputs() {
        AttentionDecoder dec = new AttentionDecoder(U, O);
        Tensor x = random(Shape.of(B, T, D), new SplittableRandom(3), 1.0);
        Tensor seq = dec.apply(x);
        RecurrentStepper st = dec.stepper(x);
        float[] unused = new float[B * D];
        for (int t = 0; t < T; t++) {
            st.step(unused, 0);
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < O; k++) {
                    assertEquals(seq.data()[(b * T + t) * O + k], st.output()[b * O + k], 1e-7f, "t=" + t);
                }
            }
        }
        Tensor probs = new AttentionDecoder(U, O).returnProbabilities(true).apply(x);
        for (int row = 0; row < B * T; row++) {
            float sum = 0;
            for (int j = 0; j < T; j++) {
                sum += probs.data()[row * T + j];
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }

    @Test
    void configRoundTripGivesTheSameLayer() {
        AttentionDecoder dec = new AttentionDecoder(U, O).returnProbabilities(true).name("att");
        Layer again = Layers.deserialize(Layers.serialize(dec));
        assertEquals(Layers.serialize(dec).toString(), Layers.serialize(again).toString());
        Tensor x = random(Shape.of(B, T, D), new SplittableRandom(4), 1.0);
        dec.build(x.shape());
        again.build(x.shape());
        again.setWeights(dec.getWeights());
        assertAllClose(dec.apply(x), again.apply(x), 0, "same weights, same outputs");
    }

    @Test
    void badArgumentsAndInputsAreTypedErrors() {
        ConfigException units = assertThrows(ConfigException.class, () -> new AttentionDecoder(0, 5));
        assertTrue(units.getMessage().contains("units"), units.getMessage());
        assertThrows(ConfigException.class, () -> new AttentionDecoder(3, -1));
        ShapeException rank = assertThrows(ShapeException.class, () -> new AttentionDecoder(3, 5).apply(Tensor.zeros(2, 4)));
        assertTrue(rank.getMessage().contains("rank 3") && rank.getMessage().contains("(2, 4)"), rank.getMessage());
        assertThrows(ConfigException.class, () -> new AttentionDecoder(3, 5).returnSequences(false));
        ShapeException unknownLength = assertThrows(ShapeException.class,
                () -> new AttentionDecoder(3, 5).returnProbabilities(true).apply(Input.of(Shape.UNKNOWN, 4)));
        assertTrue(unknownLength.getMessage().contains("fixed number of timesteps"), unknownLength.getMessage());
    }

    private static Tensor random(Shape shape, SplittableRandom r, double scale) {
        float[] v = new float[shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return Tensor.of(v, shape);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
