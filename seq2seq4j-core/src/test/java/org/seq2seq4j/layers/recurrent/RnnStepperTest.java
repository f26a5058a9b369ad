package org.seq2seq4j.layers.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** One step at a time gives bit-for-bit the numbers of the fused sequence call. */
class RnnStepperTest {
    private static final int B = 3;
    private static final int T = 6;
    private static final int F = 7;
    private static final int U = 5;

    @Test
    void denseStepsEqualTheSequenceCall() {
        LSTM lstm = lstm(true);
        Tensor x = Tensor.random(Shape.of(B, T, F), 11);
        Tensor h0 = Tensor.random(Shape.of(B, U), 12);
        Tensor c0 = Tensor.random(Shape.of(B, U), 13);
        List<Tensor> seq = lstm.applyAll(x, h0, c0);
        RecurrentStepper st = lstm.stepper(B);
        st.setState(0, h0.data(), 0);
        st.setState(1, c0.data(), 0);
        float[] row = new float[B * F];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                System.arraycopy(x.data(), (b * T + t) * F, row, b * F, F);
            }
            st.step(row, 0);
            assertArrayEquals(timestep(seq.get(0), t), st.output(), "h at step " + t);
        }
        assertArrayEquals(seq.get(1).data(), st.state(0), "final h");
        assertArrayEquals(seq.get(2).data(), st.state(1), "final c");
    }

    @Test
    void tokenStepsEqualTheSequenceCallOnOneHotInputs() {
        for (boolean useBias : new boolean[] {true, false}) {
            LSTM lstm = lstm(useBias);
            int[] ids = new int[T * B];                       // ids[t * B + b]
            float[] oneHot = new float[B * T * F];
            SplittableRandom r = new SplittableRandom(5);
            for (int t = 0; t < T; t++) {
                for (int b = 0; b < B; b++) {
                    ids[t * B + b] = r.nextInt(F);
                    oneHot[(b * T + t) * F + ids[t * B + b]] = 1f;
                }
            }
            List<Tensor> seq = lstm.applyAll(Tensor.of(oneHot, B, T, F));
            RecurrentStepper st = lstm.stepper(B);
            for (int t = 0; t < T; t++) {
                st.stepTokens(ids, t * B);
                assertArrayEquals(timestep(seq.get(0), t), st.output(), "use_bias=" + useBias + " h at step " + t);
            }
            assertArrayEquals(seq.get(2).data(), st.state(1), "use_bias=" + useBias + " final c");
        }
    }

    @Test
    void selectRowsReordersEveryState() {
        RecurrentStepper st = lstm(true).stepper(B);
        st.stepTokens(new int[] {1, 2, 3}, 0);
        float[] h = st.state(0).clone();
        float[] c = st.state(1).clone();
        st.selectRows(new int[] {9, 2, 0, 0}, 1);
        for (int k = 0; k < 2; k++) {
            float[] old = k == 0 ? h : c;
            float[] expected = new float[B * U];
            System.arraycopy(old, 2 * U, expected, 0, U);
            System.arraycopy(old, 0, expected, U, U);
            System.arraycopy(old, 0, expected, 2 * U, U);
            assertArrayEquals(expected, st.state(k), "state " + k);
        }
        st.resetStates();
        assertArrayEquals(new float[B * U], st.state(1));
    }

    @Test
    void rejectsTokenIdsOutsideTheVocabulary() {
        RecurrentStepper st = lstm(true).stepper(B);
        ConfigException e = assertThrows(ConfigException.class, () -> st.stepTokens(new int[] {0, F, 1}, 0));
        assertEquals("ids[1]", e.argument());
        assertEquals(String.valueOf(F), e.received());
    }

    private static LSTM lstm(boolean useBias) {
        LSTM lstm = new LSTM(U).returnSequences(true).returnState(true).useBias(useBias);
        lstm.build(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, F));
        List<Tensor> w = useBias
                ? List.of(Tensor.random(Shape.of(F, 4 * U), 1), Tensor.random(Shape.of(U, 4 * U), 2), Tensor.random(Shape.of(4 * U), 3))
                : List.of(Tensor.random(Shape.of(F, 4 * U), 1), Tensor.random(Shape.of(U, 4 * U), 2));
        lstm.setWeights(w);
        return lstm;
    }

    /** Rows (b, t, :) of a (B, T, U) sequence, as a (B, U) array. */
    private static float[] timestep(Tensor seq, int t) {
        float[] out = new float[B * U];
        for (int b = 0; b < B; b++) {
            System.arraycopy(seq.data(), (b * T + t) * U, out, b * U, U);
        }
        return out;
    }

    @Test
    void stepperShapesAreTheLayers() {
        RecurrentStepper st = lstm(true).stepper(2);
        assertEquals(List.of(2, U, F), Arrays.asList(st.batch(), st.outputSize(), st.features()));
    }
}
