package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Activation;
import org.seq2seq4j.layers.Dropout;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * The original library's {@code SimpleSeq2Seq} (Sutskever et al. 2014): an encoder reads the input
 * into one vector, and a decoder that reads that vector at every step writes the output sequence;
 * input and output lengths are independent. A functional {@link Model} of ordinary layers:
 * <pre>
 *   encoder: LSTM(hidden) + (depth_e − 1) × [Dropout, LSTM(hidden)]          (last output only)
 *   decoder: RepeatVector(outputLength), Dropout,
 *            depth_d = 1: LSTM(outputDim)   else LSTM(hidden) + (depth_d − 2) × [Dropout, LSTM(hidden)]
 *            then Dropout, LSTM(outputDim)                                  (every step)
 * </pre>
 * As in the original, the decoder has one more cell than {@code depth_d} says when depth_d is 1
 * (its last {@code Dropout, LSTMCell(output_dim)} is added after the if/else), and the output is
 * the last LSTM's {@code h}, in (−1, 1). The original's cells are recurrentshop cells stacked in
 * a {@code RecurrentSequential}; without state_sync each cell keeps its own states and reads the
 * cell below at the same step, which is exactly stacked sequence layers, so the fused Keras layers
 * serve. Parameters: each LSTM {@code 4u·(in + u + 1)}, e.g. input_dim 5, hidden 10, output 8,
 * depth 1: {@code 640 + 608 + 544 = 1,792}, the original's count.
 *
 * <p>Options: the arguments of {@link Seq2SeqOptions}; {@code outputActivation("softmax")} adds a
 * softmax over the last LSTM's output (no parameters) for classification (default "linear": the
 * original's output). Dropout layers appear only for a rate above 0. Differences from the
 * original (recurrentshop's LSTMCell): Keras's LSTM (sigmoid gates, not hard_sigmoid; the cell
 * state is not squashed by tanh before the output gate), and GRU with {@code cell(CellType.GRU)}.
 * Dropout draws a new mask per step, as the original's.
 *
 * <p>{@link #encoderModel()} gives the context vector {@code (batch, hidden)}; each step of
 * {@link #stepDecoder()} runs the decoder layers once on it (the RepeatVector's copy), so the
 * outputs equal {@link #predict}'s step for step; the decoder reads no feedback
 * ({@code feedsBack()} false).
 *
 * <pre>{@code
 * SimpleSeq2Seq model = new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8).build();
 * model.compile("adam", "mse");
 * Tensor y = model.predict(Tensor.random(Shape.of(4, 7, 5), 1));        // (4, 8, 8)
 * // model.countParams() -> 1,792
 * }</pre>
 */
public final class SimpleSeq2Seq extends Seq2SeqModel {
    private final List<RecurrentLayer<?>> decoders;

    private SimpleSeq2Seq(KerasTensor input, KerasTensor encoded, List<RecurrentLayer<?>> decoders, KerasTensor output,
                          Seq2SeqOptions.Values v) {
        super(List.of(input), output, List.of(encoded), v.outputDim(), v.outputLength(), v.softmax());
        this.decoders = List.copyOf(decoders);
    }

    /** The arguments of the original's {@code SimpleSeq2Seq}, then {@link #build()}. */
    public static final class Builder extends Seq2SeqOptions<Builder> {
        @Override
        protected String family() {
            return "SimpleSeq2Seq";
        }

        public SimpleSeq2Seq build() {
            Values v = values(ActivationFunction.LINEAR, ActivationFunction.LINEAR, ActivationFunction.SOFTMAX);
            KerasTensor input = input();
            KerasTensor x = embedded(input);
            for (int k = 0; k < v.encoderDepth(); k++) {
                x = dropped(x, k > 0 ? v.dropout() : 0);
                x = recurrent(v, v.hiddenDim(), k < v.encoderDepth() - 1).apply(x);
            }
            KerasTensor encoded = x;
            KerasTensor d = new RepeatVector(v.outputLength()).apply(encoded);
            int dd = v.decoderDepth();
            List<Integer> units = new ArrayList<>();
            for (int k = 0; k < Math.max(1, dd - 1); k++) {
                units.add(dd == 1 ? v.outputDim() : v.hiddenDim());
            }
            units.add(v.outputDim());
            List<RecurrentLayer<?>> decoders = new ArrayList<>();
            for (int u : units) {
                d = dropped(d, v.dropout());
                RecurrentLayer<?> layer = recurrent(v, u, true);
                decoders.add(layer);
                d = layer.apply(d);
            }
            KerasTensor out = v.softmax() ? new Activation(ActivationFunction.SOFTMAX).apply(d) : d;
            return new SimpleSeq2Seq(input, encoded, decoders, out, v);
        }

        private static RecurrentLayer<?> recurrent(Values v, int units, boolean sequences) {
            RecurrentLayer<?> r = v.cell() == CellType.LSTM ? new LSTM(units) : new GRU(units);
            return r.returnSequences(sequences).unroll(v.unroll());
        }
    }

    /** {@code x} through a Dropout of {@code rate}, or {@code x} itself for 0. */
    static KerasTensor dropped(KerasTensor x, double rate) {
        return rate > 0 ? new Dropout(rate).apply(x) : x;
    }

    @Override
    boolean feedsBack() {
        return false;
    }

    @Override
    FamilyStepDecoder.Rows rows(Tensor sources, List<Tensor> encoded, int[] from) {
        return new VectorRows(encoded.get(0), from);
    }

    /** The decoder's steppers over the repeated context vector. */
    private final class VectorRows extends FamilyStepDecoder.Rows {
        private final float[] context;
        private final int width;
        private final RecurrentStepper[] steppers;

        VectorRows(Tensor context, int[] from) {
            super(from, outputDim());
            this.context = context.data().clone();
            this.width = context.shape().last();
            this.steppers = new RecurrentStepper[decoders.size()];
            for (int i = 0; i < steppers.length; i++) {
                steppers[i] = decoders.get(i).stepper(from.length);
            }
        }

        @Override
        void advance(int[] previous, float[] out) {
            float[] x = context;
            for (RecurrentStepper st : steppers) {
                st.step(x, 0);
                x = st.output();
            }
            int o = outputDim();
            System.arraycopy(x, 0, out, 0, rows() * o);
            if (outputsProbabilities()) {
                for (int r = 0; r < rows(); r++) {
                    ActivationFunction.softmaxRow(out, r * o, o);
                }
            }
        }

        @Override
        void reorder(int[] from) {
            for (RecurrentStepper st : steppers) {
                st.selectRows(from, 0);
            }
            reorderRows(context, width, from);
        }

        @Override
        void keep(int[] from) {
            for (RecurrentStepper st : steppers) {
                st.compact(from, from.length);
            }
            reorderRows(context, width, from);
        }
    }
}
