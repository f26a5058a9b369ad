package org.seq2seq4j.bench;

import java.util.List;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;

/**
 * {@code gru_seq2seq}: training samples/s of the lstm_seq2seq shapes with GRU cells (Keras 3
 * reset_after): encoder GRU(256) whose final state starts a decoder GRU(256, return_sequences),
 * then Dense(93, softmax); RMSprop, categorical cross-entropy. As the PyTorch peer's W5.
 *
 * <pre>{@code
 * BenchResult r = new GruSeq2SeqWorkload().run(BenchOptions.defaults().withBatch(64));
 * }</pre>
 */
public final class GruSeq2SeqWorkload extends TrainingWorkload {
    @Override
    public String name() {
        return "gru_seq2seq";
    }

    @Override
    public String description() {
        return "training samples/s of lstm_seq2seq's shapes with GRU(256) encoder and decoder (rmsprop)";
    }

    @Override
    Model model() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, ENC_TOKENS);
        List<KerasTensor> enc = new GRU(LATENT).returnState(true).applyAll(encoderInputs);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, DEC_TOKENS);
        KerasTensor seq = new GRU(LATENT).returnSequences(true).apply(decoderInputs, enc.get(1));
        KerasTensor probs = new Dense(DEC_TOKENS).activation(ActivationFunction.SOFTMAX).apply(seq);
        Model m = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
        m.compile("rmsprop", "categorical_crossentropy");
        return m;
    }
}
