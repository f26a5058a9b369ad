package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * The original library's {@code AttentionSeq2Seq} (after Bahdanau et al. 2014): a (by default
 * bidirectional) encoder returns its whole sequence {@code H}, and the decoder attends over it at
 * every step. A functional {@link Model}:
 * <pre>
 *   encoder: RNN([LSTMCell(hidden)] + (depth_e − 1) × [LSTMCell(hidden) with dropout]), every step,
 *            in Bidirectional(merge_mode="sum") when bidirectional (each direction a whole stack)
 *   decoder: Dropout, {@link AttentionDecoderRNN}({@link AttentionDecoderCell}(outputDim, hidden), outputLength),
 *            and for depth_d > 1: (depth_d − 2) × [Dropout, RNN(LSTMDecoderCell(hidden, hidden))],
 *            Dropout, RNN(LSTMDecoderCell(outputDim, hidden))
 * </pre>
 * As the original, the decoder cells keep their own zero-initialised states (no state transfer)
 * and read the cell below at the same step; each ends in its readout Dense with tanh. The
 * original's attention energy is a Dense(1) on {@code [H_j ; c]}; its state part cancels in the
 * softmax, so the attention weights depend on {@code H} alone and are the same at every step
 * (see {@link AttentionDecoderCell}). Parameters (LSTM): encoder {@code 4h·(in + h + 1) + (depth_e −
 * 1) · 4h·(2h + 1)}, twice when bidirectional; attention cell {@code 4h·(h + h + 2) + o·(h + 1) +
 * 2h + 1}; then {@code 4h·(in_k + h + 1) + out_k·(h + 1)} per LSTMDecoderCell. E.g. input_dim 5,
 * input_length 7, hidden 10, output 20, depth 4: {@code 2 · 3,160 + 1,121 + 1,350 + 950 + 1,060 = 10,801},
 * the original's count.
 *
 * <p>Options: those of {@link Seq2SeqOptions} and {@link Builder#bidirectional} (default true);
 * {@code outputActivation("softmax")} for the last readout (default "tanh", the original's). With
 * token ids and mask_zero, padded encoder steps get no attention. Differences from the original
 * (recurrentshop): Keras's LSTM steps (sigmoid gates; the cell state passed on is not squashed);
 * the dropout between encoder cells is the cells' Keras input dropout (one mask per sequence; the
 * original drew one per step) and the dropout on {@code H} before the attention draws one mask per
 * sequence (the original, one per decoder step); the dropout between decoder cells draws one per
 * step, as the original. GRU cells with {@code cell(CellType.GRU)}.
 *
 * <p>{@link #encoderModel()} gives {@code H}. Each step of {@link #stepDecoder()} runs the
 * attention cell and the decoder cells above it once, as the sequence call does, so the outputs
 * equal {@link #predict}'s step for step; the decoder reads no feedback ({@code feedsBack()}
 * false, as the original's), and {@link StepDecoder.Session#attention()} gives the step's
 * attention weights {@code (rows, timesteps)} (the same at every step, see
 * {@link AttentionDecoderCell}; padded steps of token ids with mask_zero get 0).
 *
 * <pre>{@code
 * AttentionSeq2Seq model = new AttentionSeq2Seq.Builder().inputDim(5).inputLength(7).hiddenDim(10)
 *         .outputLength(8).outputDim(20).depth(4).build();
 * // model.countParams() -> 10,801
 * Tensor y = model.predict(Tensor.random(Shape.of(3, 7, 5), 1));         // (3, 8, 20)
 * }</pre>
 */
public final class AttentionSeq2Seq extends Seq2SeqModel {
    private final AttentionDecoderRNN attention;
    private final List<RecurrentLayer<?>> decoders;
    private final boolean maskZero;

    private AttentionSeq2Seq(KerasTensor input, KerasTensor encoded, AttentionDecoderRNN attention,
                             List<RecurrentLayer<?>> decoders, KerasTensor output, Seq2SeqOptions.Values v,
                             boolean maskZero) {
        super(List.of(input), output, List.of(encoded), v.outputDim(), v.outputLength(), v.softmax());
        this.attention = attention;
        this.decoders = List.copyOf(decoders);
        this.maskZero = maskZero;
    }

    /** The arguments of the original's {@code AttentionSeq2Seq}, then {@link #build()}. */
    public static final class Builder extends Seq2SeqOptions<Builder> {
        private boolean bidirectional = true;

        @Override
        protected String family() {
            return "AttentionSeq2Seq";
        }

        /** Encode in both directions and sum them (default true). */
        public Builder bidirectional(boolean b) {
            bidirectional = b;
            return this;
        }

        public AttentionSeq2Seq build() {
            Values v = values(ActivationFunction.TANH, ActivationFunction.TANH, ActivationFunction.SOFTMAX);
            int hidden = v.hiddenDim();
            boolean lstm = v.cell() == CellType.LSTM;
            KerasTensor input = input();
            List<RecurrentCell> cells = new ArrayList<>();
            for (int k = 0; k < v.encoderDepth(); k++) {
                double rate = k > 0 ? v.dropout() : 0;
                cells.add(lstm ? new LSTMCell(hidden).dropout(rate) : new GRUCell(hidden).dropout(rate));
            }
            RNN rnn = new RNN(cells).returnSequences(true).unroll(v.unroll());
            Layer encoder = bidirectional ? new Bidirectional(rnn).mergeMode(Bidirectional.MergeMode.SUM) : rnn;
            KerasTensor encoded = encoder.apply(embedded(input));
            int dd = v.decoderDepth();
            AttentionCell<?> first = lstm ? new AttentionDecoderCell(v.outputDim(), hidden)
                    : new AttentionGRUDecoderCell(v.outputDim(), hidden);
            first.outputActivation(dd == 1 ? v.outputActivation() : ActivationFunction.TANH);
            AttentionDecoderRNN attention = new AttentionDecoderRNN(first, v.outputLength()).unroll(v.unroll());
            KerasTensor y = attention.apply(SimpleSeq2Seq.dropped(encoded, v.dropout()));
            List<RecurrentLayer<?>> decoders = new ArrayList<>();
            for (int k = 1; k < dd; k++) {
                boolean last = k == dd - 1;
                int out = last ? v.outputDim() : hidden;
                ReadoutCell<?> cell = lstm ? new LSTMDecoderCell(out, hidden) : new GRUDecoderCell(out, hidden);
                cell.outputActivation(last ? v.outputActivation() : ActivationFunction.TANH);
                RNN layer = new RNN(cell).returnSequences(true).unroll(v.unroll());
                decoders.add(layer);
                y = layer.apply(SimpleSeq2Seq.dropped(y, v.dropout()));
            }
            return new AttentionSeq2Seq(input, encoded, attention, decoders, y, v, tokenIds() && maskZeroValue());
        }
    }

    @Override
    boolean feedsBack() {
        return false;
    }

    @Override
    FamilyStepDecoder.Rows rows(Tensor sources, List<Tensor> encoded, int[] from) {
        return new AttentionRows(sources, encoded.get(0), from);
    }

    /** The attention layer's stepper over the encoded rows, then the decoder layers' steppers. */
    private final class AttentionRows extends FamilyStepDecoder.Rows {
        private final float[] encodedRows;
        private final float[] mask;
        private final int steps;
        private final int width;
        private final RecurrentStepper first;
        private final RecurrentStepper[] above;
        private final float[] alpha;
        private final float[] none = new float[0];
        private final AttentionCell<?> cell;
        private final Variable energyKernel;
        private final Variable energyBias;

        AttentionRows(Tensor sources, Tensor h, int[] from) {
            super(from, outputDim());
            int rows = from.length;
            this.steps = h.shape().dim(1);
            this.width = h.shape().dim(2);
            this.encodedRows = h.data().clone();
            Tensor m = maskZero ? idMask(sources) : null;
            this.first = attention.stepper(h, m);
            this.mask = AttentionDecoderRNN.attentionMask(h, m).data().clone();
            this.above = new RecurrentStepper[decoders.size()];
            for (int i = 0; i < above.length; i++) {
                above[i] = decoders.get(i).stepper(rows);
            }
            this.alpha = new float[rows * steps];
            this.cell = (AttentionCell<?>) attention.cell();
            List<Variable> w = cell.weights();
            this.energyKernel = w.get(w.size() - 2);
            this.energyBias = w.get(w.size() - 1);
        }

        private Tensor idMask(Tensor ids) {
            float[] m = new float[ids.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = ids.data()[i] != 0f ? 1f : 0f;
            }
            return Tensor.of(m, ids.shape());
        }

        @Override
        void advance(int[] previous, float[] out) {
            AttentionCell.attention(rows(), steps, width, cell.hiddenDim(), encodedRows, mask,
                    first.state(cell.attendedState()), energyKernel.value().data(), energyBias.value().data(), alpha, 0);
            first.step(none, 0);
            float[] x = first.output();
            for (RecurrentStepper st : above) {
                st.step(x, 0);
                x = st.output();
            }
            System.arraycopy(x, 0, out, 0, rows() * outputDim());
        }

        @Override
        void reorder(int[] from) {
            first.selectRows(from, 0);
            for (RecurrentStepper st : above) {
                st.selectRows(from, 0);
            }
            reorderRows(encodedRows, steps * width, from);
            reorderRows(mask, steps, from);
            reorderRows(alpha, steps, from);
        }

        @Override
        void keep(int[] from) {
            first.compact(from, from.length);
            for (RecurrentStepper st : above) {
                st.compact(from, from.length);
            }
            reorderRows(encodedRows, steps * width, from);
            reorderRows(mask, steps, from);
            reorderRows(alpha, steps, from);
        }

        @Override
        public float[] attention() {
            return alpha;
        }

        @Override
        public int sourceLength() {
            return steps;
        }
    }
}
