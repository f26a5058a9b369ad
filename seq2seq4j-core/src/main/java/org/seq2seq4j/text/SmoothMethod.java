package org.seq2seq4j.text;

import org.seq2seq4j.ConfigException;

/**
 * BLEU smoothing for n-gram orders without matches, under sacreBLEU's names (Chen and Cherry 2014):
 * {@code none}; {@code floor} (method 1: a zero count becomes the smoothing value, default 0.1);
 * {@code add-k} (method 2: k, default 1, added to the counts and totals of orders 2 and up);
 * {@code exp} (method 3, NIST/mteval-v13a and sacreBLEU's default: the k-th order without matches gets
 * precision 1 / (2^k total)).
 *
 * <pre>{@code
 * BLEU bleu = new BLEU().smoothMethod(SmoothMethod.of("floor")).smoothValue(0.1);
 * }</pre>
 */
public enum SmoothMethod {
    /** No smoothing. */
    NONE("none", null),
    /** Method 1: a zero match count counts as the smoothing value. */
    FLOOR("floor", 0.1),
    /** Method 2: the smoothing value is added to matches and totals of orders 2 and up. */
    ADD_K("add-k", 1.0),
    /** Method 3 (NIST): halves the precision for each further order without matches. */
    EXP("exp", null);

    private final String signature;
    private final Double defaultValue;

    SmoothMethod(String signature, Double defaultValue) {
        this.signature = signature;
        this.defaultValue = defaultValue;
    }

    /** The sacreBLEU name: {@code none}, {@code floor}, {@code add-k}, {@code exp}. */
    public String signature() {
        return signature;
    }

    /** The smoothing value used when none is given, or null if the method takes none. */
    public Double defaultValue() {
        return defaultValue;
    }

    /** The method with sacreBLEU name {@code name}; a {@link ConfigException} lists the known names. */
    public static SmoothMethod of(String name) {
        return Choices.of(values(), SmoothMethod::signature, "BLEU", "smooth_method", name);
    }
}
