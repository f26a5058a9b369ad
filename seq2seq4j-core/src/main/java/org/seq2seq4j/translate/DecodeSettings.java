package org.seq2seq4j.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.seq2seq.Decoder;

/**
 * The decoding a {@link Translator} uses when none is given, kept in its model file: beam size
 * (1 = greedy), how many hypotheses to return, and the longest output as
 * {@code maxLengthA * sourceTokens + maxLengthB} tokens.
 *
 * <pre>{@code
 * DecodeSettings d = new DecodeSettings(5, 1, 1.5, 10);
 * Decoder decoder = d.decoder();                 // Decoder.beam(5).nBest(1).maxLength(1.5, 10)
 * }</pre>
 */
public record DecodeSettings(int beamSize, int nBest, double maxLengthA, int maxLengthB) {
    public DecodeSettings {
        if (beamSize < 1) {
            throw ConfigException.argument("DecodeSettings", "beam_size", "an integer >= 1", beamSize);
        }
        if (nBest < 1 || nBest > beamSize) {
            throw ConfigException.argument("DecodeSettings", "n_best", "in [1, beam_size = " + beamSize + "]", nBest);
        }
        if (!(maxLengthA >= 0) || Double.isInfinite(maxLengthA) || maxLengthB < 1) {
            throw ConfigException.argument("DecodeSettings", "max_length", "a >= 0 and b >= 1", maxLengthA + " * len + "
                    + maxLengthB);
        }
    }

    /** Greedy decoding of at most {@code 2 * sourceTokens + 10} tokens. */
    public static DecodeSettings defaults() {
        return new DecodeSettings(1, 1, 2.0, 10);
    }

    /** A new decoder with these settings (start and end tokens are set by the translator). */
    public Decoder decoder() {
        Decoder d = beamSize == 1 ? Decoder.greedy() : Decoder.beam(beamSize);
        return d.nBest(nBest).maxLength(maxLengthA, maxLengthB);
    }

    /** The settings with their model-file keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("beam_size", beamSize);
        m.put("n_best", nBest);
        m.put("max_length_a", maxLengthA);
        m.put("max_length_b", maxLengthB);
        return m;
    }

    /** The settings {@link #toMap} wrote; a bad entry is a {@link ModelFormatException} naming {@code source}. */
    public static DecodeSettings fromMap(Map<String, Object> m, String source) {
        if (!(m.get("max_length_a") instanceof Number a)) {
            throw new ModelFormatException(source, "$.max_length_a", "missing or not a number");
        }
        try {
            return new DecodeSettings(ModelSpec.integer(m, "beam_size", source), ModelSpec.integer(m, "n_best", source),
                    a.doubleValue(), ModelSpec.integer(m, "max_length_b", source));
        } catch (ConfigException e) {
            throw new ModelFormatException(source, "decoding settings", e.getMessage(), e);
        }
    }
}
