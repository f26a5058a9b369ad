package org.seq2seq4j.translate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;

/**
 * The shape of a translation model: enough to build it again before its weights are loaded.
 * {@code cell} is {@code "lstm"} or {@code "gru"}; {@code units} is the encoder's size per
 * direction (a bidirectional encoder gives the decoder {@code 2 * units}); {@code layers} stacked
 * recurrent layers on each side, decoder layer {@code k} started from encoder layer {@code k}'s
 * final states; {@code embeddingDim} the size of the token embeddings (attention models);
 * {@code attention} {@code "bahdanau"} (AdditiveAttention) or {@code "luong"} (dot-product
 * Attention).
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec(Architecture.ATTENTION, "lstm", 64, 1, 32, true, "bahdanau", 40, 14);
 * ModelSpec same = ModelSpec.fromMap(spec.toMap(), "model.s2s");
 * }</pre>
 *
 * @param sourceVocabulary the number of source tokens (specials included)
 * @param targetVocabulary the number of target tokens (specials included)
 */
public record ModelSpec(Architecture architecture, String cell, int units, int layers, int embeddingDim,
                        boolean bidirectional, String attention, int sourceVocabulary, int targetVocabulary) {
    public ModelSpec {
        if (architecture == null) {
            throw ConfigException.argument("ModelSpec", "architecture", "an Architecture", null);
        }
        cell = cell == null ? "lstm" : cell.toLowerCase(Locale.ROOT);
        if (!cell.equals("lstm") && !cell.equals("gru")) {
            throw ConfigException.argument("ModelSpec", "cell", "lstm or gru", cell);
        }
        attention = attention == null ? "bahdanau" : attention.toLowerCase(Locale.ROOT);
        if (!attention.equals("bahdanau") && !attention.equals("luong")) {
            throw ConfigException.argument("ModelSpec", "attention", "bahdanau or luong", attention);
        }
        positive("units", units);
        positive("layers", layers);
        positive("embedding_dim", embeddingDim);
        positive("source_vocabulary", sourceVocabulary);
        positive("target_vocabulary", targetVocabulary);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw ConfigException.argument("ModelSpec", name, "an integer >= 1", v);
        }
    }

    /** The number of states each recurrent layer passes on: 2 (h, c) for LSTM, 1 for GRU. */
    public int statesPerLayer() {
        return cell.equals("lstm") ? 2 : 1;
    }

    /** The decoder's units: {@code units}, or twice that after a bidirectional encoder. */
    public int decoderUnits() {
        return bidirectional ? 2 * units : units;
    }

    /** The settings with their model-file keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", architecture.cliName());
        m.put("cell", cell);
        m.put("units", units);
        m.put("layers", layers);
        m.put("embedding_dim", embeddingDim);
        m.put("bidirectional", bidirectional);
        m.put("attention", attention);
        m.put("source_vocabulary", sourceVocabulary);
        m.put("target_vocabulary", targetVocabulary);
        return m;
    }

    /**
     * The settings {@link #toMap} wrote; a missing or wrong entry is a {@link ModelFormatException} naming
     * {@code source}.
     */
    public static ModelSpec fromMap(Map<String, Object> m, String source) {
        try {
            return new ModelSpec(Architecture.of(string(m, "arch", source)), string(m, "cell", source),
                    integer(m, "units", source), integer(m, "layers", source), integer(m, "embedding_dim", source),
                    bool(m, "bidirectional", source), string(m, "attention", source),
                    integer(m, "source_vocabulary", source), integer(m, "target_vocabulary", source));
        } catch (ConfigException e) {
            throw new ModelFormatException(source, "model settings", e.getMessage(), e);
        }
    }

    static String string(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof String s)) {
            throw new ModelFormatException(source, "$." + key, "missing or not a string");
        }
        return s;
    }

    static int integer(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof Number n) || n instanceof Double || n.longValue() < Integer.MIN_VALUE
                || n.longValue() > Integer.MAX_VALUE) {
            throw new ModelFormatException(source, "$." + key, "missing or not an integer");
        }
        return n.intValue();
    }

    static boolean bool(Map<String, Object> m, String key, String source) {
        if (!(m.get(key) instanceof Boolean b)) {
            throw new ModelFormatException(source, "$." + key, "missing or not true/false");
        }
        return b;
    }
}
