package org.seq2seq4j.layers.recurrent;

import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;

/**
 * The dropout masks of one sequence call, fixed for every timestep as Keras does: {@code input}
 * holds one {@code (batch, features)} mask, or one per gate, applied to the inputs; {@code recurrent}
 * holds one {@code (batch, units)} mask, or one per gate, applied to {@code h} before the recurrent
 * product. Values are 0 or {@code 1 / (1 - rate)} (inverted dropout); {@code null} means no dropout.
 *
 * <pre>{@code
 * RnnDropout d = RnnDropout.draw(new SplittableRandom(1), 32, 8, 16, 3, 0.2, 0.1); // GRU, per gate
 * // d.input().length -> 3; d.input()[0].length -> 32 * 8
 * }</pre>
 */
public record RnnDropout(float[][] input, float[][] recurrent) {
    /** No dropout. */
    public static final RnnDropout NONE = new RnnDropout(null, null);

    /**
     * Draws {@code count} masks of each kind (1, or the number of gates for per-gate masks); a rate
     * of 0 gives no mask of that kind.
     */
    public static RnnDropout draw(SplittableRandom random, int batch, int features, int units, int count,
                                  double rate, double recurrentRate) {
        return new RnnDropout(masks(random, count, batch * features, rate), masks(random, count, batch * units, recurrentRate));
    }

    private static float[][] masks(SplittableRandom random, int count, int n, double rate) {
        if (rate <= 0) {
            return null;
        }
        if (!(rate < 1)) {
            throw ConfigException.argument("RNN dropout", "rate", "in [0, 1)", rate);
        }
        float keep = (float) (1 / (1 - rate));
        float[][] out = new float[count][n];
        for (float[] m : out) {
            for (int i = 0; i < n; i++) {
                m[i] = random.nextDouble() >= rate ? keep : 0f;
            }
        }
        return out;
    }

    /** Checks the mask counts (1 or {@code gates}) and lengths against a call's sizes. */
    void check(int gates, int batch, int features, int units) {
        check("input", input, gates, batch * features);
        check("recurrent", recurrent, gates, batch * units);
    }

    private static void check(String kind, float[][] masks, int gates, int n) {
        if (masks == null) {
            return;
        }
        if (masks.length != 1 && masks.length != gates) {
            throw ConfigException.argument("RnnDropout", kind, "1 or " + gates + " masks", masks.length + " masks");
        }
        for (float[] m : masks) {
            if (m == null || m.length != n) {
                throw ConfigException.argument("RnnDropout", kind, "masks of " + n + " values",
                        m == null ? null : m.length + " values");
            }
        }
    }
}
