package org.seq2seq4j.initializers;

import java.util.SplittableRandom;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * Fills a new weight, as a Keras initializer does. Fans follow Keras: for a 2-D shape
 * {@code (in, out)}, fan_in = in and fan_out = out. Get instances from {@link Initializers}.
 *
 * <pre>{@code
 * float[] w = new float[12];
 * Initializers.glorotUniform().fill(w, Shape.of(3, 4), new SplittableRandom(1));
 * }</pre>
 */
public interface Initializer {
    /** Writes initial values for a weight of {@code shape} into {@code out}. */
    void fill(float[] out, Shape shape, SplittableRandom random);

    /** Keras class name, e.g. {@code "GlorotUniform"}. */
    String className();

    /** Keras config of this initializer (without the class name). */
    LayerConfig config();
}
