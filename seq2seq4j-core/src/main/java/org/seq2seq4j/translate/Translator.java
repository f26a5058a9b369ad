package org.seq2seq4j.translate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.Hypothesis;
import org.seq2seq4j.seq2seq.SourcePadding;
import org.seq2seq4j.tensor.Tensor;

/**
 * Text in, text out: a trained {@link TranslationModel} with the tokenizers and vocabularies of its
 * two sides and its default {@link DecodeSettings}. {@link #translate(List, Decoder)} tokenizes the
 * sources, decodes them in batches of similar length (greedy, beam, n-best, any {@link Decoder}
 * option; start and end tokens are set from the target vocabulary) and detokenizes each hypothesis;
 * with {@code returnAttention(true)} every candidate carries its attention rows over the source
 * tokens, ready for {@link org.seq2seq4j.seq2seq.AttentionMaps}. Made by {@link TranslationTrainer}
 * and kept in a model file ({@link #save}, {@link #load}).
 *
 * <p>Thread safety: {@code translate} may be called from several threads at once (each call
 * decodes its own rows through the model's inference path, which only reads the weights); each call
 * returns what it returns alone. A {@link Decoder} is not shared by the calls that use it unless no
 * thread changes it.
 *
 * <pre>{@code
 * Translator translator = Translator.load(Path.of("dates.s2s"));
 * String iso = translator.translate("tuesday june 5 2001").text();             // "2001-06-05"
 * List<Translation> three = translator.translate(List.of("3 May 1979", "05/06/01", "march 3rd 2010"),
 *         Decoder.beam(4).nBest(2).returnAttention(true));
 * }</pre>
 */
public final class Translator {
    /** Sentences decoded together. */
    static final int BATCH = 64;

    private final TokenCodec source;
    private final TokenCodec target;
    private final TranslationModel model;
    private final DecodeSettings defaults;

    public Translator(TokenCodec source, TokenCodec target, TranslationModel model, DecodeSettings defaults) {
        if (source == null || target == null || model == null || defaults == null) {
            throw ConfigException.argument("Translator", "parts", "source and target codecs, a model and settings",
                    null);
        }
        if (target.vocabulary().startIndex() < 0 || target.vocabulary().endIndex() < 0) {
            throw ConfigException.argument("Translator", "target vocabulary", "start and end tokens",
                    target.vocabulary());
        }
        this.source = source;
        this.target = target;
        this.model = model;
        this.defaults = defaults;
    }

    /** The translator saved in {@code file} by {@link #save} (or a training checkpoint). */
    public static Translator load(Path file) {
        return TranslatorFile.read(file, false).translator();
    }

    /** Writes the model file (a temporary file, then an atomic rename). */
    public void save(Path file) {
        TranslatorFile.write(file, this, null);
    }

    public TokenCodec source() {
        return source;
    }

    public TokenCodec target() {
        return target;
    }

    public TranslationModel model() {
        return model;
    }

    public DecodeSettings defaults() {
        return defaults;
    }

    /** A new decoder with the default settings and this model's start and end tokens. */
    public Decoder decoder() {
        return defaults.decoder().startToken(target.vocabulary().startIndex()).endToken(target.vocabulary().endIndex());
    }

    /** One text with the default settings. */
    public Translation translate(String text) {
        return translate(List.of(text)).get(0);
    }

    /** Texts with the default settings, in order. */
    public List<Translation> translate(List<String> texts) {
        return translate(texts, decoder());
    }

    /** Texts with {@code decoder}, in order; its start and end tokens are set to the target vocabulary's. */
    public List<Translation> translate(List<String> texts, Decoder decoder) {
        if (texts == null || decoder == null) {
            throw ConfigException.argument("Translator", "translate", "texts and a decoder", null);
        }
        decoder.startToken(target.vocabulary().startIndex()).endToken(target.vocabulary().endIndex());
        List<TokenCodec.Encoded> encoded = new ArrayList<>(texts.size());
        List<Tensor> inputs = new ArrayList<>(texts.size());
        for (String text : texts) {
            TokenCodec.Encoded e = source.encode(text);
            encoded.add(e);
            inputs.add(sourceTensor(e.ids()));
        }
        List<List<Hypothesis>> decoded = texts.isEmpty() ? List.of()
                : decoder.decodeAll(model.stepDecoder(), inputs, BATCH, SourcePadding.zeros());
        List<Translation> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            TokenCodec.Encoded e = encoded.get(i);
            List<Candidate> candidates = new ArrayList<>();
            for (Hypothesis h : decoded.get(i)) {
                List<String> tokens = target.tokens(h.tokens());
                candidates.add(new Candidate(target.text(tokens), tokens, h.score(),
                        cut(h.attention(), e.ids().length)));
            }
            out.add(new Translation(texts.get(i), e.tokens(), e.unknown(), candidates));
        }
        return out;
    }

    /** The model input of one sentence: {@code (1, tokens)} ids or {@code (1, tokens, vocabulary)} one-hot. */
    Tensor sourceTensor(int[] ids) {
        int steps = Math.max(1, ids.length);
        if (!model.oneHot()) {
            float[] x = new float[steps];
            for (int t = 0; t < ids.length; t++) {
                x[t] = ids[t];
            }
            return Tensor.of(x, 1, steps);
        }
        int v = source.vocabulary().size();
        float[] x = new float[steps * v];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] >= 0) {
                x[t * v + ids[t]] = 1f;
            }
        }
        return Tensor.of(x, 1, steps, v);
    }

    /** Attention rows cut to the sentence's own tokens (the batch may have padded it). */
    private static float[][] cut(float[][] rows, int length) {
        if (rows == null) {
            return null;
        }
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = Arrays.copyOf(rows[i], Math.min(rows[i].length, Math.max(1, length)));
        }
        return out;
    }
}
