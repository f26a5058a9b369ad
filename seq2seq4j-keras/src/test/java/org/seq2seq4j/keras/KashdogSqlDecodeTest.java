package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seq2seq4j.testing.Goldens;

/**
 * A real Keras 2.1.5 functional lstm_seq2seq ({@code Kashdog/NaturalQuery}, English to SQL,
 * {@code recurrent_activation="hard_sigmoid"}) loaded from its {@code .h5} in the shared data
 * folder: the encoder and one-step decoder inference models are rebuilt from the loaded model's
 * layers ({@link GreedySeq2Seq}) and all 99 greedy decodes must equal the folder's
 * {@code expected_decodes*.tsv} (produced by a numpy reference that reproduces every training
 * target). Tokenisation follows the folder's {@code reference.py}: the first 99 lines
 * {@code english^SQL} of {@code sql.txt}, sorted character vocabularies, zero-padded one-hot
 * encoder input, greedy decode from '\t' until '\n' or longer than the longest target.
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
        String inChars = Seq2SeqReferenceTest.vocabulary(inputs);
        String outChars = Seq2SeqReferenceTest.vocabulary(targets);
        int maxEnc = inputs.stream().mapToInt(String::length).max().orElseThrow();
        int maxDec = targets.stream().mapToInt(String::length).max().orElseThrow();

        GreedySeq2Seq s2s = GreedySeq2Seq.of(KerasH5.load(DIR.resolve(model)));
        int[][] ids = inputs.stream().map(s -> Tensors.ids(s, inChars, maxEnc, -1)).toArray(int[][]::new);
        int[][] decoded = s2s.decode(Tensors.oneHot(ids, inChars.length()), outChars.indexOf('\t'),
                outChars.indexOf('\n'), maxDec + 1);

        List<String[]> rows = ReferenceRows.tsv(DIR.resolve(expected));
        assertEquals(inputs.size(), rows.size(), "rows of " + expected);
        ReferenceRows tally = new ReferenceRows("kashdog " + model + " (SQL) greedy decodes");
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(inputs.get(i), rows.get(i)[1], "input of row " + i);
            tally.check("'" + inputs.get(i) + "'", rows.get(i)[2], Tensors.text(decoded[i], outChars, '\n'));
        }
        tally.assertAllMatch();
    }
}
