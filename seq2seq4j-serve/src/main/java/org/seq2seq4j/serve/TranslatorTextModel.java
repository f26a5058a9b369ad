package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.translate.Candidate;
import org.seq2seq4j.translate.DecodeSettings;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.Translator;

/**
 * A {@link Translator} (a model file written by {@code train}, the date demo's {@code --save} or
 * {@code TranslationTrainer}) served as a text model: a request's beam and n-best choose the
 * decoder, the translator's saved settings give the maximum length.
 *
 * <pre>{@code
 * TextModel m = new TranslatorTextModel(Translator.load(Path.of("dates.s2s")));
 * String iso = m.translate(List.of("3 may 1979"), TranslateOptions.greedy()).get(0).nBest().get(0).text();
 * }</pre>
 */
public final class TranslatorTextModel implements TextModel {
    private final Translator translator;

    public TranslatorTextModel(Translator translator) {
        this.translator = translator;
    }

    @Override
    public List<TextResult> translate(List<String> texts, TranslateOptions options) {
        DecodeSettings saved = translator.defaults();
        Decoder d = new DecodeSettings(options.beam(), options.nBest(), saved.maxLengthA(), saved.maxLengthB()).decoder()
                .returnAttention(options.attention());
        List<TextResult> out = new ArrayList<>(texts.size());
        for (Translation t : translator.translate(texts, d)) {
            List<org.seq2seq4j.serve.Translation> nBest = new ArrayList<>();
            for (Candidate c : t.candidates()) {
                nBest.add(new org.seq2seq4j.serve.Translation(c.text(), c.tokens(), c.score(), c.normalizedScore(),
                        c.attention()));
            }
            out.add(new TextResult(t.sourceTokens(), nBest));
        }
        return out;
    }
}
