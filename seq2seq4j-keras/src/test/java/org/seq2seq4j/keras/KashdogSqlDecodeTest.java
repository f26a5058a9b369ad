package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.Goldens;

/**
 * A real Keras 2.1.5 functional lstm_seq2seq ({@code Kashdog/NaturalQuery}, English to SQL,
 * {@code recurrent_activation="hard_sigmoid"}) loaded from its {@code .h5} in the shared data
 * folder: the encoder and one-step decoder inference models are rebuilt from the loaded model's
 * layers and all 99 greedy decodes must equal the folder's {@code expected_decodes*.tsv}
 * (produced by a numpy reference that reproduces every training target). Tokenisation follows the
 * folder's {@code reference.py}: the first 99 lines {@code english^SQL} of {@code sql.txt}, sorted
 * character vocabularies, zero-padded one-hot encoder input, greedy decode from '\t' until '\n' or
 * longer than the longest target.
 */
class KashdogSqlDecodeTest {
    private static final Path DIR = Goldens.SHARED.resolve("data").resolve("keras2-s2s-sql-kashdog");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"s2s.h5, expected_decodes.tsv", "s2s_formexample.h5, expected_decodes_formexample.tsv"})
    void greedyDecodesEqualTheReference(String model, String expected) throws IOException {
        assumeTrue(Files.isDirectory(DIR), "skipped: no shared data at " + DIR);
        List<String> lines = Files.readAllLines(DIR.resolve("sql.txt"), StandardCharsets.UTF_8);
        List<String> inputs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            String[] parts = line.split("\\^", -1);
            inputs.add(parts[0]);
            targets.add("\t" + parts[1] + "\n");
        }
        String inChars = vocabulary(inputs);
        String outChars = vocabulary(targets);
        int maxEnc = inputs.stream().mapToInt(String::length).max().orElseThrow();
        int maxDec = targets.stream().mapToInt(String::length).max().orElseThrow();

        Functional trained = (Functional) KerasH5.load(DIR.resolve(model));
        List<String> decodes = greedy(trained, inputs, inChars, outChars, maxEnc, maxDec);

        List<String> rows = Files.readAllLines(DIR.resolve(expected), StandardCharsets.UTF_8);
        assertEquals(inputs.size() + 1, rows.size(), "rows of " + expected);
        for (int i = 0; i < inputs.size(); i++) {
            String[] row = rows.get(i + 1).split("\t", -1);
            assertEquals(inputs.get(i), row[1], "input of row " + i);
            assertEquals(row[2], decodes.get(i), "decode of '" + inputs.get(i) + "' (row " + i + ")");
        }
    }

    /** Encoder and one-step decoder rebuilt from the training model's layers, then a batched greedy decode. */
    private static List<String> greedy(Functional trained, List<String> inputs, String inChars, String outChars,
            int maxEnc, int maxDec) {
        Node denseCall = trained.outputs().get(0).node();
        Node decoderCall = denseCall.inputs().get(0).node();
        Layer dense = denseCall.layer();
        Layer decoderLstm = decoderCall.layer();
        List<KerasTensor> states = decoderCall.inputs().subList(1, 3);
        Model encoder = Model.of(List.of(trained.inputs().get(0)), states);
        int latent = states.get(0).shape().dims()[1];
        KerasTensor stateH = Input.of(latent);
        KerasTensor stateC = Input.of(latent);
        KerasTensor token = decoderCall.inputs().get(0);
        List<KerasTensor> step = decoderLstm.applyAll(token, stateH, stateC);
        Model decoder = Model.of(List.of(token, stateH, stateC), List.of(dense.apply(step.get(0)), step.get(1), step.get(2)));

        int n = inputs.size();
        Tensor x = Tensor.zeros(n, maxEnc, inChars.length());
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < inputs.get(b).length(); t++) {
                x.set(1f, b, t, inChars.indexOf(inputs.get(b).charAt(t)));
            }
        }
        List<Tensor> hc = encoder.predictAll(List.of(x), n);
        StringBuilder[] out = new StringBuilder[n];
        boolean[] done = new boolean[n];
        int[] tok = new int[n];
        Arrays.fill(tok, outChars.indexOf('\t'));
        for (int b = 0; b < n; b++) {
            out[b] = new StringBuilder();
        }
        for (int remaining = n; remaining > 0; ) {
            Tensor y = Tensor.zeros(n, 1, outChars.length());
            for (int b = 0; b < n; b++) {
                y.set(1f, b, 0, tok[b]);
            }
            List<Tensor> o = decoder.predictAll(List.of(y, hc.get(0), hc.get(1)), n);
            hc = o.subList(1, 3);
            for (int b = 0; b < n; b++) {
                if (done[b]) {
                    continue;
                }
                tok[b] = argmax(o.get(0), b, outChars.length());
                char ch = outChars.charAt(tok[b]);
                out[b].append(ch);
                if (ch == '\n' || out[b].length() > maxDec) {
                    done[b] = true;
                    remaining--;
                }
            }
        }
        List<String> decodes = new ArrayList<>();
        for (StringBuilder s : out) {
            int end = s.length() > 0 && s.charAt(s.length() - 1) == '\n' ? s.length() - 1 : s.length();
            decodes.add(s.substring(0, end));
        }
        return decodes;
    }

    private static String vocabulary(List<String> texts) {
        TreeSet<Character> chars = new TreeSet<>();
        texts.forEach(t -> t.chars().forEach(c -> chars.add((char) c)));
        StringBuilder s = new StringBuilder();
        chars.forEach(s::append);
        return s.toString();
    }

    private static int argmax(Tensor probs, int row, int classes) {
        int best = 0;
        for (int j = 1; j < classes; j++) {
            if (probs.get(row, 0, j) > probs.get(row, 0, best)) {
                best = j;
            }
        }
        return best;
    }
}
