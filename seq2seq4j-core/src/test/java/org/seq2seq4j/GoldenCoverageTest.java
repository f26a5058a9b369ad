package org.seq2seq4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.testing.GoldenCoverage;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every golden case file (shared, and this module's fixtures) can be read and has a
 * {@link GoldenKind}, whose runner takes every case of that kind. The runner must be in this module,
 * or be one of seq2seq4j-keras's (functional model configs need its loader; its coverage test checks
 * that those runners exist). A case of no kind, or of a kind nobody runs, fails this test by name.
 */
class GoldenCoverageTest {

    @Test
    void everyGoldenCaseRunsSomewhere() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        GoldenCoverage.printCounts();
        assertEquals(List.of(), GoldenCoverage.unclaimed(Goldens.cases(), true), "golden cases no test runs");
    }
}
