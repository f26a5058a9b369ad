package org.seq2seq4j.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.seq2seq4j.text.SentencePair;

/**
 * Human-readable dates and their ISO form, the date-normalisation task of the attention tutorials:
 * Babel's en_US formats (short {@code 5/3/79}, medium and long {@code May 3, 1979}, full
 * {@code Thursday, May 3, 1979}) and the day-first forms the tutorials add ({@code 3 May 1979},
 * {@code 03.05.79}, {@code 3 05 79}), plus ordinals ({@code march 3rd 2010}) and abbreviated weekdays.
 * Slashes read month/day/year as en_US does; dots and spaces between numbers read day/month/year.
 * Two-digit years stand for 1950-2049, the range dates are drawn from. Each date is lowercased
 * with probability 0.6 and loses its commas with probability 0.5.
 */
final class HumanDates {
    private static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    private static final int DAYS = (int) (LocalDate.of(2049, 12, 31).toEpochDay() - FIRST.toEpochDay() + 1);
    private static final String[] PATTERNS = {
        "M/d/yy", "MM/dd/yy", "MMM d, y", "MMMM d, y", "EEEE, MMMM d, y", "EEEE, MMMM d, y", "EEE, MMM d, y",
        "d MMM y", "d MMMM y", "dd MMM y", "d MMM, y", "d MMMM, y", "dd, MMM y", "d MM yy", "MMMM d y",
        "dd.MM.yy", "EEEE MMMM d y", "MMMM d'%s' y", "EEEE d MMMM y", "MM/dd/y",
    };
    private static final DateTimeFormatter[] FORMATS = new DateTimeFormatter[PATTERNS.length];

    static {
        for (int i = 0; i < PATTERNS.length; i++) {
            FORMATS[i] = DateTimeFormatter.ofPattern(PATTERNS[i], Locale.US);
        }
    }

    private HumanDates() {
    }

    /** {@code n} random dates (human form, ISO form). */
    static List<SentencePair> generate(int n, SplittableRandom random) {
        List<SentencePair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocalDate d = FIRST.plusDays(random.nextInt(DAYS));
            out.add(new SentencePair(human(d, random), d.toString(), i + 1));
        }
        return out;
    }

    static String human(LocalDate d, SplittableRandom random) {
        int f = random.nextInt(FORMATS.length);
        String s = FORMATS[f].format(d);
        if (PATTERNS[f].contains("%s")) {
            s = String.format(Locale.ROOT, s, ordinal(d.getDayOfMonth()));
        }
        if (random.nextInt(10) < 6) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (random.nextBoolean()) {
            s = s.replace(",", "");
        }
        return s;
    }

    /** {@code st}, {@code nd}, {@code rd} or {@code th}. */
    static String ordinal(int day) {
        if (day % 100 >= 11 && day % 100 <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
