package org.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;

/** The bench framework: registry lookup, option checks, result formats, and one short gemm run. */
class WorkloadsTest {
    @Test
    void byNameFindsGemmAndRejectsUnknownNamesListingTheKnownOnes() {
        assertEquals("gemm", Workloads.byName("gemm").name());
        ConfigException e = assertThrows(ConfigException.class, () -> Workloads.byName("nope"));
        assertEquals("workload", e.argument());
        assertEquals("'nope'", e.received());
        assertTrue(e.expected().contains("gemm"), e.getMessage());
    }

    @Test
    void optionsRejectBadValues() {
        assertEquals("batch", assertThrows(ConfigException.class, () -> BenchOptions.defaults().withBatch(0)).argument());
        assertEquals("threads", assertThrows(ConfigException.class, () -> BenchOptions.defaults().withThreads(0)).argument());
    }

    @Test
    void resultIsOneJsonLineAndText() {
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("gflops.java.2x3x4", 12.5);
        extra.put("bad", Double.NaN);
        BenchResult r = new BenchResult("gemm", 64, 2, "java", 1500.0, 42.75, extra);
        assertEquals("{\"workload\":\"gemm\",\"batch\":64,\"threads\":2,\"backend\":\"java\",\"samples_per_s\":1500,"
                + "\"ms_per_step\":42.75,\"gflops.java.2x3x4\":12.5,\"bad\":null}", r.toJson());
        assertTrue(r.toText().startsWith("gemm: batch 64, 2 thread(s), backend java: 1500.0 samples/s, 42.750 ms/step"),
                r.toText());
    }

    @Test
    void gemmWorkloadReportsEveryShapeForTheActiveBackend() {
        BenchResult r = Workloads.byName("gemm").run(BenchOptions.defaults().withBatch(2).withThreads(1).withSeconds(0, 0.01));
        String b = r.backend();
        for (String shape : new String[] {"256x256x256", "512x512x512", "1024x1024x1024", "2x327x1024"}) {
            assertTrue(r.extra().get("gflops." + b + "." + shape) > 0, shape + " in " + r.toJson());
        }
        assertEquals(2 / (r.msPerStep() / 1e3), r.samplesPerS(), 1e-6 * r.samplesPerS());
    }
}
