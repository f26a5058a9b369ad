package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.tensor.Tensor;

/**
 * A hand-built step decoder for decoding tests: the next token's distribution depends only on the
 * previous token ({@code table[previous]}), so every sequence's probability is a product that a
 * test computes by hand. With {@code attention} set, every step attends over a source of
 * {@code attention.length} steps with those weights.
 */
final class MarkovModel implements StepDecoder, Decoder.AttentionAware {
    private final float[][] table;
    private final float[] attention;

    MarkovModel(float[][] table, float[] attention) {
        this.table = table;
        this.attention = attention;
    }

    @Override
    public int outputSize() {
        return table[0].length;
    }

    @Override
    public boolean feedsBack() {
        return true;
    }

    @Override
    public boolean outputsProbabilities() {
        return true;
    }

    @Override
    public int maxOutputLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean hasAttention() {
        return attention != null;
    }

    @Override
    public Session start(List<Tensor> sources, int rowsPerSource) {
        int[] rows = {sources.get(0).shape().dim(0) * rowsPerSource};
        float[] att = attention == null ? null : new float[rows[0] * attention.length];
        for (int r = 0; att != null && r < rows[0]; r++) {
            System.arraycopy(attention, 0, att, r * attention.length, attention.length);
        }
        return new Session() {
            @Override
            public int rows() {
                return rows[0];
            }

            @Override
            public void step(int[] previous, float[] out) {
                for (int r = 0; r < rows[0]; r++) {
                    System.arraycopy(table[previous[r]], 0, out, r * outputSize(), outputSize());
                }
            }

            @Override
            public void selectRows(int[] from) {
            }

            @Override
            public void compact(int[] from, int count) {
                rows[0] = count;
            }

            @Override
            public float[] attention() {
                return att;
            }

            @Override
            public int sourceLength() {
                return attention == null ? 0 : attention.length;
            }
        };
    }
}
