package org.seq2seq4j.bench;

import java.util.List;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;

/**
 * The Keras character-level {@code lstm_seq2seq} example model at its shapes (encoder tokens 71,
 * decoder tokens 93, encoder length 16, decoder length 59, latent 256), written with the
 * functional API: an encoder LSTM whose final states start a decoder LSTM, then a softmax Dense
 * on every decoder step; RMSprop, categorical cross-entropy. The same definitions as the PyTorch
 * peer {@code w2_w3_lstm_seq2seq.py}. The layers stay reachable for step-by-step decoding.
 */
final class LstmSeq2Seq {
    final LSTM encoder = new LSTM(TrainingWorkload.LATENT).returnState(true);
    final LSTM decoder = new LSTM(TrainingWorkload.LATENT).returnSequences(true);
    final Dense dense = new Dense(TrainingWorkload.DEC_TOKENS).activation(ActivationFunction.SOFTMAX);
    final Model model;

    LstmSeq2Seq() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, TrainingWorkload.ENC_TOKENS);
        List<KerasTensor> enc = encoder.applyAll(encoderInputs);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, TrainingWorkload.DEC_TOKENS);
        KerasTensor probs = dense.apply(decoder.apply(decoderInputs, enc.get(1), enc.get(2)));
        model = Model.of(List.of(encoderInputs, decoderInputs), List.of(probs));
        model.compile("rmsprop", "categorical_crossentropy");
    }
}
