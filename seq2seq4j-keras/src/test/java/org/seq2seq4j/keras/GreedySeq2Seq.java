package org.seq2seq4j.keras;

import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.Hypothesis;
import org.seq2seq4j.seq2seq.KerasStepDecoder;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Tensor;

/**
 * Test helper for trained Keras {@code lstm_seq2seq} models ({@code [encoder_in, decoder_in] ->
 * LSTM -> LSTM(initial_state) -> Dense}): the encoder and one-step decoder inference models rebuilt
 * from its layers as the Keras example does (for the reference numbers), and greedy decoding
 * through the library's decoder.
 */
final class GreedySeq2Seq {
    private final Model encoder;
    private final Model decoder;
    private final int tokens;
    private final StepDecoder steps;

    private GreedySeq2Seq(Model encoder, Model decoder, int tokens, StepDecoder steps) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokens = tokens;
        this.steps = steps;
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
        return new GreedySeq2Seq(encoder, decoder, token.shape().last(), KerasStepDecoder.ofLstmSeq2seq(f));
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
     * Greedy decode of every row of {@code x} through the library's decoder
     * ({@link KerasStepDecoder#ofLstmSeq2seq(Functional)} and {@link Decoder#greedy()}): from
     * {@code start}, the argmax token each step, until {@code stop} was emitted (kept in the result,
     * as the references keep it) or {@code maxTokens} were emitted.
     */
    int[][] decode(Tensor x, int start, int stop, int maxTokens) {
        List<List<Hypothesis>> decoded = Decoder.greedy().startToken(start).endToken(stop).maxLength(maxTokens)
                .decode(steps, x);
        int[][] out = new int[decoded.size()][];
        for (int b = 0; b < out.length; b++) {
            int[] t = decoded.get(b).get(0).tokens();
            boolean stopped = t.length < maxTokens;
            out[b] = stopped ? Arrays.copyOf(t, t.length + 1) : t;
            if (stopped) {
                out[b][t.length] = stop;
            }
        }
        return out;
    }
}
