package org.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        for (String cmd : new String[] {"demo", "demo echo", "demo reverse", "train", "translate",
                "evaluate", "bench", "summary", "score", "serve", "load-test"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run((cmd + " --help").split(" ")));
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
        assertEquals(2, run("demo", "reverse", "--epochs", "0"));
        assertEquals("seq2seq4j demo reverse: --epochs must be positive but was 0", errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "reverse", "--task", "shuffle"));
        assertTrue(errLines().contains("'shuffle' is not a task"), errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "reverse", "--task", "echo"));
        assertEquals("seq2seq4j demo reverse: Invalid value for option '--task': 'echo' is not a task; use reverse or "
                + "sort (the echo experiment is 'demo echo')", errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("frobnicate"));
        assertEquals(1, errLines().lines().filter(l -> l.startsWith("seq2seq4j")).count(), errLines());
    }

    @Test
    void unknownWorkloadIsOneLineWithTheKnownNames() {
        assertEquals(2, run("bench", "--workload", "nope"));
        assertEquals("seq2seq4j bench: Workloads.byName: workload must be one of "
                + String.join(", ", org.seq2seq4j.bench.Workloads.names()) + " but was 'nope'", errLines());
        assertTrue(org.seq2seq4j.bench.Workloads.names().containsAll(java.util.List.of("gemm", "decode", "decode_beam",
                "decode_batched", "echo", "echo_attention", "lstm_seq2seq", "gru_seq2seq", "bilstm_encoder")));
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
        assertEquals(0, run("demo", "reverse", "--task", "reverse", "--length", "3", "--vocab", "4", "--units", "16",
                "--samples", "200", "--epochs", "1"));
        String s = out.toString();
        assertTrue(s.contains("Total params: 3,524"), s);
        assertTrue(s.matches("(?s).*Test accuracy: \\d+\\.\\d% of symbols, \\d+\\.\\d% of whole sequences\\.\\s*"), s);
    }

    @Test
    void demoEchoArgumentErrorsAreOneLine() {
        for (String option : new String[] {"--steps", "--batch", "--eval", "--repeats"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run("demo", "echo", option, "0"));
            assertEquals("seq2seq4j demo echo: " + option + " must be positive but was 0", errLines());
        }
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "echo", "--both", "--baseline"));
        assertEquals(1, errLines().lines().count(), errLines());
        assertTrue(errLines().startsWith("seq2seq4j demo echo: "), errLines());
        assertTrue(errLines().contains("mutually exclusive"), errLines());
        err.getBuffer().setLength(0);
        assertEquals(2, run("demo", "echo", "--steps", "many"));
        assertEquals("seq2seq4j demo echo: Invalid value for option '--steps': 'many' is not an int", errLines());
        assertEquals("", out.toString());
    }

    @Test
    void demoEchoJsonIsOneObjectPerModelWithProgressOnStderr() {
        assertEquals(0, run("demo", "echo", "--both", "--steps", "3", "--repeats", "2", "--eval", "4", "--seed", "5",
                "--json"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        Pattern json = Pattern.compile("\\{\"model\":\"(\\w+)\",\"accuracy\":([\\d.]+),\"accuracy_per_repeat\":"
                + "\\[([\\d.]+),([\\d.]+)\\],\"train_seconds\":([\\d.e-]+),\"ms_per_step\":([\\d.e-]+)\\}");
        String[] models = {"baseline", "attention"};
        for (int i = 0; i < 2; i++) {
            Matcher m = json.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(models[i], m.group(1));
            double a = Double.parseDouble(m.group(3));
            double b = Double.parseDouble(m.group(4));
            for (double acc : new double[] {a, b}) {
                assertEquals(0, acc * 4 % 1, 1e-9, "a fraction of 4 scored sequences: " + acc);
            }
            assertEquals((a + b) / 2, Double.parseDouble(m.group(2)), 1e-9);
            double seconds = Double.parseDouble(m.group(5));
            assertEquals(1000 * seconds / 3, Double.parseDouble(m.group(6)), 1e-4 * Double.parseDouble(m.group(6)));
        }
        String progress = err.toString();
        for (String expected : new String[] {"baseline 1/2 (seed 5): ", "baseline 2/2 (seed 6): ",
                "attention 1/2 (seed 5): ", "attention 2/2 (seed 6): ",
                "3 update(s) of batch 1 per repeat, 4 fresh sequence(s) scored"}) {
            assertTrue(progress.contains(expected), expected + " in " + progress);
        }
    }

    @Test
    void demoEchoPrintsProgressPerRepeat() {
        assertEquals(0, run("demo", "echo", "--baseline", "--steps", "2", "--batch", "3", "--repeats", "1",
                "--eval", "2"));
        String s = out.toString();
        assertTrue(s.contains("baseline: LSTM(150) -> RepeatVector(5) -> LSTM(150, return_sequences) -> "
                + "TimeDistributed(Dense(50, softmax))"), s);
        assertTrue(s.matches("(?s).*\nbaseline 1/1 \\(seed 1\\): \\d+\\.\\d% exact \\(first 2: \\d+\\.\\d%\\), "
                + "loss \\d\\.\\d{4}, \\d+\\.\\d s, \\d+\\.\\d\\d ms/step\\n.*"), s);
        assertTrue(s.contains(" mean exact match over 1 repeat(s) (std 0.0 points), 308,750 parameters, "), s);
        assertFalse(s.contains("attention"), s);
        assertEquals("", err.toString());
    }
}
