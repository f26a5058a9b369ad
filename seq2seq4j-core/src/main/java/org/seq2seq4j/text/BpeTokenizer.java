package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * Subword tokens: each word of a pre-tokenizer (by default the space-separated parts of the text, as
 * subword-nmt expects already tokenized text) is split into the units of learned {@link BpeCodes}; every
 * unit but a word's last ends with the separator {@code @@}, so {@link #detokenize} can glue them back.
 *
 * <pre>{@code
 * List<String> corpus = List.of("low low low low low lower lower newest newest newest newest newest newest "
 *         + "widest widest widest");
 * BpeTokenizer bpe = BpeTokenizer.learn(corpus, 3, 2, new WordTokenizer());
 * List<String> tokens = bpe.tokenize("lowest newer");   // [lo@@, w@@, est, n@@, e@@, w@@, e@@, r]
 * String text = bpe.detokenize(tokens);                 // "lowest newer"
 * }</pre>
 */
public final class BpeTokenizer implements TextTokenizer {
    /** The separator after every non-final unit of a word. */
    public static final String SEPARATOR = "@@";

    private final BpeCodes codes;
    private final TextTokenizer words;

    /** Splits words with {@code codes}; {@code words} finds the words (null: split the text on spaces). */
    public BpeTokenizer(BpeCodes codes, TextTokenizer words) {
        this.codes = codes;
        this.words = words;
    }

    /** Learns {@code numSymbols} merges from the words (by {@code words}, or spaces if null) of {@code texts}. */
    public static BpeTokenizer learn(List<String> texts, int numSymbols, int minFrequency, TextTokenizer words) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : texts) {
            for (String w : split(words, t)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        return new BpeTokenizer(BpeCodes.learnFromCounts(counts, numSymbols, minFrequency), words);
    }

    private static List<String> split(TextTokenizer words, String text) {
        if (words != null) {
            return words.tokenize(text);
        }
        List<String> out = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The merges. */
    public BpeCodes codes() {
        return codes;
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String w : split(words, text)) {
            List<String> units = codes.segmentWord(w);
            for (int k = 0; k < units.size(); k++) {
                out.add(k + 1 < units.size() ? units.get(k) + SEPARATOR : units.get(k));
            }
        }
        return out;
    }

    @Override
    public String detokenize(List<String> tokens) {
        List<String> ws = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String t : tokens) {
            if (t.endsWith(SEPARATOR)) {
                cur.append(t, 0, t.length() - SEPARATOR.length());
            } else {
                ws.add(cur.append(t).toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            ws.add(cur.toString());     // a decoder may stop inside a word
        }
        return words != null ? words.detokenize(ws) : String.join(" ", ws);
    }

    @Override
    public String toJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("codes", codes.toCodesFile());
        c.put("words", words == null ? null : Json.read(words.toJson(), "tokenizer JSON"));
        return Config.toJson("BpeTokenizer", c);
    }

    static BpeTokenizer fromConfig(Config c) {
        String codes = c.string("codes");
        if (codes == null) {
            throw c.error("codes", "missing");
        }
        Object w = c.raw("words");
        if (w != null && !(w instanceof Map)) {
            throw new ModelFormatException("tokenizer JSON", "$.config.words", "expected a tokenizer object");
        }
        return new BpeTokenizer(BpeCodes.fromCodesFile(codes),
                w == null ? null : TextTokenizer.fromJson(Json.writeAscii(w)));
    }
}
