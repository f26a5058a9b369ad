package org.seq2seq4j.keras;

import static org.seq2seq4j.keras.ReferenceRows.folder;
import static org.seq2seq4j.keras.ReferenceRows.json;
import static org.seq2seq4j.keras.ReferenceRows.tsv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * The other real files of the shared data folder reproduce their references (PROVENANCE.md)
 * through the public API: the deeplearning.ai date model (attention with the course's custom
 * softmax over axis 1 registered for the import, 10 calls of every shared layer, s0/c0 inputs) and
 * its attention map, the heatray bidirectional GRU (reset_after false, weights-only + Sequential
 * JSON) and the Keras 3 Sequential character model (greedy continuations and top-3 probabilities).
 */
class DateAndCharLmReferenceTest {
    /** The human vocabulary of both date models: 35 characters, then {@code <unk>} = 35, {@code <pad>} = 36. */
    private static final String HUMAN = " ./0123456789abcdefghijlmnoprstuvwy";
    private static final int PAD = 36;
    private static final String MACHINE = "-0123456789";

    @Test
    void dateAttentionDecodesAsTheReference() {
        Path dir = folder("keras2-date-attention-deeplearningai");
        Functional m = dateModel(dir);
        List<String[]> rows = tsv(dir.resolve("expected_decodes.tsv"));
        List<Tensor> out = m.predictAll(dateInputs(m, rows.stream().map(r -> r[1]).toList()), 128);
        ReferenceRows tally = new ReferenceRows("deeplearning.ai model.h5 (date attention) greedy decodes");
        for (int b = 0; b < rows.size(); b++) {
            StringBuilder s = new StringBuilder();
            for (Tensor step : out) {
                s.append(MACHINE.charAt(Tensors.argmax(step, b)));
            }
            tally.check("'" + rows.get(b)[1] + "'", rows.get(b)[2], s.toString());
        }
        tally.assertAllMatch();
    }

