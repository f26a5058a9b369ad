package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Joins sentences of different lengths, each a batch of one {@code (1, timesteps, ...)}, into one
 * batch {@code (n, longest, ...)}: the rows a model was trained to see after the end of a short
 * input. {@link #zeros()} pads with zero rows (masked or zero-padded models);
 * {@link #row(float[])} with a given row per padded step (e.g. the one-hot of a space, as some
 * Keras character models were trained).
 *
 * <pre>{@code
 * Tensor batch = SourcePadding.zeros().pad(List.of(a, b));    // a (1, 3, 8), b (1, 5, 8) -> (2, 5, 8)
 * }</pre>
 */
@FunctionalInterface
public interface SourcePadding {
    /** The batch made of the sentences in order, padded after their ends to the longest. */
    Tensor pad(List<Tensor> sentences);

    /** Pads with zeros. */
    static SourcePadding zeros() {
        return sentences -> padWith(sentences, null);
    }

    /** Pads every step after a sentence's end with {@code row} (one value per feature). */
    static SourcePadding row(float[] row) {
        if (row == null) {
            throw ConfigException.argument("SourcePadding", "row", "one value per feature", null);
        }
        float[] copy = row.clone();
        return sentences -> padWith(sentences, copy);
    }

    private static Tensor padWith(List<Tensor> sentences, float[] row) {
        Shape first = sentences.get(0).shape();
        int longest = 0;
        for (Tensor s : sentences) {
            Shape sh = s.shape();
            if (sh.rank() < 2 || sh.dim(0) != 1 || sh.rank() != first.rank()
                    || (sh.rank() == 3 && sh.dim(2) != first.dim(2))) {
                throw new ShapeException("SourcePadding", "sentences of shape (1, timesteps" + (first.rank() == 3
                        ? ", " + first.dim(2) : "") + ")", sh);
            }
            longest = Math.max(longest, sh.dim(1));
        }
        int width = first.rank() == 3 ? first.dim(2) : 1;
        if (row != null && row.length != width) {
            throw new ShapeException("SourcePadding row", "one value per feature (" + width + ")", Shape.of(row.length));
        }
        int[] dims = first.dims();
        dims[0] = sentences.size();
        dims[1] = longest;
        Tensor out = Tensor.zeros(Shape.of(dims));
        float[] o = out.data();
        for (int i = 0; i < sentences.size(); i++) {
            float[] s = sentences.get(i).data();
            System.arraycopy(s, 0, o, i * longest * width, s.length);
            if (row != null) {
                for (int t = s.length / width; t < longest; t++) {
                    System.arraycopy(row, 0, o, (i * longest + t) * width, width);
                }
            }
        }
        return out;
    }
}
