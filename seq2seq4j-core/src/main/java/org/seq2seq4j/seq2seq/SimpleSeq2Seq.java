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
import org.seq2seq4j.models.Functional;
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
 * <p>{@link #encoderModel()} gives the context vector; {@link #stepDecoder()} decodes it one step
 * at a time (the decoder reads no feedback: {@code feedsBack()} is false).
 *
 * <pre>{@code
 * SimpleSeq2Seq model = new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(10).outputLength(8).outputDim(8).build();
 * model.compile("adam", "mse");
 * Tensor y = model.predict(Tensor.random(Shape.of(4, 7, 5), 1));        // (4, 8, 8)
 * // model.countParams() -> 1,792
 * }</pre>
 */
public final class SimpleSeq2Seq extends Functional {
    private final KerasTensor encoded;
    private final List<RecurrentLayer<?>> decoders;
    private final int outputDim;
    private final int outputLength;
    private final boolean softmax;
    private Functional encoderModel;

    /** The layers of one model, made before the model itself. */
    private record Graph(KerasTensor input, KerasTensor encoded, List<RecurrentLayer<?>> decoders, KerasTensor output,
                         int outputDim, int outputLength, boolean softmax) {
    }

    private SimpleSeq2Seq(Graph g) {
        super(List.of(g.input()), List.of(g.output()));
        this.encoded = g.encoded();
        this.decoders = List.copyOf(g.decoders());
        this.outputDim = g.outputDim();
        this.outputLength = g.outputLength();
        this.softmax = g.softmax();
    }

    /** The arguments of the original's {@code SimpleSeq2Seq}, then {@link #build()}. */
    public static final class Builder extends Seq2SeqOptions<Builder> {
        @Override
        protected String family() {
            return "SimpleSeq2Seq";
        }

        public SimpleSeq2Seq build() {
            int od = outputDimValue();
            int length = outputLengthValue();
            int hidden = hiddenDimValue();
            int de = encoderDepth();
            int dd = decoderDepth();
            double p = dropoutValue();
            ActivationFunction act = outputActivationValue(ActivationFunction.LINEAR, ActivationFunction.LINEAR,
                    ActivationFunction.SOFTMAX);
            KerasTensor input = input();
            KerasTensor x = embedded(input);
            for (int k = 0; k < de; k++) {
                x = dropped(x, k > 0 ? p : 0);
                x = recurrent(hidden, k < de - 1).apply(x);
            }
            KerasTensor encoded = x;
            KerasTensor d = new RepeatVector(length).apply(encoded);
            List<Integer> units = new ArrayList<>();
            for (int k = 0; k < Math.max(1, dd - 1); k++) {
                units.add(dd == 1 ? od : hidden);
            }
            units.add(od);
            List<RecurrentLayer<?>> decoders = new ArrayList<>();
            for (int u : units) {
                d = dropped(d, p);
                RecurrentLayer<?> layer = recurrent(u, true);
                decoders.add(layer);
                d = layer.apply(d);
            }
            boolean sm = act == ActivationFunction.SOFTMAX;
            KerasTensor out = sm ? new Activation(ActivationFunction.SOFTMAX).apply(d) : d;
            return new SimpleSeq2Seq(new Graph(input, encoded, decoders, out, od, length, sm));
        }

        private RecurrentLayer<?> recurrent(int units, boolean sequences) {
            RecurrentLayer<?> r = cellValue() == CellType.LSTM ? new LSTM(units) : new GRU(units);
            return r.returnSequences(sequences).unroll(unrollValue());
        }

    }

    /** {@code x} through a Dropout of {@code rate}, or {@code x} itself for 0. */
    static KerasTensor dropped(KerasTensor x, double rate) {
        return rate > 0 ? new Dropout(rate).apply(x) : x;
    }

    public int outputDim() {
        return outputDim;
    }

    public int outputLength() {
        return outputLength;
    }

    /** The encoder: from the model's input to the context vector {@code (batch, hidden)}. */
    public Functional encoderModel() {
        if (encoderModel == null) {
            encoderModel = Model.of(inputs().get(0), encoded);
        }
        return encoderModel;
    }

    /**
     * Decodes one step at a time: each step runs the decoder layers once on the context vector
     * (the RepeatVector's copy), giving that step's output (a distribution with the softmax output
     * activation). The tokens given to a step are not read ({@code feedsBack()} false); the outputs
     * equal {@link #predict}'s step for step. {@code maxOutputLength()} is outputLength.
     */
    public StepDecoder stepDecoder() {
        return new FamilyStepDecoder(describe() + " step decoder", encoderModel(), outputDim, outputLength, softmax) {
            @Override
            public boolean feedsBack() {
                return false;
            }

            @Override
            Rows open(Tensor sources, List<Tensor> enc, int[] from) {
                return new VectorRows(enc.get(0), from);
            }
        };
    }

    /** The decoder's steppers over the repeated context vector. */
    private final class VectorRows extends FamilyStepDecoder.Rows {
        private final float[] context;
        private final int width;
        private final RecurrentStepper[] steppers;

        VectorRows(Tensor context, int[] from) {
            super(from, outputDim);
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
            System.arraycopy(x, 0, out, 0, rows() * outputDim);
            if (softmax) {
                for (int r = 0; r < rows(); r++) {
                    DecoderLevel.softmax(out, r * outputDim, outputDim);
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
    }
}
