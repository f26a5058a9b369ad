package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.layers.recurrent.RecurrentStepper;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * Step decoders for Keras-style encoder / decoder pairs, without hand-written loops.
 * {@link #ofLstmSeq2seq} takes the trained layers of the Keras lstm_seq2seq example (an encoder
 * recurrent layer with return_state, the decoder recurrent layer fed the previous token one-hot,
 * and the Dense over its output) and steps them directly: the encoder runs once, the decoder
 * layer's fused stepper advances every row, the Dense reads its output; nothing is allocated per
 * step. {@link #ofModels} takes inference models as Keras users build them ({@code encoder_model},
 * {@code decoder_model}) and runs the decoder model once per step.
 *
 * <pre>{@code
 * // the layers of a trained lstm_seq2seq model (encoder LSTM, decoder LSTM, decoder Dense)
 * StepDecoder dec = KerasStepDecoder.ofLstmSeq2seq(encoderLstm, decoderLstm, decoderDense);
 * List<List<Hypothesis>> out = Decoder.greedy().startToken(tab).endToken(newline).maxLength(59)
 *         .decode(dec, encoderInputData);
 * }</pre>
 */
public final class KerasStepDecoder {
    private KerasStepDecoder() {
    }

    /**
     * The lstm_seq2seq form: {@code encoder} (with return_state; its final states start the
     * decoder), {@code decoder} (a built single-cell recurrent layer whose input is the one-hot
     * previous token) and {@code dense} (its output layer, softmax for beam search).
     */
    public static StepDecoder ofLstmSeq2seq(RecurrentLayer<?> encoder, RecurrentLayer<?> decoder, Dense dense) {
        if (!encoder.returnState()) {
            throw ConfigException.argument("ofLstmSeq2seq", "encoder", "a recurrent layer with return_state", encoder.describe());
        }
        if (!decoder.isBuilt() || !dense.isBuilt()) {
            throw ConfigException.argument("ofLstmSeq2seq", "decoder and dense", "built layers (train or build the model first)",
                    decoder.describe() + ", " + dense.describe());
        }
        if (encoder.stateCount() != decoder.stateCount()) {
            throw ConfigException.argument("ofLstmSeq2seq", "decoder", encoder.stateCount() + " states as the encoder has",
                    decoder.stateCount());
        }
        return new LayerSteps(encoder, decoder, dense);
    }

    /**
     * The lstm_seq2seq form found in a trained model {@code [encoder_in, decoder_in] -> ... -> Dense}
     * (Keras's example and the many models built from it): the output Dense, the recurrent layer
     * feeding it and, through that layer's initial states, the encoder's recurrent layer. Layers
     * between the inputs and the encoder (masking, for instance) are not supported: the encoder
     * reads the first input directly.
     */
    public static StepDecoder ofLstmSeq2seq(Functional trained) {
        String expected = "a model [encoder_in, decoder_in] -> encoder RNN(return_state) -> decoder RNN(initial_state) -> Dense";
        Node denseCall = trained.outputs().get(0).node();
        if (!(denseCall.layer() instanceof Dense dense) || denseCall.inputs().isEmpty()) {
            throw ConfigException.argument("ofLstmSeq2seq", "model", expected, "output from " + denseCall.layer().describe());
        }
        Node decoderCall = denseCall.inputs().get(0).node();
        if (!(decoderCall.layer() instanceof RecurrentLayer<?> decoder) || decoderCall.inputs().size() < 2) {
            throw ConfigException.argument("ofLstmSeq2seq", "model", expected, "Dense fed by " + decoderCall.layer().describe());
        }
        Node encoderCall = decoderCall.inputs().get(1).node();
        if (!(encoderCall.layer() instanceof RecurrentLayer<?> encoder)
                || encoderCall.inputs().get(0) != trained.inputs().get(0)) {
            throw ConfigException.argument("ofLstmSeq2seq", "model", expected,
                    "initial states from " + encoderCall.layer().describe());
        }
        return ofLstmSeq2seq(encoder, decoder, dense);
    }

    /** The layers form, stepping the decoder layer's own stepper. */
    private static final class LayerSteps implements StepDecoder {
        private final RecurrentLayer<?> encoder;
        private final RecurrentLayer<?> decoder;
        private final Dense dense;
        private final int vocab;
        private final int units;

        LayerSteps(RecurrentLayer<?> encoder, RecurrentLayer<?> decoder, Dense dense) {
            this.encoder = encoder;
            this.decoder = decoder;
            this.dense = dense;
            this.vocab = dense.units();
            this.units = decoder.units();
            Shape kernel = dense.weights().get(0).shape();
            if (kernel.dim(0) != units) {
                throw new ShapeException("ofLstmSeq2seq dense", "a kernel of " + units + " rows (the decoder's units)", kernel);
            }
        }

