package org.seq2seq4j.keras;

import static org.seq2seq4j.keras.ReferenceRows.folder;
import static org.seq2seq4j.keras.ReferenceRows.json;
import static org.seq2seq4j.keras.ReferenceRows.tsv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.tensor.Tensor;

/**
 * Real Keras lstm_seq2seq files of the shared data folder, loaded through the public API, decode
 * exactly as their folder's numpy reference does (PROVENANCE.md; tokenisation as each folder's
 * {@code reference.py}): Serbian (Keras 2.11 full .h5), French (Keras 2.0.5 weights-only .h5 +
 * JSON), survey (Keras 2.2.4, word ids given), Russian (Keras 3 .keras; expected numbers to 1e-5
 * and the 40 decodes of 835 characters). Greedy decodes must match exactly.
 */
class Seq2SeqReferenceTest {

    @Test
    void serbianPakizoriccDecodesAsTheReference() throws IOException {
        Path dir = folder("keras2-s2s-srp-pakizoricc");
        List<String> inputs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        String[] lines = Files.readString(dir.resolve("srp_first10000.txt"), StandardCharsets.UTF_8).split("\n");
        for (String line : Arrays.asList(lines).subList(0, 10_000)) {
            String[] p = line.split("\t", -1);
            inputs.add(p[0]);
            targets.add("\t" + p[1] + "\n");
        }
        String in = vocabulary(inputs);
        String out = vocabulary(targets);
        int maxEnc = inputs.stream().mapToInt(String::length).max().orElseThrow();
        int maxDec = targets.stream().mapToInt(String::length).max().orElseThrow();
        GreedySeq2Seq s2s = GreedySeq2Seq.of(KerasModels.load(dir.resolve("s2s.h5")));
        List<String[]> rows = tsv(dir.resolve("expected_decodes.tsv"));
        int[][] ids = rows.stream().map(r -> Tensors.ids(r[1], in, maxEnc, in.indexOf(' '))).toArray(int[][]::new);
        int[][] decoded = s2s.decode(Tensors.oneHot(ids, in.length()), out.indexOf('\t'), out.indexOf('\n'),
                maxDec + 1);
        ReferenceRows tally = new ReferenceRows("pakizoricc s2s.h5 (Serbian) greedy decodes");
        for (int i = 0; i < rows.size(); i++) {
            tally.check("'" + rows.get(i)[1] + "'", rows.get(i)[2], Tensors.text(decoded[i], out, '\n'));
        }
        tally.assertAllMatch();
    }

    @Test
    void frenchChen0040WeightsOnlyDecodesAsTheReference() {
        Path dir = folder("keras2-s2s-fra-chen0040");
        String in = indexed(dir.resolve("eng-to-fra-char-input-char2idx.json"), false);
        String out = indexed(dir.resolve("eng-to-fra-char-target-idx2char.json"), true);
        GreedySeq2Seq s2s = GreedySeq2Seq.of(KerasModels.load(dir.resolve("eng-to-fra-char-architecture.json"),
                dir.resolve("eng-to-fra-char-weights.h5")));
        List<String[]> rows = new ArrayList<>(tsv(dir.resolve("expected_decodes.tsv")));
        for (String[] extra : new String[][] {{"", "Be nice.", "Soyez gentil !"}, {"", "Drop it!", "Laissez tomber !"},
                {"", "Get out!", "Sortez !"}}) {             // the predict script's own sentences (PROVENANCE.md)
            rows.add(extra);
        }
        int[][] ids = rows.stream().map(r -> Tensors.ids(r[1], in, 16, -1)).toArray(int[][]::new);
        int[][] decoded = s2s.decode(Tensors.oneHot(ids, in.length()), out.indexOf('\t'), out.indexOf('\n'), 59);
        ReferenceRows tally = new ReferenceRows("chen0040 weights-only .h5 + JSON (French) greedy decodes");
        for (int i = 0; i < rows.size(); i++) {
            String d = Tensors.text(decoded[i], out, '\n');
            tally.check("'" + rows.get(i)[1] + "'", rows.get(i)[2], rows.get(i)[0].isEmpty() ? d.strip() : d);
        }
        tally.assertAllMatch();
    }

    @Test
    void surveyKamalGreedyIdsAreTheReference() {
        Path dir = folder("keras2-s2s-survey-kamal");
        GreedySeq2Seq s2s = GreedySeq2Seq.of(KerasModels.load(dir.resolve("mt_seq2seq_model.h5")));
        List<String[]> rows = tsv(dir.resolve("expected_decodes.tsv"));
        int[][] ids = rows.stream().map(r -> numbers(r[3])).toArray(int[][]::new);
        int[][] decoded = s2s.decode(Tensors.oneHot(ids, 150), 5, 6, 15);      // <BOS>=5, <EOS>=6, 15 steps
        ReferenceRows tally = new ReferenceRows("kamal mt_seq2seq_model.h5 (survey) greedy ids");
        for (int i = 0; i < rows.size(); i++) {
            tally.check("row " + rows.get(i)[0], rows.get(i)[4], Arrays.stream(decoded[i]).mapToObj(String::valueOf)
                    .collect(Collectors.joining(" ")));
        }
        tally.assertAllMatch();
    }

