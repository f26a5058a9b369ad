package org.seq2seq4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.WeightsFile;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.seq2seq.Hypothesis;
import org.seq2seq4j.seq2seq.KerasStepDecoder;
import org.seq2seq4j.seq2seq.SourcePadding;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A character-level lstm_seq2seq translator (random weights from a seed, saved as a weights file):
 * sources over {@code a..j} and space, targets over {@code \t} (start), {@code \n} (end) and
 * {@code k..t}; decoding with {@link Decoder#decodeAll} in length-sorted batches of 32.
 */
final class CharTranslator implements SentenceTranslator {
    static final String SOURCE = "abcdefghij ";
    static final String TARGET = "\t\nklmnopqrst";
    private static final int UNITS = 16;

    private final StepDecoder steps;
    private final Decoder decoder;

    private CharTranslator(Functional model, Decoder decoder) {
        this.steps = KerasStepDecoder.ofLstmSeq2seq(model);
        this.decoder = decoder;
    }

    /** The architecture (weights from the global seed stream). */
    static Functional architecture() {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, SOURCE.length());
        List<KerasTensor> enc = new LSTM(UNITS).returnState(true).applyAll(encoderInputs);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, TARGET.length());
        KerasTensor out = new LSTM(UNITS).returnSequences(true).returnState(true).apply(decoderInputs, enc.get(1), enc.get(2));
        return Model.of(List.of(encoderInputs, decoderInputs), List.of(new Dense(TARGET.length()).activation("softmax").apply(out)));
    }

    /** Saves a model with weights from {@code seed} to {@code file}, the end token's bias lowered so outputs have tokens. */
    static void save(long seed, Path file) {
        Seq2Seq4j.seed(seed);
        Functional m = architecture();
        m.layers().get(m.layers().size() - 1).weights().get(1).value().data()[1] = -2f;
        WeightsFile.save(m, file);
    }

    /** Greedy decoding of the model in {@code weights}. */
    static CharTranslator greedy(Path weights) {
        return load(weights, Decoder.greedy());
    }

    /** Beam search of width 3 with the model in {@code weights}. */
    static CharTranslator beam(Path weights) {
        return load(weights, Decoder.beam(3));
    }

    private static CharTranslator load(Path weights, Decoder d) {
        Functional m = architecture();
        WeightsFile.load(m, weights);
        return new CharTranslator(m, d.startToken(0).endToken(1).maxLength(24));
    }

    @Override
    public List<Result> translate(List<String> sentences) {
        List<Tensor> sources = new ArrayList<>(sentences.size());
        for (String s : sentences) {
            float[] x = new float[Math.max(1, s.length()) * SOURCE.length()];
            for (int t = 0; t < s.length(); t++) {
                int id = SOURCE.indexOf(s.charAt(t));
                if (id < 0) {
                    throw new IllegalArgumentException("character '" + s.charAt(t) + "' is not in the source vocabulary");
                }
                x[t * SOURCE.length() + id] = 1f;
            }
            sources.add(Tensor.of(x, 1, Math.max(1, s.length()), SOURCE.length()));
        }
        List<Result> out = new ArrayList<>(sentences.size());
        for (List<Hypothesis> h : decoder.decodeAll(steps, sources, 32, SourcePadding.zeros())) {
            StringBuilder b = new StringBuilder();
            for (int token : h.get(0).tokens()) {
                if (token != 1) {
                    b.append(TARGET.charAt(token));
                }
            }
            out.add(new Result(b.toString(), h.get(0).score()));
        }
        return out;
    }

    /** {@code n} random sentences of 1 to 30 characters. */
    static List<String> sentences(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(30);
            for (int t = 0; t < len; t++) {
                b.append(SOURCE.charAt(r.nextInt(SOURCE.length())));
            }
            out.add(b.toString());
        }
        return out;
    }
}
