package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The original library's {@code Seq2Seq} (Sutskever et al. 2014; with {@code peek}, Cho et al.
 * 2014): the encoder's state can start the decoder ({@code broadcastState}, default true), one
 * state pair runs through the whole stack of each side within a step, and the decoder reads its
 * previous output at every step (and the context too with peek). A functional {@link Model}:
 * <pre>
 *   TimeDistributed(Dense(hidden)) → {@link Seq2SeqEncoder}(hidden, depth_e) → [output, h, c]
 *   C = Dense(outputDim)(output)
 *   {@link Seq2SeqDecoder}(outputDim, hidden, outputLength, depth_d)(C, [h, c if broadcastState], [targets])
 * </pre>
 * The decoder's first step reads C (with peek C + C, as the original's initial readout is C), each
 * later step its previous output; each decoder cell ends in its readout Dense with tanh. With
 * {@code teacherForce} the model takes the targets {@code (batch, outputLength, outputDim)} as a
 * second input and training steps read the target of the previous step instead of the output
 * (the original reads the current step's target through an index bug; see {@link Seq2SeqDecoder}).
 * The original's {@code inner_broadcast_state} is always on. Parameters (LSTM):
 * {@code in·h + h} (the Dense on the input) {@code + depth_e · 4h·(2h + 1)} (encoder)
 * {@code + h·o + o} (C) {@code + depth_d · (4h·(o + h + 1) + o·(h + 1))} (decoder), e.g.
 * {@code batch_input_shape=(16, 7, 5), hidden 10, output 20, depth 4}: {@code 60 + 3,360 + 220 + 5,840 = 9,480},
 * with or without peek, the original's count.
 *
 * <p>Options: those of {@link Seq2SeqOptions}, {@link Builder#peek}, {@link Builder#teacherForce},
 * {@link Builder#broadcastState}; {@code outputActivation("softmax")} for the last readout (default
 * "tanh", the original's). Differences from the original (recurrentshop): Keras's LSTM step
 * (sigmoid gates; the cell state passed on is not squashed by tanh), the teacher-forcing index, and
 * GRU cells with {@code cell(CellType.GRU)}. Dropout draws a new mask per step, as the original's.
 *
 * <p>{@link #encoderModel()} gives {@code [C, h, c]} ({@code [C]} without broadcastState).
 * {@link #stepDecoder()} runs the decoder's steps as in inference: the first step reads C, each
 * later step the previous step's output, so the outputs equal {@link #predict}'s step for step
 * and the tokens given are not read ({@code feedsBack()} false). A teacher-forced model's decoder
 * was trained on the previous targets instead: its step decoder reads the previous token as a
 * one-hot vector (not at the first step), {@code feedsBack()} true.
 *
 * <pre>{@code
 * Seq2Seq model = new Seq2Seq.Builder().outputDim(20).outputLength(8).hiddenDim(10).batchInputShape(16, 7, 5)
 *         .depth(4).peek(true).build();
 * // model.countParams() -> 9,480
 * Tensor y = model.predict(Tensor.random(Shape.of(16, 7, 5), 1));        // (16, 8, 20)
 * }</pre>
 */
public final class Seq2Seq extends Seq2SeqModel {
    private final Seq2SeqDecoder decoder;

    private Seq2Seq(List<KerasTensor> inputs, List<KerasTensor> encoderOutputs, Seq2SeqDecoder decoder, KerasTensor output,
                    Seq2SeqOptions.Values v) {
        super(inputs, output, encoderOutputs, v.outputDim(), v.outputLength(), v.softmax());
        this.decoder = decoder;
    }

    /** The arguments of the original's {@code Seq2Seq}, then {@link #build()}. */
    public static final class Builder extends Seq2SeqOptions<Builder> {
        private boolean peek;
        private boolean teacherForce;
        private boolean broadcastState = true;

        @Override
        protected String family() {
            return "Seq2Seq";
        }

        /** Every decoder step also reads the context (default false). */
        public Builder peek(boolean b) {
            peek = b;
            return this;
        }

        /** Train on the targets as the decoder's previous outputs; the model takes them as a second input. */
        public Builder teacherForce(boolean b) {
            teacherForce = b;
            return this;
        }

        /** Start the decoder from the encoder's final states (default true). */
        public Builder broadcastState(boolean b) {
            broadcastState = b;
            return this;
        }

        public Seq2Seq build() {
            Values v = values(ActivationFunction.TANH, ActivationFunction.TANH, ActivationFunction.SOFTMAX);
            int hidden = v.hiddenDim();
            KerasTensor input = input();
            KerasTensor x = new TimeDistributed(new Dense(hidden)).apply(embedded(input));
            Seq2SeqEncoder encoder = new Seq2SeqEncoder(hidden, v.encoderDepth(), v.cell()).dropout(v.dropout())
                    .returnState(broadcastState).unroll(v.unroll());
            List<KerasTensor> encoded = encoder.applyAll(x);
            List<KerasTensor> encoderOutputs = new ArrayList<>(List.of(new Dense(v.outputDim()).apply(encoded.get(0))));
            encoderOutputs.addAll(encoded.subList(1, encoded.size()));
            Seq2SeqDecoder decoder = new Seq2SeqDecoder(v.outputDim(), hidden, v.outputLength(), v.decoderDepth(),
                    v.cell()).peek(peek).teacherForce(teacherForce).dropout(v.dropout())
                    .outputActivation(v.outputActivation()).unroll(v.unroll());
            List<KerasTensor> decoderInputs = new ArrayList<>(encoderOutputs);
            List<KerasTensor> inputs = new ArrayList<>(List.of(input));
            if (teacherForce) {
                KerasTensor targets = new InputLayer(Shape.of(input.shape().dim(0), v.outputLength(), v.outputDim()))
                        .output();
                decoderInputs.add(targets);
                inputs.add(targets);
            }
            KerasTensor y = decoder.apply(decoderInputs.toArray(new KerasTensor[0]));
            return new Seq2Seq(inputs, encoderOutputs, decoder, y, v);
        }
    }

    @Override
    boolean feedsBack() {
        return decoder.teacherForce();
    }

    @Override
    FamilyStepDecoder.Rows rows(Tensor sources, List<Tensor> encoded, int[] from) {
        return new ReadoutRows(encoded, from, decoder.teacherForce());
    }

    /** The decoder layer's stepper, with the step inputs it reads (forcing flag and value, dropout masks of ones). */
    private final class ReadoutRows extends FamilyStepDecoder.Rows {
        private final RecurrentStepper stepper;
        private final float[] x;
        private final int width;
        private final boolean forced;
        private int t;

        ReadoutRows(List<Tensor> enc, int[] from, boolean forced) {
            super(from, outputDim());
            this.stepper = decoder.stepper(enc.get(0));
            for (int k = 1; k < enc.size(); k++) {
                stepper.setState(k - 1, enc.get(k).data(), 0);
            }
            this.width = decoder.stepWidth();
            this.x = new float[from.length * width];
            for (int r = 0; r < from.length; r++) {
                Arrays.fill(x, r * width + decoder.maskColumn(), (r + 1) * width, 1f);
            }
            this.forced = forced;
        }

        @Override
        void advance(int[] previous, float[] out) {
            int o = outputDim();
            if (forced && t > 0) {
                for (int r = 0; r < rows(); r++) {
                    int id = previous[r];
                    if (id < 0 || id >= o) {
                        throw ConfigException.argument("Seq2Seq step decoder", "previous[" + r + "]",
                                "a token id in [0, " + o + ")", id);
                    }
                    int row = r * width;
                    x[row] = 1f;
                    Arrays.fill(x, row + 1, row + 1 + o, 0f);
                    x[row + 1 + id] = 1f;
                }
            }
            stepper.step(x, 0);
            System.arraycopy(stepper.output(), 0, out, 0, rows() * o);
            t++;
        }

        @Override
        void reorder(int[] from) {
            stepper.selectRows(from, 0);
        }

        @Override
        void keep(int[] from) {
            stepper.compact(from, from.length);
            reorderRows(x, width, from);
        }
    }
}
