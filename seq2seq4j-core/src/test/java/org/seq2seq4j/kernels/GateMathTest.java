package org.seq2seq4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.junit.jupiter.api.Test;

/** The fast gate activations stay within 1e-6 of the exact ones, limits included. */
class GateMathTest {
    @Test
    void fastSigmoidAndTanhAreWithin1e6() {
        double worstSig = 0;
        double worstTanh = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 1e-4f;
            worstSig = Math.max(worstSig, Math.abs(GateMath.sigmoid(x) - 1 / (1 + Math.exp(-x))));
            worstTanh = Math.max(worstTanh, Math.abs(GateMath.tanh(x) - Math.tanh(x)));
        }
        assertEquals(0, worstSig, 1e-6, "sigmoid");
        assertEquals(0, worstTanh, 1e-6, "tanh");
        for (float big : new float[] {100f, 1e30f, Float.MAX_VALUE}) {
            assertEquals(1f, GateMath.tanh(big));
            assertEquals(-1f, GateMath.tanh(-big));
            assertEquals(1f, GateMath.sigmoid(big));
            assertEquals(0f, GateMath.sigmoid(-big));
        }
    }

    @Test
    void otherActivationsUseTheExactFormula() {
        float[] x = {-4f, -0.5f, 0f, 2f, 7f};
        float[] y = x.clone();
        GateMath.activate(ActivationFunction.HARD_SIGMOID, y, 1, 3);
        assertEquals(-4f, y[0]);
        assertEquals(7f, y[4]);
        for (int i = 1; i < 4; i++) {
            assertEquals(ActivationFunction.HARD_SIGMOID.apply(x[i]), y[i]);
        }
    }
}
