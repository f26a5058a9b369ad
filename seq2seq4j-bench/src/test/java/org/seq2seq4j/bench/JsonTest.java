package org.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The numbers bench results print: six significant digits, no trailing zeros of a fraction, integers whole. */
class JsonTest {
    @Test
    void numbersKeepTheirIntegerDigits() {
        assertEquals("363900", Json.number(363_900));
        assertEquals("1000", Json.number(1000));
        assertEquals("2.5", Json.number(2.5));
        assertEquals("0.00298757", Json.number(0.0029875701));
        assertEquals("1.5e+07", Json.number(1.5e7));
        assertEquals("1e-09", Json.number(1e-9));
        assertEquals("null", Json.number(Double.NaN));
    }
}
