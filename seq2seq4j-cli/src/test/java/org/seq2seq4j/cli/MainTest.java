package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.testing.Goldens;

/** The command line as a user meets it: exit codes, one-line errors, help on every command. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String errLines() {
        return err.toString().strip();
    }

    @Test
    void helpOnEveryCommand() {
        for (String cmd : new String[] {"demo", "bench", "summary"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(cmd, "--help"));
            assertTrue(out.toString().startsWith("Usage: seq2seq4j " + cmd), out.toString());
        }
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("demo") && out.toString().contains("bench"));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        assertEquals(2, run("demo", "--epochs", "x"));
        assertEquals(1, errLines().lines().count(), errLines());
        assertTrue(errLines().startsWith("seq2seq4j demo: "), errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--epochs", "0"));
        assertEquals("seq2seq4j demo: --epochs must be positive but was 0", errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "--task", "shuffle"));
        assertTrue(errLines().contains("'shuffle' is not a task"), errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("frobnicate"));
        assertEquals(1, errLines().lines().filter(l -> l.startsWith("seq2seq4j")).count(), errLines());
    }

    @Test
    void unknownWorkloadIsOneLineWithTheKnownNames() {
        assertEquals(2, run("bench", "--workload", "nope"));
        assertEquals("seq2seq4j bench: Workloads.byName: workload must be one of gemm, lstm_seq2seq, decode, "
                + "gru_seq2seq, bilstm_encoder, echo, echo_attention but was 'nope'", errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("bench", "--workload", "gemm", "--batch", "-3"));
        assertEquals("seq2seq4j bench: --batch must be positive but was -3", errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("bench"));
        assertTrue(errLines().contains("--workload is required"), errLines());
    }

    @Test
    void summaryOfATfjsModel() {
        Path artifact = Goldens.DIR.resolve("artifacts/seq2seq_sequential/model.json");
        assumeTrue(Files.exists(artifact), "skipped: no golden artifacts at " + artifact);
        assertEquals(0, run("summary", artifact.toString()));
        String s = out.toString();
        assertTrue(s.contains("│ encoder_lstm (LSTM)             │ (None, 4)              │           128 │"), s);
        assertTrue(s.contains(" Total params: 354 "), s);     // the case's param_count
    }

    @Test
    void summaryOfAKeras2H5Model() {
        Path h5 = Goldens.SHARED.resolve("data/keras2-s2s-sql-kashdog/s2s.h5");
        assumeTrue(Files.exists(h5), "skipped: no shared data at " + h5);
        assertEquals(0, run("summary", h5.toString()));
        String s = out.toString();
        // Keras: LSTM(32) on 22 features = 4*32*(22+32+1); on 16 = 4*32*(16+32+1); Dense(16) on 32 = 528
        assertTrue(s.contains("│ lstm_1 (LSTM)                   │ (None, 32),            │         7,040 │ input_1[0][0]          │"), s);
        assertTrue(s.contains(" Total params: 13,840 "), s);
    }

    @Test
    void summaryOfABadFileIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("model.json");
        Files.writeString(bad, "{\"modelTopology\": ");
        assertEquals(2, run("summary", bad.toString()));
        assertEquals(1, errLines().lines().count(), errLines());
        assertTrue(errLines().startsWith("seq2seq4j summary: " + bad), errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("summary", dir.resolve("missing.json").toString()));
        assertEquals(1, errLines().lines().count(), errLines());
    }

    @Test
    void benchListsWorkloads() {
        assertEquals(0, run("bench", "--list"));
        assertTrue(out.toString().contains("lstm_seq2seq") && out.toString().contains("decode"), out.toString());
    }

    @Test
    void demoTrainsAndReportsAccuracy() {
        assertEquals(0, run("demo", "--task", "echo", "--length", "3", "--vocab", "4", "--units", "16",
                "--samples", "200", "--epochs", "1"));
        String s = out.toString();
        assertTrue(s.contains("Total params: 3,524"), s);
        assertTrue(s.matches("(?s).*Test accuracy: \\d+\\.\\d% of symbols, \\d+\\.\\d% of whole sequences\\.\\s*"), s);
    }
}
