package org.seq2seq4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;

/** Python's repr(float) and str.format, with expected strings as CPython 3 prints them. */
class PyFormatTest {

    @Test
    void reprMatchesPython() {
        assertEquals("0.1", PyFormat.repr(0.1));
        assertEquals("0.6931471824645996", PyFormat.repr(0.6931471824645996));
        assertEquals("0.0010000000474974513", PyFormat.repr((double) 0.001f));
        assertEquals("2.0", PyFormat.repr(2));
        assertEquals("-2.5", PyFormat.repr(-2.5));
        assertEquals("123.0", PyFormat.repr(123));
        assertEquals("0.0001", PyFormat.repr(1e-4));
        assertEquals("1e-05", PyFormat.repr(1e-5));
        assertEquals("1.5e-07", PyFormat.repr(1.5e-7));
        assertEquals("1000000000000000.0", PyFormat.repr(1e15));
        assertEquals("1e+16", PyFormat.repr(1e16));
        assertEquals("1.2345678901234568e+16", PyFormat.repr(12345678901234567.0));
        assertEquals("5e-324", PyFormat.repr(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PyFormat.repr(Double.MAX_VALUE));
        assertEquals("0.0", PyFormat.repr(0.0));
        assertEquals("-0.0", PyFormat.repr(-0.0));
        assertEquals("nan", PyFormat.repr(Double.NaN));
        assertEquals("-inf", PyFormat.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void formatMatchesPythonStrFormat() {
        Map<String, Number> v = Map.of("epoch", 3, "val_loss", 0.125, "loss", 12345.0, "acc", 2.675);
        assertEquals("03-0.12", PyFormat.format("{epoch:02d}-{val_loss:.2f}", v, "t", "a"));   // half-even on the exact binary value
        assertEquals("2.67|1.234e+04|1.2e+04", PyFormat.format("{acc:.2f}|{loss:.3e}|{loss:.1e}", v, "t", "a"));
        assertEquals("3 12345.0 0.125", PyFormat.format("{epoch} {loss} {val_loss}", v, "t", "a"));
        assertEquals("  3|0012345.00|{x}", PyFormat.format("{epoch:3d}|{loss:010.2f}|{{x}}", v, "t", "a"));
        assertEquals("1.00", PyFormat.format("{x:.2f}", Map.of("x", 1.005), "t", "a"));
        assertEquals("-01.5", PyFormat.format("{x:05.1f}", Map.of("x", -1.5), "t", "a"));
    }

    @Test
    void unknownPlaceholdersAndSpecsAreConfigErrors() {
        Map<String, Number> v = Map.of("epoch", 3, "loss", 0.5);
        ConfigException e = assertThrows(ConfigException.class, () -> PyFormat.format("{val_loss:.2f}", v, "ModelCheckpoint", "filepath"));
        assertEquals("ModelCheckpoint", e.subject());
        assertEquals("filepath placeholder {val_loss}", e.argument());
        assertThrows(ConfigException.class, () -> PyFormat.format("{loss:02d}", v, "t", "a"));
        assertThrows(ConfigException.class, () -> PyFormat.format("{loss:x}", v, "t", "a"));
        assertThrows(ConfigException.class, () -> PyFormat.format("{loss", v, "t", "a"));
    }
}
