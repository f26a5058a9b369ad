package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.tensor.Tensor;

/**
 * Keras's {@code keras.preprocessing.text.Tokenizer} (keras-preprocessing 1.1, the class Keras 2 code
 * uses), with the same defaults and results, for porting Keras code. Arguments: {@code numWords} (null:
 * keep every word; else only indices below it are used), {@code filters} (removed characters, default
 * {@link #DEFAULT_FILTERS}: ASCII punctuation except the apostrophe, plus tab and newline),
 * {@code lower} (true), {@code split} (" "), {@code charLevel} (false; then every character is a token
 * and filters are not applied) and {@code oovToken} (null; if set it gets index 1 and stands for unknown
 * words). {@code fitOnTexts} counts words; {@code wordIndex} numbers them from 1 by count, most frequent
 * first, ties in order of first appearance; 0 is never assigned. {@link #toJson()} writes and
 * {@link #fromJson} reads Keras's own {@code tokenizer.to_json()} format.
 *
 * <pre>{@code
 * Tokenizer tok = new Tokenizer().numWords(10).oovToken("<unk>");
 * tok.fitOnTexts(List.of("The cat sat on the mat.", "The dog sat on the log.", "Dogs and cats living together."));
 * // tok.wordIndex() -> {<unk>=1, the=2, sat=3, on=4, cat=5, mat=6, dog=7, log=8, dogs=9, and=10, cats=11, ...}
 * List<int[]> seqs = tok.textsToSequences(List.of("The cat sat on the mat."));      // [[2, 5, 3, 4, 2, 6]]
 * List<String> texts = tok.sequencesToTexts(tok.textsToSequences(List.of("Dogs and cats living together.")));
 * // texts -> [dogs <unk> <unk> <unk> <unk>]
 * }</pre>
 */
public final class Tokenizer {
    /** Keras's default filters: {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~} plus tab and newline. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private Integer numWords;
    private String filters = DEFAULT_FILTERS;
    private boolean lower = true;
    private String split = " ";
    private boolean charLevel;
    private String oovToken;
    private int documentCount;
    private final LinkedHashMap<String, Integer> wordCounts = new LinkedHashMap<>();
    private final LinkedHashMap<String, Integer> wordDocs = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, Integer> indexDocs = new LinkedHashMap<>();
    private LinkedHashMap<String, Integer> wordIndex = new LinkedHashMap<>();
    private LinkedHashMap<Integer, String> indexWord = new LinkedHashMap<>();

    /** Keep only the words with index below {@code numWords} when converting (null, the default: all). */
    public Tokenizer numWords(Integer numWords) {
        if (numWords != null && numWords < 0) {
            throw ConfigException.argument("Tokenizer", "num_words", "null or >= 0", numWords);
        }
        this.numWords = numWords;
        return this;
    }

    /** Characters removed before splitting (default {@link #DEFAULT_FILTERS}). */
    public Tokenizer filters(String filters) {
        this.filters = filters == null ? "" : filters;
        return this;
    }

    /** Lowercase the texts (default true). */
    public Tokenizer lower(boolean lower) {
        this.lower = lower;
        return this;
    }

    /** The word separator (default " "). */
    public Tokenizer split(String split) {
        if (split == null || split.isEmpty()) {
            throw ConfigException.argument("Tokenizer", "split", "a non-empty string", split == null ? "null" : "\"\"");
        }
        this.split = split;
        return this;
    }

    /** Every character is a token (default false). */
    public Tokenizer charLevel(boolean charLevel) {
        this.charLevel = charLevel;
        return this;
    }

    /** The token for unknown words, index 1 (default null: unknown words are dropped). */
    public Tokenizer oovToken(String oovToken) {
        this.oovToken = oovToken;
        return this;
    }

