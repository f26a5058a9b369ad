package org.seq2seq4j.seq2seq;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * How a hypothesis's log-probability is normalised by its length before hypotheses of different
 * lengths are compared, as production toolkits name them: {@link #none()}, {@link #average}
 * ({@code score / len^alpha}, the default of CTranslate2, fairseq and Hugging Face) and
 * {@link #gnmt} ({@code score / ((5 + len) / 6)^alpha}, Wu et al. 2016). {@code len} counts the
 * generated tokens, the end token included.
 *
 * <pre>{@code
 * LengthPenalty.average(1.0).normalize(-6.0, 3);   // -2.0
 * LengthPenalty.gnmt(1.0).normalize(-6.0, 7);      // -6 / 2 = -3.0
 * }</pre>
 */
public final class LengthPenalty {
    private enum Kind { NONE, AVERAGE, GNMT }

    private final Kind kind;
    private final double alpha;

    private LengthPenalty(Kind kind, double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw ConfigException.argument("lengthPenalty", "alpha", "a finite number >= 0", alpha);
        }
        this.kind = kind;
        this.alpha = alpha;
    }

    /** No normalisation: the raw log-probability. */
    public static LengthPenalty none() {
        return new LengthPenalty(Kind.NONE, 0);
    }

    /** {@code score / len^alpha}; alpha 1 is the mean log-probability per token. */
    public static LengthPenalty average(double alpha) {
        return new LengthPenalty(Kind.AVERAGE, alpha);
    }

    /** GNMT's {@code score / ((5 + len) / 6)^alpha}. */
    public static LengthPenalty gnmt(double alpha) {
        return new LengthPenalty(Kind.GNMT, alpha);
    }

    /** The penalty a Keras-style name gives: {@code none}, {@code average} or {@code gnmt}, with {@code alpha}. */
    public static LengthPenalty of(String name, double alpha) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "average", "avg" -> average(alpha);
            case "gnmt", "wu" -> gnmt(alpha);
            default -> throw ConfigException.argument("lengthPenalty", "name", "one of none, average, gnmt", name);
        };
    }

    /** The normalised score of a hypothesis of log-probability {@code score} and {@code length} tokens. */
    public double normalize(double score, int length) {
        return switch (kind) {
            case NONE -> score;
            case AVERAGE -> score / Math.pow(length, alpha);
            case GNMT -> score / Math.pow((5.0 + length) / 6.0, alpha);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + "(" + alpha + ")";
    }
}
