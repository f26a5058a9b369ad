package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.tensor.Tensor;

/**
 * The step decoder of a seq2seq family model: the sources go through the model's encoder once
 * (inference), each encoded row is repeated {@code rowsPerSource} times, and the family's
 * {@link Rows} step them; rows keep track of their source through every
 * {@link Session#selectRows}.
 */
final class FamilyStepDecoder implements StepDecoder {
    private final Seq2SeqModel model;
    private final String subject;
    private final Functional encoder;

    FamilyStepDecoder(Seq2SeqModel model) {
        this.model = model;
        this.subject = model.describe() + " step decoder";
        this.encoder = model.encoderModel();
    }

    @Override
    public int outputSize() {
        return model.outputDim();
    }

    @Override
    public boolean feedsBack() {
        return model.feedsBack();
    }

    @Override
    public boolean outputsProbabilities() {
        return model.outputsProbabilities();
    }

    @Override
    public int maxOutputLength() {
        return model.outputLength();
    }

    @Override
    public Session start(List<Tensor> sources, int rowsPerSource) {
        if (sources == null || sources.size() != 1 || sources.get(0) == null) {
            throw ConfigException.argument(subject, "sources",
                    "one tensor, the encoder's input " + encoder.inputs().get(0).shape(),
                    sources == null ? null : sources.size() + " tensors");
        }
        if (rowsPerSource < 1) {
            throw ConfigException.argument(subject, "rowsPerSource", "a positive integer",
                    rowsPerSource);
        }
        Tensor src = sources.get(0);
        if (src.rank() < 1 || src.shape().dim(0) < 1) {
            throw new ShapeException(subject + " sources", "at least one source "
                    + encoder.inputs().get(0).shape(), src.shape());
        }
        int batch = src.shape().dim(0);
        List<Tensor> encoded = encoder.predictAll(List.of(src), batch);
        int[] from = new int[batch * rowsPerSource];
        for (int r = 0; r < from.length; r++) {
            from[r] = r / rowsPerSource;
        }
        List<Tensor> rows = new ArrayList<>();
        for (Tensor e : encoded) {
            rows.add(e.gather(from, 0, from.length));
        }
        return model.rows(src.gather(from, 0, from.length), rows, from);
    }

    /** The rows of one session and the source of each. */
    abstract static class Rows implements Session {
        private final int[] source;
        private final int outputSize;
        private final int[] scratch;
        private float[] rowScratch = new float[0];
        /** The rows still decoding (all until {@link #compact}). */
        private int active;

        Rows(int[] source, int outputSize) {
            this.source = source.clone();
            this.outputSize = outputSize;
            this.scratch = new int[source.length];
            this.active = source.length;
        }

        @Override
        public int rows() {
            return active;
        }

        /** The source row {@code row} decodes. */
        int sourceOf(int row) {
            return source[row];
        }

        @Override
        public final void step(int[] previous, float[] out) {
            if (previous == null || previous.length < rows()) {
                throw ConfigException.argument("StepDecoder.Session.step", "previous", "one token per row (" + rows() + ")",
                        previous == null ? null : previous.length + " tokens");
            }
            if (out == null || out.length < rows() * outputSize) {
                throw ConfigException.argument("StepDecoder.Session.step", "out", rows() + " × " + outputSize + " floats",
                        out == null ? null : out.length + " floats");
            }
            advance(previous, out);
        }

        /** One step of every row, feeding back {@code previous} if the family does. */
        abstract void advance(int[] previous, float[] out);

        @Override
        public final void selectRows(int[] from) {
            if (from == null || from.length != rows()) {
                throw ConfigException.argument("StepDecoder.Session.selectRows", "from", "one old row per row (" + rows()
                        + ")", from == null ? null : from.length + " rows");
            }
            for (int r = 0; r < from.length; r++) {
                if (from[r] < 0 || from[r] >= rows()) {
                    throw ConfigException.argument("StepDecoder.Session.selectRows", "from[" + r + "]",
                            "a row in [0, " + rows() + ")", from[r]);
                }
                scratch[r] = source[from[r]];
            }
            System.arraycopy(scratch, 0, source, 0, rows());
            reorder(from);
        }

        @Override
        public final void compact(int[] from, int count) {
            if (from == null || count < 0 || count > rows() || from.length < count) {
                throw ConfigException.argument("StepDecoder.Session.compact", "count", "in [0, " + rows() + "] with as many rows",
                        count);
            }
            int[] kept = java.util.Arrays.copyOf(from, count);
            for (int r = 0; r < count; r++) {
                if (kept[r] < 0 || kept[r] >= rows()) {
                    throw ConfigException.argument("StepDecoder.Session.compact", "from[" + r + "]",
                            "a row in [0, " + rows() + ")", kept[r]);
                }
                scratch[r] = source[kept[r]];
            }
            System.arraycopy(scratch, 0, source, 0, count);
            active = count;
            keep(kept);
        }

        /** Keeps {@code from.length} rows of every per-row state: row r becomes old row {@code from[r]}; the rest go. */
        abstract void keep(int[] from);

        /** Reorders every per-row state of the family's decoder: row r becomes old row {@code from[r]}. */
        abstract void reorder(int[] from);

        /** Reorders the rows of {@code values}, {@code width} floats each: row r becomes old row {@code from[r]}. */
        void reorderRows(float[] values, int width, int[] from) {
            if (rowScratch.length < values.length) {
                rowScratch = new float[values.length];
            }
            for (int r = 0; r < from.length; r++) {
                System.arraycopy(values, from[r] * width, rowScratch, r * width, width);
            }
            System.arraycopy(rowScratch, 0, values, 0, from.length * width);
        }

        @Override
        public float[] attention() {
            return null;
        }

        @Override
        public int sourceLength() {
            return 0;
        }
    }
}
