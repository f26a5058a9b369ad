package org.seq2seq4j.bench;

import java.util.List;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;

/**
 * {@code bilstm_encoder}: training samples/s of the lstm_seq2seq shapes with a Bidirectional
 * LSTM(256) encoder whose concatenated forward/backward states start an LSTM(512) decoder, then
 * Dense(93, softmax); RMSprop, categorical cross-entropy. As the PyTorch peer's W6.
 *
 * <pre>{@code
 * BenchResult r = new BiLstmEncoderWorkload().run(BenchOptions.defaults().withBatch(64));
 * }</pre>
 */
public final class BiLstmEncoderWorkload extends TrainingWorkload {
    @Override
    public String name() {
        return "bilstm_encoder";
    }

    @Override
    public String description() {
        return "training samples/s with a Bidirectional LSTM(256) encoder and an LSTM(512) decoder (rmsprop)";
    }

    @Override
    Model model() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, ENC_TOKENS);
        List<KerasTensor> enc = new Bidirectional(new LSTM(LATENT).returnState(true)).applyAll(encoderInputs);
        KerasTensor h = new Concatenate().apply(enc.get(1), enc.get(3));
        KerasTensor c = new Concatenate().apply(enc.get(2), enc.get(4));
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, DEC_TOKENS);
        KerasTensor seq = new LSTM(2 * LATENT).returnSequences(true).apply(decoderInputs, h, c);
        KerasTensor probs = new Dense(DEC_TOKENS).activation(ActivationFunction.SOFTMAX).apply(seq);
        Model m = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
        m.compile("rmsprop", "categorical_crossentropy");
        return m;
    }
}
