package org.seq2seq4j.spark;

import java.util.List;
import java.util.UUID;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.translate.DecodeSettings;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.Translator;

/**
 * Translators from the model files {@code train} writes ({@link Translator}: model, tokenizers,
 * vocabularies and decoding settings in one {@code .s2s}), for distributed decoding with the same
 * file as on one machine. Each executor loads the file once; every call decodes with a new decoder
 * of the file's settings (or the beam size given), so concurrent tasks share nothing mutable.
 *
 * <pre>{@code
 * TranslatorSource saved = TranslatorFiles.of(SharedFile.broadcast(sc, modelFile));      // the file's settings
 * TranslatorSource beam5 = TranslatorFiles.of(SharedFile.shared(modelFile.toString()), 5);
 * }</pre>
 */
public final class TranslatorFiles {
    private TranslatorFiles() {
    }

    /** The translator in {@code file} with the decoding settings saved in it. */
    public static TranslatorSource of(SharedFile file) {
        return of(file, 0);
    }

    /** The translator in {@code file} with beam size {@code beam} (1: greedy; 0: the file's). */
    public static TranslatorSource of(SharedFile file, int beam) {
        if (file == null || beam < 0) {
            throw ConfigException.argument("TranslatorFiles", file == null ? "file" : "beam",
                    file == null ? "a SharedFile of a model file" : "an integer >= 0 (0: the file's)",
                    file == null ? null : beam);
        }
        String key = "translator:" + file.key() + ":" + UUID.randomUUID();
        return new TranslatorSource() {
            private static final long serialVersionUID = 1L;

            @Override
            public String key() {
                return key;
            }

            @Override
            public SentenceTranslator load() {
                Translator t = file.read(Translator::load);
                DecodeSettings d = t.defaults();
                DecodeSettings s = beam == 0 ? d : new DecodeSettings(beam, 1, d.maxLengthA(), d.maxLengthB());
                return sentences -> results(t.translate(sentences, s.decoder()));
            }

            @Override
            public String toString() {
                return "the translator in " + file.name();
            }
        };
    }

    private static List<SentenceTranslator.Result> results(List<Translation> ts) {
        return ts.stream().map(t -> new SentenceTranslator.Result(t.text(), t.best().score())).toList();
    }
}
