package org.seq2seq4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.kernels.Activation;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.losses.CategoricalCrossentropy;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.optimizers.RMSprop;
import org.seq2seq4j.tensor.Tensor;

/**
 * The Keras character-level {@code lstm_seq2seq} example model at its shapes (encoder tokens 71,
 * decoder tokens 93, encoder length 16, decoder length 59, latent 256): an encoder LSTM whose final
 * states start a decoder LSTM, then a softmax Dense on every decoder step, trained with RMSprop on
 * categorical cross-entropy. The same definitions as the PyTorch peer {@code w2_w3_lstm_seq2seq.py}.
 */
final class LstmSeq2Seq {
    static final int ENC_TOKENS = 71;
    static final int DEC_TOKENS = 93;
    static final int ENC_LEN = 16;
    static final int DEC_LEN = 59;
    static final int LATENT = 256;

    final LSTM encoder;
    final LSTM decoder;
    final Dense dense = new Dense(DEC_TOKENS).activation(Activation.SOFTMAX);
    private final Loss loss = new CategoricalCrossentropy();
    private final Optimizer optimizer = new RMSprop();
    private final List<Variable> weights = new ArrayList<>();

    LstmSeq2Seq(LSTM encoder, LSTM decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        Tensor[] batch = oneHotBatch(1, new SplittableRandom(0));
        forward(batch[0], batch[1]);
        weights.addAll(encoder.trainableWeights());
        weights.addAll(decoder.trainableWeights());
        weights.addAll(dense.trainableWeights());
    }

    /** The Keras model: encoder LSTM(256, return_state), decoder LSTM(256, return_sequences). */
    static LstmSeq2Seq create() {
        return new LstmSeq2Seq(new LSTM(LATENT).returnState(true), new LSTM(LATENT).returnSequences(true));
    }

    /** Decoder probabilities {@code (batch, 59, 93)} for one-hot encoder and decoder inputs. */
    Tensor forward(Tensor encoderInput, Tensor decoderInput) {
        CallContext ctx = CallContext.inference();
        Tensor[] enc = encoder.call(ctx, encoderInput);
        Tensor seq = decoder.call(ctx, decoderInput, enc[1], enc[2])[0];
        return dense.call(ctx, seq)[0];
    }

    /** One RMSprop step on a batch; returns the loss. */
    float trainStep(Tensor encoderInput, Tensor decoderInput, Tensor target) {
        List<Tensor> sources = new ArrayList<>(weights.size());
        weights.forEach(w -> sources.add(w.value()));
        List<Tensor> grads = new ArrayList<>(weights.size());
        float value;
        try (Tape tape = Tape.record()) {
            Tensor l = loss.call(target, forward(encoderInput, decoderInput), null, null);
            value = l.item();
            Map<Tensor, Tensor> g = tape.gradient(l, sources);
            sources.forEach(s -> grads.add(g.get(s)));
        }
        optimizer.apply(weights, grads);
        return value;
    }

    /** Random one-hot {@code [encoder input, decoder input, target]} of the example's shapes. */
    static Tensor[] oneHotBatch(int batch, SplittableRandom random) {
        return new Tensor[] {oneHot(batch, ENC_LEN, ENC_TOKENS, random), oneHot(batch, DEC_LEN, DEC_TOKENS, random),
                oneHot(batch, DEC_LEN, DEC_TOKENS, random)};
    }

    private static Tensor oneHot(int batch, int steps, int tokens, SplittableRandom random) {
        Tensor t = Tensor.zeros(batch, steps, tokens);
        for (int r = 0; r < batch * steps; r++) {
            t.data()[r * tokens + random.nextInt(tokens)] = 1f;
        }
        return t;
    }
}