    /**
     * Keras's {@code text_to_word_sequence}: lowercase if asked, replace each filter character by
     * {@code split}, split on {@code split}, drop empty parts.
     */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (filters.indexOf(cp) >= 0) {
                sb.append(split);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = sb.indexOf(split, from);
            String part = sb.substring(from, at < 0 ? sb.length() : at);
            if (!part.isEmpty()) {
                out.add(part);
            }
            if (at < 0) {
                return out;
            }
            from = at + split.length();
        }
    }

    private List<String> tokens(String text) {
        if (charLevel) {
            return new CharTokenizer().lower(lower).tokenize(text);
        }
        return textToWordSequence(text, filters, lower, split);
    }

    /** Counts the words of {@code texts} and renumbers {@link #wordIndex()} (Keras {@code fit_on_texts}). */
    public void fitOnTexts(List<String> texts) {
        List<List<String>> tokenized = new ArrayList<>(texts.size());
        for (String t : texts) {
            tokenized.add(tokens(t));
        }
        fitOnTokenLists(tokenized, false);
    }

    /** {@code fit_on_texts} on texts given as lists of tokens (lowercased if {@code lower}). */
    public void fitOnTokenized(List<List<String>> texts) {
        fitOnTokenLists(texts, lower);
    }

    private void fitOnTokenLists(List<List<String>> texts, boolean lowercase) {
        for (List<String> raw : texts) {
            documentCount++;
            List<String> seq = lowercase ? raw.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList() : raw;
            for (String w : seq) {
                wordCounts.merge(w, 1, Integer::sum);
            }
            for (String w : new LinkedHashSet<>(seq)) {
                wordDocs.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> counts = new ArrayList<>(wordCounts.entrySet());
        counts.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));   // stable, as Python's sort
        List<String> sortedVoc = new ArrayList<>();
        if (oovToken != null) {
            sortedVoc.add(oovToken);
        }
        counts.forEach(e -> sortedVoc.add(e.getKey()));
        wordIndex = new LinkedHashMap<>();
        for (int i = 0; i < sortedVoc.size(); i++) {
            wordIndex.put(sortedVoc.get(i), i + 1);      // a repeated word keeps its first place, last index
        }
        indexWord = new LinkedHashMap<>();
        wordIndex.forEach((w, i) -> indexWord.put(i, w));
        wordDocs.forEach((w, c) -> indexDocs.put(wordIndex.get(w), c));
    }

    /** Counts in how many sequences each index occurs (Keras {@code fit_on_sequences}). */
    public void fitOnSequences(List<int[]> sequences) {
        documentCount += sequences.size();
        for (int[] seq : sequences) {
            Set<Integer> seen = new LinkedHashSet<>();
            for (int i : seq) {
                seen.add(i);
            }
            seen.forEach(i -> indexDocs.merge(i, 1, Integer::sum));
        }
    }

    /**
     * Each text as word indices (Keras {@code texts_to_sequences}): unknown words and, with numWords, indices
     * {@code >= numWords} become the OOV index, or are dropped if there is no OOV token.
     */
    public List<int[]> textsToSequences(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        Integer oov = oovToken == null ? null : wordIndex.get(oovToken);
        for (String text : texts) {
            List<String> seq = tokens(text);
            int[] v = new int[seq.size()];
            int n = 0;
            for (String w : seq) {
                Integer i = wordIndex.get(w);
                if (i != null && !beyondNumWords(i)) {
                    v[n++] = i;
                } else if (oov != null) {       // a known word beyond numWords, or an unknown word
                    v[n++] = oov;
                }
            }
            out.add(Arrays.copyOf(v, n));
        }
        return out;
    }

    /** Keras's {@code if num_words and i >= num_words}: 0 and null both mean no limit. */
    private boolean beyondNumWords(int i) {
        return numWords != null && numWords != 0 && i >= numWords;
    }

    /** Each sequence as its words joined by spaces (Keras {@code sequences_to_texts}), same rules for OOV. */
    public List<String> sequencesToTexts(List<int[]> sequences) {
        List<String> out = new ArrayList<>(sequences.size());
        Integer oov = oovToken == null ? null : wordIndex.get(oovToken);
        for (int[] seq : sequences) {
            List<String> words = new ArrayList<>();
            for (int num : seq) {
                String w = indexWord.get(num);
                if (w != null && !beyondNumWords(num)) {
                    words.add(w);
                } else if (oov != null) {
                    words.add(indexWord.get(oov));
                }
            }
            out.add(String.join(" ", words));
        }
        return out;
    }

    /** Keras {@code texts_to_matrix}: {@code sequencesToMatrix(textsToSequences(texts), mode)}. */
    public Tensor textsToMatrix(List<String> texts, String mode) {
        return sequencesToMatrix(textsToSequences(texts), mode);
    }

    /**
     * Keras {@code sequences_to_matrix}: one row per sequence and one column per index below numWords (or
     * {@code wordIndex().size() + 1}); mode {@code binary} (1 if present), {@code count}, {@code freq}
     * (count / length) or {@code tfidf} ({@code (1 + ln count) * ln(1 + docs / (1 + docs with the index))}).
     */
    public Tensor sequencesToMatrix(List<int[]> sequences, String mode) {
        int width;
        if (numWords == null || numWords == 0) {
            if (wordIndex.isEmpty()) {
                throw ConfigException.argument("Tokenizer", "num_words", "set, or the tokenizer fitted first", null);
            }
            width = wordIndex.size() + 1;
        } else {
            width = numWords;
        }
        if (!List.of("binary", "count", "freq", "tfidf").contains(mode)) {
            throw ConfigException.argument("Tokenizer", "mode", "one of binary, count, freq, tfidf", "'" + mode + "'");
        }
        if (mode.equals("tfidf") && documentCount == 0) {
            throw ConfigException.argument("Tokenizer", "mode", "binary, count or freq before fitting", "'tfidf'");
        }
        float[] x = new float[sequences.size() * width];
        for (int r = 0; r < sequences.size(); r++) {
            int[] seq = sequences.get(r);
            Map<Integer, Integer> counts = new HashMap<>();
            for (int j : seq) {
                if (j < width) {
                    counts.merge(j, 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                int j = e.getKey();
                int c = e.getValue();
                double v = switch (mode) {
                    case "count" -> c;
                    case "freq" -> (double) c / seq.length;
                    case "binary" -> 1;
                    default -> (1 + Math.log(c))
                            * Math.log(1 + (double) documentCount / (1 + indexDocs.getOrDefault(j, 0)));
                };
                x[r * width + j] = (float) v;
            }
        }
        return Tensor.of(x, sequences.size(), width);
    }

    /** Word to index, in Keras's order. */
    public Map<String, Integer> wordIndex() {
        return Collections.unmodifiableMap(wordIndex);
    }

    /** Index to word. */
    public Map<Integer, String> indexWord() {
        return Collections.unmodifiableMap(indexWord);
    }

    /** Word to count, in order of first appearance. */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** Word to the number of texts it occurs in. */
    public Map<String, Integer> wordDocs() {
        return Collections.unmodifiableMap(wordDocs);
    }

    /** Index to the number of texts it occurs in. */
    public Map<Integer, Integer> indexDocs() {
        return Collections.unmodifiableMap(indexDocs);
    }

    /** Texts (and sequences) fitted on so far. */
    public int documentCount() {
        return documentCount;
    }

    /** Keras's {@code tokenizer.to_json()}: the config with its word maps as JSON strings, as Keras writes it. */
    public String toJson() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_words", numWords);
        c.put("filters", filters);
        c.put("lower", lower);
        c.put("split", split);
        c.put("char_level", charLevel);
        c.put("oov_token", oovToken);
        c.put("document_count", documentCount);
        c.put("word_counts", Json.writeAscii(wordCounts));
        c.put("word_docs", Json.writeAscii(wordDocs));
        c.put("index_docs", Json.writeAscii(stringKeys(indexDocs)));
        c.put("index_word", Json.writeAscii(stringKeys(indexWord)));
        c.put("word_index", Json.writeAscii(wordIndex));
        return Config.toJson("Tokenizer", c);
    }

    private static Map<String, Object> stringKeys(Map<Integer, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(Integer.toString(k), v));
        return out;
    }

    /** Keras's {@code tokenizer_from_json}: reads what Keras's {@code to_json()} (or {@link #toJson()}) wrote. */
    public static Tokenizer fromJson(String json) {
        String source = "Keras tokenizer JSON";
        Config c = Config.of(Json.readObject(json, source), source);
        if (!c.className().equals("Tokenizer")) {
            throw new ModelFormatException(source, "$.class_name", "expected Tokenizer but found " + c.className());
        }
        Tokenizer t = new Tokenizer().numWords(c.integer("num_words", null)).filters(c.string("filters"))
                .lower(c.bool("lower", true)).split(c.has("split") ? c.string("split") : " ")
                .charLevel(c.bool("char_level", false)).oovToken(c.string("oov_token"));
        t.documentCount = c.integer("document_count", 0);
        intMap(c, "word_counts").forEach((k, v) -> t.wordCounts.put(k, v));
        intMap(c, "word_docs").forEach((k, v) -> t.wordDocs.put(k, v));
        intMap(c, "index_docs").forEach((k, v) -> t.indexDocs.put(intKey(c, "index_docs", k), v));
        intMap(c, "word_index").forEach((k, v) -> t.wordIndex.put(k, v));
        Map<String, Object> iw = Json.readObject(jsonString(c, "index_word"), source + " $.config.index_word");
        iw.forEach((k, v) -> {
            if (!(v instanceof String w)) {
                throw c.error("index_word", "value of " + k + " must be a string");
            }
            t.indexWord.put(intKey(c, "index_word", k), w);
        });
        return t;
    }

    private static String jsonString(Config c, String key) {
        String s = c.string(key);
        return s == null ? "{}" : s;
    }

    private static Map<String, Integer> intMap(Config c, String key) {
        Map<String, Object> m = Json.readObject(jsonString(c, key), "Keras tokenizer JSON $.config." + key);
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!(v instanceof Integer i)) {
                throw c.error(key, "value of " + Json.writeAscii(k) + " must be an integer");
            }
            out.put(k, i);
        });
        return out;
    }

    private static int intKey(Config c, String key, String k) {
        try {
            return Integer.parseInt(k);
        } catch (NumberFormatException e) {
            throw c.error(key, "key " + Json.writeAscii(k) + " must be an integer");
        }
    }
}
