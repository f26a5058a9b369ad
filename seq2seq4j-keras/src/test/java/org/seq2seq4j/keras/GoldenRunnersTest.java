package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.testing.GoldenCoverage;
import org.seq2seq4j.testing.GoldenKind;
import org.seq2seq4j.testing.Goldens;

/**
 * Every golden case on this module's test classpath (shared, core's and this module's fixtures) has a
 * {@link GoldenKind} whose runner exists: core's runners and this module's, such as
 * {@link FunctionalGoldenTest} for the functional kinds core leaves to it. A case nobody runs fails
 * this test by name.
 */
class GoldenRunnersTest {
    @Test
    void everyGoldenCaseHasARunner() {
        assumeTrue(Goldens.available(), "skipped: no golden vectors at " + Goldens.DIR);
        GoldenCoverage.printCounts();
        assertEquals(List.of(), GoldenCoverage.unclaimed(Goldens.cases(), false), "golden cases no test runs");
    }
}
