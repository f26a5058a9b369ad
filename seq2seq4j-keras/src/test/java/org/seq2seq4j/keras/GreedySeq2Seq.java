package org.seq2seq4j.keras;

import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * Test helper until the library has a decoding API: the encoder and one-step decoder inference
 * models of a trained Keras {@code lstm_seq2seq} model ({@code [encoder_in, decoder_in] -> LSTM ->
 * LSTM(initial_state) -> Dense}), rebuilt from its layers as the Keras example does, and a batched
 * greedy decode.
 */
final class GreedySeq2Seq {
    private final Model encoder;
    private final Model decoder;
    private final int tokens;

    private GreedySeq2Seq(Model encoder, Model decoder, int tokens) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokens = tokens;
    }

    static GreedySeq2Seq of(Model trained) {
        Functional f = (Functional) trained;
        Node denseCall = f.outputs().get(0).node();
        Node decoderCall = denseCall.inputs().get(0).node();
        Layer dense = denseCall.layer();
        List<KerasTensor> states = decoderCall.inputs().subList(1, 3);
        Model encoder = Model.of(List.of(f.inputs().get(0)), states);
        int latent = states.get(0).shape().dims()[1];
        KerasTensor h = Input.of(latent);
        KerasTensor c = Input.of(latent);
        KerasTensor token = decoderCall.inputs().get(0);
        List<KerasTensor> step = decoderCall.layer().applyAll(token, h, c);
        Model decoder = Model.of(List.of(token, h, c), List.of(dense.apply(step.get(0)), step.get(1), step.get(2)));
        return new GreedySeq2Seq(encoder, decoder, token.shape().last());
    }

    /** The encoder's final states [h, c] for a batch of encoder inputs. */
    List<Tensor> encode(Tensor x) {
        return encoder.predictAll(List.of(x), x.shape().dims()[0]);
    }

    /** The decoder's output probabilities for one step from {@code token} (one id per row) and the states. */
    List<Tensor> step(int[] token, List<Tensor> states) {
        Tensor y = Tensors.oneHot(new int[][] {token}, tokens);
        y = y.reshape(token.length, 1, tokens);
        return decoder.predictAll(List.of(y, states.get(0), states.get(1)), token.length);
    }

    /**
     * Greedy decode of every row of {@code x}: from {@code start}, the argmax token each step, until
     * {@code stop} was emitted (kept in the result) or {@code maxTokens} were emitted.
     */
    int[][] decode(Tensor x, int start, int stop, int maxTokens) {
        int n = x.shape().dims()[0];
        List<Tensor> states = encode(x);
        int[][] out = new int[n][];
        int[] len = new int[n];
        int[][] buf = new int[n][maxTokens];
        int[] tok = new int[n];
        Arrays.fill(tok, start);
        for (int remaining = n; remaining > 0; ) {
            List<Tensor> o = step(tok, states);
            states = o.subList(1, 3);
            for (int b = 0; b < n; b++) {
                if (out[b] != null) {
                    continue;
                }
                tok[b] = Tensors.argmax(o.get(0), b);
                buf[b][len[b]++] = tok[b];
                if (tok[b] == stop || len[b] == maxTokens) {
                    out[b] = Arrays.copyOf(buf[b], len[b]);
                    remaining--;
                }
            }
        }
        return out;
    }
}