    @Test
    void russianKeras3NumbersAreTheReference() {
        Russian r = Russian.load();
        String in = r.in();
        String out = r.out();
        GreedySeq2Seq s2s = r.s2s();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) json(r.dir().resolve("expected_numbers.json"));
        int[][] ids = cases.stream().map(c -> Tensors.ids((String) c.get("input"), in, 845, in.indexOf(' ')))
                .toArray(int[][]::new);
        List<Tensor> hc = s2s.encode(Tensors.oneHot(ids, in.length()));
        int[] start = new int[ids.length];
        Arrays.fill(start, out.indexOf('\t'));
        Tensor probs = s2s.step(start, hc).get(0);
        ReferenceRows tally = new ReferenceRows("studsch s2s_model.keras (Russian) encoder states and step-1 top-5");
        for (int b = 0; b < cases.size(); b++) {
            Map<String, Object> c = cases.get(b);
            for (int k = 0; k < 8; k++) {
                String at = c.get("input") + " [" + k + "]";
                tally.check(at + " h", number(c, "encoder_h_first8", k), hc.get(0).get(b, k), 1e-5);
                tally.check(at + " c", number(c, "encoder_c_first8", k), hc.get(1).get(b, k), 1e-5);
            }
            @SuppressWarnings("unchecked")
            List<List<Object>> top = (List<List<Object>>) c.get("step1_top5");
            for (List<Object> t : top) {
                int id = out.indexOf((String) t.get(0));
                tally.check(c.get("input") + " p('" + t.get(0) + "')", ((Number) t.get(1)).doubleValue(),
                        probs.get(b, 0, id), 1e-5);
            }
        }
        tally.assertAllMatch();
    }

    @Test
    void russianKeras3DecodesAreTheReference() {
        Russian r = Russian.load();
        String in = r.in();
        String out = r.out();
        List<String[]> rows = tsv(r.dir().resolve("expected_decodes.tsv"));
        int[][] ids = rows.stream().map(row -> Tensors.ids(row[1], in, 845, in.indexOf(' '))).toArray(int[][]::new);
        int[][] decoded = r.s2s().decode(Tensors.oneHot(ids, in.length()), out.indexOf('\t'), out.indexOf('\n'), 835);
        ReferenceRows tally = new ReferenceRows("studsch s2s_model.keras (Russian) greedy decodes of 835 characters");
        for (int i = 0; i < rows.size(); i++) {
            String d = Tensors.text(decoded[i], out, '\n');
            tally.check("'" + rows.get(i)[1] + "'", rows.get(i)[2] + " " + rows.get(i)[3],
                    d.length() + " " + d.stripTrailing().replace("\t", "<TAB>"));
        }
        tally.assertAllMatch();
    }

    /** The Russian .keras model, loaded through the public API, with its two vocabularies. */
    private record Russian(Path dir, String in, String out, GreedySeq2Seq s2s) {
        static Russian load() {
            Path dir = folder("keras3-s2s-rus-studsch");
            return new Russian(dir, list(dir.resolve("input_chars.json")), list(dir.resolve("target_chars.json")),
                    GreedySeq2Seq.of(KerasModels.load(dir.resolve("s2s_model.keras"))));
        }
    }

    static String vocabulary(List<String> texts) {
        TreeSet<Character> chars = new TreeSet<>();
        texts.forEach(t -> t.chars().forEach(c -> chars.add((char) c)));
        return chars.stream().map(String::valueOf).collect(Collectors.joining());
    }

    /** A JSON list of one-character strings as one string (index = position). */
    @SuppressWarnings("unchecked")
    static String list(Path file) {
        return String.join("", (List<String>) json(file));
    }

    /** A JSON object char-to-index ({@code byIndex} false) or index-to-char (true) as a string in index order. */
    @SuppressWarnings("unchecked")
    private static String indexed(Path file, boolean byIndex) {
        Map<String, Object> m = (Map<String, Object>) json(file);
        char[] out = new char[m.size()];
        m.forEach((k, v) -> {
            if (byIndex) {
                out[Integer.parseInt(k)] = ((String) v).charAt(0);
            } else {
                out[((Number) v).intValue()] = k.charAt(0);
            }
        });
        return new String(out);
    }

    private static int[] numbers(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @SuppressWarnings("unchecked")
    private static double number(Map<String, Object> c, String key, int k) {
        return ((Number) ((List<Object>) c.get(key)).get(k)).doubleValue();
    }
}
