package org.seq2seq4j.text;

import org.seq2seq4j.ConfigException;

/**
 * The tokenizers sacreBLEU applies before counting n-grams, each under its sacreBLEU name
 * ({@code tokenize=} argument and signature entry). The output is the tokenized line with single
 * spaces between tokens, as sacreBLEU's tokenizer returns it.
 * <ul>
 *   <li>{@code 13a}: mteval-v13a.pl, the WMT default: splits off punctuation and symbols, and periods and
 *       commas unless next to a digit, and dashes after a digit; unescapes {@code &quot; &amp; &lt; &gt;}.</li>
 *   <li>{@code intl}: mteval-v14 international: splits off Unicode punctuation unless between digits,
 *       and every Unicode symbol.</li>
 *   <li>{@code char}: every character is a token (the characters joined by spaces; whitespace ones are dropped
 *       when the result is split into tokens).</li>
 *   <li>{@code none}: the line as it is (tokens are its whitespace-separated parts).</li>
 * </ul>
 * The Chinese ({@code zh}), MeCab ({@code ja-mecab}, {@code ko-mecab}) and SentencePiece tokenizers are not
 * provided.
 *
 * <pre>{@code
 * String t = BleuTokenizer.of("13a").tokenize("It wasn't 3.5%, \"really\".");
 * // t -> It wasn't 3.5 % , " really " .
 * }</pre>
 */
public enum BleuTokenizer {
    /** No tokenization: whitespace-separated words as they are. */
    NONE("none") {
        @Override
        public String tokenize(String line) {
            return line;
        }
    },
    /** mteval-v13a, sacreBLEU's default. */
    MTEVAL_13A("13a") {
        @Override
        public String tokenize(String line) {
            return Tokenizer13a.tokenize(line);
        }
    },
    /** mteval-v14 international tokenization on Unicode punctuation and symbol classes. */
    INTL("intl") {
        @Override
        public String tokenize(String line) {
            return TokenizerIntl.tokenize(line);
        }
    },
    /** Character-level: each non-whitespace code point is a token. */
    CHAR("char") {
        @Override
        public String tokenize(String line) {
            StringBuilder sb = new StringBuilder(line.length() * 2);
            line.codePoints().forEach(cp -> (sb.length() == 0 ? sb : sb.append(' ')).appendCodePoint(cp));
            return sb.toString();
        }
    };

    private final String signature;

    BleuTokenizer(String signature) {
        this.signature = signature;
    }

    /** Tokenizes one line as sacreBLEU's tokenizer of the same name does. */
    public abstract String tokenize(String line);

    /** The sacreBLEU name, used in signatures: {@code 13a}, {@code intl}, {@code char}, {@code none}. */
    public String signature() {
        return signature;
    }

    /** The tokenizer with sacreBLEU name {@code name}; a {@link ConfigException} lists the known names. */
    public static BleuTokenizer of(String name) {
        return Choices.of(values(), BleuTokenizer::signature, "BLEU", "tokenize", name);
    }
}
