package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;

/**
 * The sacreBLEU tokenizers. Expected strings were printed by sacreBLEU 2.6.0's Tokenizer13a,
 * TokenizerV14International and TokenizerChar on this machine; the fuzz tests compare the hand-written
 * passes with sacreBLEU's regular expressions run through java.util.regex.
 */
class BleuTokenizerTest {
    private static final String FR = "Va\u202f! Il coûte 1,000.5 $ «\u00a0Bonjour\u00a0» (1990-2000)...";
    private static final String ESC = "&amp;lt;skipped> a<skipped>b co-\nop 5-3";
    private static final String MIX = "Привет, мир! 你好，世界。 𝟙.𝟚 x.";

    @Test
    void thirteenA() {
        BleuTokenizer t = BleuTokenizer.of("13a");
        assertEquals("It wasn't 3.5 % , \" really \" .", t.tokenize("It wasn't 3.5%, \"really\"."));
        assertEquals("Va ! Il coûte 1,000.5 $ « Bonjour » ( 1990 - 2000 ) . . .", t.tokenize(FR));
        assertEquals("< skipped > ab coop 5 - 3", t.tokenize(ESC));
        assertEquals("Привет , мир ! 你好，世界。 𝟙 . 𝟚 x .", t.tokenize(MIX));
    }

    @Test
    void intl() {
        BleuTokenizer t = BleuTokenizer.of("intl");
        assertEquals("Va ! Il coûte 1,000.5 $ « Bonjour » ( 1990-2000 ) . . .", t.tokenize(FR));
        assertEquals("& amp ; lt ; skipped > a < skipped > b co - op 5-3", t.tokenize(ESC));
        assertEquals("Привет , мир ! 你好 ， 世界 。 𝟙.𝟚 x .", t.tokenize(MIX));
    }

    @Test
    void charAndNone() {
        assertEquals("V a \u202f !   I l", BleuTokenizer.CHAR.tokenize("Va\u202f! Il"));
        assertEquals("𝟙 . 𝟚", BleuTokenizer.CHAR.tokenize("𝟙.𝟚"));
        assertEquals(" a  b ", BleuTokenizer.NONE.tokenize(" a  b "));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> BleuTokenizer.of("zh"));
        assertEquals("BLEU: tokenize must be one of none, 13a, intl, char but was 'zh'", e.getMessage());
    }

    /** sacreBLEU's regular-expression substitutions, applied in order, then {@code ' '.join(line.split())}. */
    private static String byRegex(String line, String[][] rules) {
        for (String[] r : rules) {
            line = Pattern.compile(r[0]).matcher(line).replaceAll(r[1]);
        }
        return PyText.normalizeSpace(line);
    }

    private static final String[][] RULES_13A = {
        {"([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])", " $1 "},
        {"([^0-9])([\\.,])", "$1 $2 "},
        {"([\\.,])([^0-9])", " $1 $2"},
        {"([0-9])(-)", "$1 $2 "},
    };
    private static final String[][] RULES_INTL = {
        {"(\\P{N})(\\p{P})", "$1 $2 "},
        {"(\\p{P})(\\P{N})", " $1 $2"},
        {"(\\p{S})", " $1 "},
    };

    private static String randomLine(SplittableRandom rnd) {
        String[] pieces = {"a", "Z", "é", "1", "9", ".", ",", "-", " ", "\u202f", "\u00a0", "'", "\"", "$", "%", "(",
            ")", "«", "»", "€", "+", "=", "/", "\\", "你", "。", "，", "𝟙", "😀", "\t", "_", "~", "{", "@", "&"};
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(0, 25);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    @Test
    void passesEqualTheRegularExpressions() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            String line = randomLine(rnd);
            assertEquals(byRegex(" " + line + " ", RULES_13A), Tokenizer13a.tokenize(line), "13a of [" + line + "]");
            assertEquals(byRegex(line, RULES_INTL), TokenizerIntl.tokenize(line), "intl of [" + line + "]");
        }
    }

    @Test
    void pythonWhitespace() {
        // str.isspace() is true for exactly these code points (Unicode Zs plus bidi classes WS, B, S)
        List<Integer> spaces = List.of(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029,
                0x202F, 0x205F, 0x3000);
        for (int cp = 0; cp < 0x11000; cp++) {
            assertEquals(spaces.contains(cp), PyText.isSpace(cp), "U+" + Integer.toHexString(cp));
        }
        assertEquals(List.of("Va", "!", "x"), PyText.split("Va\u202f!\u00a0 x\n"));
        assertEquals("a b", PyText.rstrip("a b\u202f\t"));
    }
}