        @Override
        public int outputSize() {
            return vocab;
        }

        @Override
        public boolean feedsBack() {
            return true;
        }

        @Override
        public boolean outputsProbabilities() {
            return dense.activation() == ActivationFunction.SOFTMAX;
        }

        @Override
        public int maxOutputLength() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Session start(List<Tensor> sources, int rowsPerSource) {
            return start(sources, null, rowsPerSource);
        }

        /** Padded steps are masked in the encoder, so its final states are those of the unpadded sources. */
        @Override
        public Session start(List<Tensor> sources, int[] lengths, int rowsPerSource) {
            Tensor x = sources.get(0);
            int batch = x.shape().dim(0);
            CallContext ctx = CallContext.inference();
            if (lengths != null && x.shape().rank() >= 2) {
                int steps = x.shape().dim(1);
                float[] mask = new float[batch * steps];
                for (int b = 0; b < batch; b++) {
                    java.util.Arrays.fill(mask, b * steps, b * steps + Math.min(lengths[b], steps), 1f);
                }
                ctx = ctx.withMask(Tensor.of(mask, batch, steps));
            }
            List<Tensor> out = List.of(encoder.call(ctx, x));
            int rows = batch * rowsPerSource;
            RecurrentStepper st = decoder.stepper(rows);
            if (st.features() != vocab) {
                throw new ShapeException("ofLstmSeq2seq decoder", "input of " + vocab + " features (one-hot of the previous token)",
                        Shape.of(st.features()));
            }
            float[] repeated = new float[rows * units];
            for (int k = 0; k < st.stateCount(); k++) {
                float[] s = out.get(1 + k).data();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(s, (r / rowsPerSource) * units, repeated, r * units, units);
                }
                st.setState(k, repeated, 0);
            }
            return new LayerSession(st, dense, rows, vocab, units);
        }
    }

    private static final class LayerSession implements StepDecoder.Session {
        private final RecurrentStepper stepper;
        private final float[] kernel;
        private final float[] bias;
        private final ActivationFunction activation;
        private int rows;
        private final int vocab;
        private final int units;

        LayerSession(RecurrentStepper stepper, Dense dense, int rows, int vocab, int units) {
            this.stepper = stepper;
            List<Variable> w = dense.weights();
            this.kernel = w.get(0).value().data();
            this.bias = w.size() > 1 ? w.get(1).value().data() : null;
            this.activation = dense.activation();
            this.rows = rows;
            this.vocab = vocab;
            this.units = units;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public void step(int[] previous, float[] out) {
            stepper.stepTokens(previous, 0);
            for (int r = 0; r < rows; r++) {
                if (bias != null) {
                    System.arraycopy(bias, 0, out, r * vocab, vocab);
                }
            }
            Gemms.get().sgemm(false, false, rows, vocab, units, 1f, stepper.output(), 0, units, kernel, 0, vocab,
                    bias != null ? 1f : 0f, out, 0, vocab);
            activation.forward(out, 0, rows * vocab, vocab);
        }

        @Override
        public void selectRows(int[] from) {
            stepper.selectRows(from, 0);
        }

        @Override
        public void compact(int[] from, int count) {
            stepper.compact(from, count);
            rows = count;
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

    /**
     * Inference models as Keras users build them: {@code encoder} maps the sources to
     * {@code [constants..., states...]} (the last {@code stateCount} outputs are the decoder's
     * initial states; any before them, such as the encoder's output sequence for attention, are
     * given to every decoder step); {@code decoder} maps {@code [previous token, states...,
     * constants...]} to {@code [distribution, states..., attention?]}. The previous token is fed as
     * a one-hot {@code (rows, 1, vocab)} when the decoder's first input has {@code vocab} features,
     * else as an id {@code (rows, 1)}. An output after the states is read as the step's attention
     * {@code (rows, 1, sourceLength)}. Each step runs the decoder model once (it allocates its tensors).
     */
    public static StepDecoder ofModels(Functional encoder, Functional decoder, int stateCount) {
        if (stateCount < 0 || stateCount > encoder.outputCount()) {
            throw ConfigException.argument("ofModels", "stateCount", "in [0, " + encoder.outputCount()
                    + "] (the encoder's outputs)", stateCount);
        }
        int constants = encoder.outputCount() - stateCount;
        if (decoder.inputCount() != 1 + stateCount + constants) {
            throw ConfigException.argument("ofModels", "decoder", (1 + stateCount + constants)
                    + " inputs [previous token, " + stateCount + " states, " + constants + " encoder outputs]",
                    decoder.inputCount() + " inputs");
        }
        if (decoder.outputCount() < 1 + stateCount) {
            throw ConfigException.argument("ofModels", "decoder", (1 + stateCount) + " or more outputs [distribution, states...]",
                    decoder.outputCount() + " outputs");
        }
        return new ModelSteps(encoder, decoder, stateCount, constants);
    }

    private static final class ModelSteps implements StepDecoder, Decoder.AttentionAware {
        private final Functional encoder;
        private final Functional decoder;
        private final int stateCount;
        private final int constants;
        private final int vocab;

        ModelSteps(Functional encoder, Functional decoder, int stateCount, int constants) {
            this.encoder = encoder;
            this.decoder = decoder;
            this.stateCount = stateCount;
            this.constants = constants;
            this.vocab = decoder.outputShapes().get(0).last();
        }

        @Override
        public int outputSize() {
            return vocab;
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
            return decoder.outputCount() > 1 + stateCount;
        }

        @Override
        public Session start(List<Tensor> sources, int rowsPerSource) {
            List<Tensor> out = encoder.predictAll(sources, Integer.MAX_VALUE);
            List<Tensor> carried = new ArrayList<>();
            for (int k = 0; k < out.size(); k++) {
                carried.add(repeatRows(out.get(k), rowsPerSource));
            }
            return new ModelSession(decoder, carried, stateCount, constants, vocab);
        }
    }

    /** Each row of {@code t} repeated {@code n} times, as consecutive rows. */
    static Tensor repeatRows(Tensor t, int n) {
        int batch = t.shape().dim(0);
        int w = t.size() / batch;
        int[] dims = t.shape().dims();
        dims[0] = batch * n;
        float[] out = new float[batch * n * w];
        for (int r = 0; r < batch * n; r++) {
            System.arraycopy(t.data(), (r / n) * w, out, r * w, w);
        }
        return Tensor.of(out, Shape.of(dims));
    }

    private static final class ModelSession implements StepDecoder.Session {
        private final Functional decoder;
        /** The encoder's outputs: constants first, then the live states. */
        private final List<Tensor> carried;
        private final int stateCount;
        private final int constants;
        private final int vocab;
        private int rows;
        private final boolean oneHot;
        private float[] attention;
        private int sourceLength;

        ModelSession(Functional decoder, List<Tensor> carried, int stateCount, int constants, int vocab) {
            this.decoder = decoder;
            this.carried = carried;
            this.stateCount = stateCount;
            this.constants = constants;
            this.vocab = vocab;
            this.rows = carried.isEmpty() ? 0 : carried.get(0).shape().dim(0);
            Shape tokenInput = decoder.inputShapes().get(0);
            this.oneHot = tokenInput.rank() == 3 && tokenInput.last() == vocab;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public void step(int[] previous, float[] out) {
            Tensor token = oneHot ? Tensor.zeros(rows, 1, vocab) : Tensor.zeros(rows, 1);
            for (int r = 0; r < rows; r++) {
                token.data()[oneHot ? r * vocab + previous[r] : r] = oneHot ? 1f : previous[r];
            }
            Tensor[] in = new Tensor[1 + stateCount + constants];
            in[0] = token;
            for (int k = 0; k < stateCount; k++) {
                in[1 + k] = carried.get(constants + k);
            }
            for (int k = 0; k < constants; k++) {
                in[1 + stateCount + k] = carried.get(k);
            }
            Tensor[] res = decoder.forward(org.seq2seq4j.layers.CallContext.inference(), in).outputs();
            System.arraycopy(res[0].data(), 0, out, 0, rows * vocab);
            for (int k = 0; k < stateCount; k++) {
                carried.set(constants + k, res[1 + k]);
            }
            if (res.length > 1 + stateCount) {
                attention = res[1 + stateCount].data();
                sourceLength = attention.length / rows;
            }
        }

        @Override
        public void selectRows(int[] from) {
            compact(from, rows);
        }

        @Override
        public void compact(int[] from, int count) {
            for (int k = 0; k < carried.size(); k++) {
                Tensor t = carried.get(k);
                int w = t.size() / rows;
                float[] moved = new float[count * w];
                for (int r = 0; r < count; r++) {
                    System.arraycopy(t.data(), from[r] * w, moved, r * w, w);
                }
                int[] dims = t.shape().dims();
                dims[0] = count;
                carried.set(k, Tensor.of(moved, Shape.of(dims)));
            }
            rows = count;
        }

        @Override
        public float[] attention() {
            return attention;
        }

        @Override
        public int sourceLength() {
            return sourceLength;
        }
    }
}