    @Test
    void dateAttentionMapIsTheReference() {
        Path dir = folder("keras2-date-attention-deeplearningai");
        Functional m = dateModel(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = (Map<String, Object>) json(
                dir.resolve("expected_attention_tuesday_09_oct_1993.json"));
        List<KerasTensor> alphas = new ArrayList<>();
        for (Node n : m.getLayer("attention_weights").inboundNodes()) {
            alphas.add(n.outputs().get(0));
        }
        Model attention = Model.of(m.inputs(), alphas);
        List<Tensor> got = attention.predictAll(dateInputs(m, List.of((String) expected.get("input"))), 1);
        @SuppressWarnings("unchecked")
        List<List<Number>> map = (List<List<Number>>) expected.get("alphas_Ty_by_Tx");
        ReferenceRows tally = new ReferenceRows("deeplearning.ai attention map of 'Tuesday 09 Oct 1993' (10 x 30)");
        tally.check("calls of attention_weights", map.size(), got.size());
        for (int t = 0; t < map.size(); t++) {
            for (int x = 0; x < 30; x++) {
                tally.check("alpha[" + t + "][" + x + "]", map.get(t).get(x).doubleValue(), got.get(t).get(0, x, 0),
                        1e-5);
            }
        }
        tally.assertAllMatch();
    }

    @Test
    void dateBiGruDecodesAsTheReference() {
        Path dir = folder("keras2-date-bigru-heatray");
        Model m = KerasModels.load(dir.resolve("model.json"), dir.resolve("model_weights.h5"));
        List<String[]> rows = tsv(dir.resolve("expected_decodes.tsv"));
        Tensor x = Tensor.zeros(rows.size(), 25, 1);
        for (int b = 0; b < rows.size(); b++) {
            int[] ids = Tensors.ids(rows.get(b)[1], HUMAN, 25, PAD);
            for (int t = 0; t < 25; t++) {
                x.set(ids[t], b, t, 0);                 // the raw character index is the feature
            }
        }
        Tensor p = m.predict(x, 128);
        ReferenceRows tally = new ReferenceRows("heatray weights-only .h5 + Sequential JSON (date BiGRU) decodes");
        for (int b = 0; b < rows.size(); b++) {
            StringBuilder s = new StringBuilder();
            for (int t = 0; t < 25; t++) {
                int k = Tensors.argmax(p, b * 25 + t);
                s.append(k == 11 ? "<pad>" : String.valueOf(MACHINE.charAt(k)));
            }
            tally.check("'" + rows.get(b)[1] + "'", rows.get(b)[2], s.substring(0, 10));
        }
        tally.assertAllMatch();
    }

    @Test
    void charLmKeras3GeneratesAsTheReference() {
        Path dir = folder("keras3-charlm-eng-studsch");
        String chars = Seq2SeqReferenceTest.list(dir.resolve("chars.json"));
        Model m = KerasModels.load(dir.resolve("lstm_model.keras"));
        List<String[]> rows = tsv(dir.resolve("expected_generations.tsv"));
        int n = rows.size();
        StringBuilder[] windows = new StringBuilder[n];
        StringBuilder[] generated = new StringBuilder[n];
        ReferenceRows tally = new ReferenceRows("studsch lstm_model.keras (char LM) continuations and top-3");
        for (int step = 0; step < 120; step++) {
            int[][] ids = new int[n][];
            for (int b = 0; b < n; b++) {
                if (step == 0) {
                    windows[b] = new StringBuilder(rows.get(b)[0]);
                    generated[b] = new StringBuilder();
                }
                ids[b] = Tensors.ids(windows[b].toString(), chars, 40, -1);
            }
            Tensor p = m.predict(Tensors.oneHot(ids, chars.length()), n);
            for (int b = 0; b < n; b++) {
                if (step == 0) {
                    checkTop3(tally, rows.get(b), chars, p, b);
                }
                char next = chars.charAt(Tensors.argmax(p, b));
                generated[b].append(next);
                windows[b].deleteCharAt(0).append(next);
            }
        }
        for (int b = 0; b < n; b++) {
            tally.check("continuation of '" + rows.get(b)[0] + "'", rows.get(b)[1], generated[b].toString());
        }
        tally.assertAllMatch();
    }

    /** The column {@code 't':0.345187, 'a':0.230895, ...} (Python reprs of the characters). */
    private static void checkTop3(ReferenceRows tally, String[] row, String chars, Tensor p, int b) {
        Matcher m = Pattern.compile("(?:'(.)'|\"(.)\"):([0-9.e-]+)").matcher(row[2]);
        while (m.find()) {
            String c = m.group(1) != null ? m.group(1) : m.group(2);
            tally.check("p('" + c + "' | '" + row[0] + "')", Double.parseDouble(m.group(3)),
                    p.get(b, chars.indexOf(c)), 1e-5);
        }
    }

    private static Functional dateModel(Path dir) {
        return (Functional) KerasModels.load(dir.resolve("model.h5"),
                new CustomObjects().activation("softmax", () -> new Softmax(1)));   // the course's softmax(axis=1)
    }

    /** One-hot inputs as the course encodes them (lowercased, ',' removed, '<pad>' to 30) and zero s0, c0. */
    private static List<Tensor> dateInputs(Functional m, List<String> texts) {
        int[][] ids = texts.stream().map(s -> Tensors.ids(s.toLowerCase(Locale.ROOT).replace(",", ""), HUMAN, 30, PAD))
                .toArray(int[][]::new);
        List<Tensor> in = new ArrayList<>();
        for (KerasTensor t : m.inputs()) {
            String name = t.node().layer().name();
            in.add(name.equals("s0") || name.equals("c0") ? Tensor.zeros(texts.size(), 64)
                    : Tensors.oneHot(ids, 37));
        }
        return in;
    }
}
