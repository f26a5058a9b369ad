package org.seq2seq4j.losses;

import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Broadcasts a sample weight or mask onto per-entry loss values of shape {@code entries}, as Keras
 * does: a scalar applies to every entry; {@code entries} itself, or with a trailing axis of 1
 * ({@code (batch, 1)} for {@code (batch,)}), maps one to one; a leading part of {@code entries}
 * ({@code (batch,)} or {@code (batch, 1)} for {@code (batch, timesteps)}) repeats over the
 * remaining axes.
 *
 * <pre>{@code
 * float[] w = SampleWeights.expand("mse", "sample_weight", Tensor.of(new float[] {1, 2}, 2, 1), Shape.of(2, 3));
 * // w -> [1, 1, 1, 2, 2, 2]
 * }</pre>
 */
public final class SampleWeights {
    private SampleWeights() {
    }

    /** One weight per entry (row-major over {@code entries}); {@link ShapeException} naming {@code subject}. */
    public static float[] expand(String subject, String what, Tensor weight, Shape entries) {
        int n = entries.size();
        float[] out = new float[n];
        float[] w = weight.data();
        int repeat = repeatFactor(weight.shape(), entries);
        if (repeat < 0) {
            throw new ShapeException(subject + " " + what, "a scalar, " + entries + ", or a leading part of " + entries,
                    weight.shape(), "one weight per sample (batch,) or per timestep (batch, timesteps)");
        }
        for (int i = 0; i < n; i++) {
            out[i] = w[i / repeat];
        }
        return out;
    }

    /** How many consecutive entries share one weight, or -1 when the shapes do not fit. */
    private static int repeatFactor(Shape w, Shape entries) {
        Shape s = w;
        if (!isPrefix(s, entries) && s.rank() > 0 && s.last() == 1) {
            s = s.take(s.rank() - 1);                 // (batch, 1) weighs (batch,) or (batch, timesteps)
        }
        return isPrefix(s, entries) ? Math.max(1, entries.size() / Math.max(1, s.size())) : -1;
    }

    private static boolean isPrefix(Shape s, Shape entries) {
        return s.rank() <= entries.rank() && s.equals(entries.take(s.rank()));
    }
}
