package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.Hypothesis;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.text.OneHot;
import org.seq2seq4j.text.TextTokenizer;
import org.seq2seq4j.text.Vocabulary;

/**
 * A {@link TextModel} made of a tokenizer, the source and target vocabularies and a
 * {@link StepDecoder} whose encoder takes one-hot source tokens {@code (batch, timesteps, source
 * vocabulary)}, as the Keras lstm_seq2seq family does. Texts of the same token length are decoded as
 * one batch, without padding, so a text decodes the same whatever else is in its batch.
 *
 * <pre>{@code
 * TextModel m = new DecodingTextModel(new CharTokenizer(), sourceVocabulary, targetVocabulary,
 *         KerasStepDecoder.ofModels(encoderModel, decoderModel, 2), 40);
 * String best = m.translate(List.of("abc"), TranslateOptions.greedy()).get(0).nBest().get(0).text();
 * }</pre>
 */
public final class DecodingTextModel implements TextModel {
    private final TextTokenizer tokenizer;
    private final Vocabulary source;
    private final Vocabulary target;
    private final StepDecoder model;
    private final int maxLength;

    /**
     * The target vocabulary needs start and end tokens (the first token fed back, and the one that
     * ends an output); {@code maxLength} caps the generated tokens.
     */
    public DecodingTextModel(TextTokenizer tokenizer, Vocabulary source, Vocabulary target, StepDecoder model,
            int maxLength) {
        if (target.startIndex() < 0 || target.endIndex() < 0) {
            throw ConfigException.argument("DecodingTextModel", "target", "a vocabulary with start and end tokens",
                    target);
        }
        if (model.outputSize() != target.size()) {
            throw ConfigException.argument("DecodingTextModel", "model", "outputs over the " + target.size()
                    + " target tokens", model.outputSize() + " outputs");
        }
        this.tokenizer = tokenizer;
        this.source = source;
        this.target = target;
        this.model = model;
        this.maxLength = maxLength;
    }

    /** The model being decoded. */
    public StepDecoder stepDecoder() {
        return model;
    }

    @Override
    public List<TextResult> translate(List<String> texts, TranslateOptions options) {
        List<List<String>> tokens = new ArrayList<>();
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            List<String> t = tokenizer.tokenize(texts.get(i));
            if (t.isEmpty()) {
                throw ConfigException.argument("translate", "texts[" + i + "]", "a text with at least one token",
                        "\"\"");
            }
            source.encode(t);                                    // an unknown token fails here, before decoding
            tokens.add(t);
            byLength.computeIfAbsent(t.size(), k -> new ArrayList<>()).add(i);
        }
        TextResult[] out = new TextResult[texts.size()];
        Decoder decoder = decoder(options);
        for (Map.Entry<Integer, List<Integer>> group : byLength.entrySet()) {
            List<int[]> ids = new ArrayList<>();
            group.getValue().forEach(i -> ids.add(source.encode(tokens.get(i))));
            Tensor x = OneHot.encode(ids, group.getKey(), source.size());
            int[] lengths = new int[ids.size()];
            Arrays.fill(lengths, group.getKey());
            List<List<Hypothesis>> decoded = decoder.decode(model, List.of(x), lengths);
            for (int k = 0; k < ids.size(); k++) {
                int i = group.getValue().get(k);
                out[i] = new TextResult(tokens.get(i), translations(decoded.get(k)));
            }
        }
        return List.of(out);
    }

    private Decoder decoder(TranslateOptions options) {
        Decoder d = options.beam() == 1 ? Decoder.greedy() : Decoder.beam(options.beam()).nBest(options.nBest());
        return d.startToken(target.startIndex()).endToken(target.endIndex()).maxLength(maxLength)
                .returnAttention(options.attention());
    }

    private List<Translation> translations(List<Hypothesis> hypotheses) {
        List<Translation> out = new ArrayList<>();
        for (Hypothesis h : hypotheses) {
            List<String> t = target.decode(h.tokens());
            out.add(new Translation(tokenizer.detokenize(t), t, h.score(), h.normalizedScore(), h.attention()));
        }
        return out;
    }
}
