package org.seq2seq4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.io.Models;
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
 * A character-level Keras lstm_seq2seq translator of a given size with random weights, saved as a
 * native {@code .s2s} model file and loaded from one, the workload of the Spark bench and tests:
 * sources over {@code sourceSize} characters from {@code 'a'}, targets over {@code \t} (start),
 * {@code \n} (end) and {@code targetSize - 2} characters from {@code 'A'}; decoding with
 * {@link Decoder#decodeAll} in length-sorted batches of 32.
 */
final class CharTranslator implements SentenceTranslator {
    /** The sizes of a model: source and target alphabets and LSTM units. */
    record Spec(int sourceSize, int targetSize, int units) implements java.io.Serializable {
        /** The alphabet of sources. */
        String source() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < sourceSize; i++) {
                b.append((char) ('a' + i));
            }
            return b.toString();
        }

        char target(int token) {
            return token == 0 ? '\t' : token == 1 ? '\n' : (char) ('A' + token - 2);
        }
    }

    private final Spec spec;
    private final String source;
    private final StepDecoder steps;
    private final Decoder decoder;

    private CharTranslator(Spec spec, Functional model, Decoder decoder) {
        this.spec = spec;
        this.source = spec.source();
        this.steps = KerasStepDecoder.ofLstmSeq2seq(model);
        this.decoder = decoder;
    }

    /** The architecture (weights from the global seed stream). */
    static Functional architecture(Spec s) {
        KerasTensor encoderInputs = Input.of(Shape.UNKNOWN, s.sourceSize());
        List<KerasTensor> enc = new LSTM(s.units()).returnState(true).applyAll(encoderInputs);
        KerasTensor decoderInputs = Input.of(Shape.UNKNOWN, s.targetSize());
        KerasTensor out = new LSTM(s.units()).returnSequences(true).returnState(true)
                .apply(decoderInputs, enc.get(1), enc.get(2));
        return Model.of(List.of(encoderInputs, decoderInputs),
                List.of(new Dense(s.targetSize()).activation("softmax").apply(out)));
    }

    /** Saves a model with weights from {@code seed}, the end token's bias lowered so outputs have tokens. */
    static void save(Spec s, long seed, Path file) {
        Seq2Seq4j.seed(seed);
        Functional m = architecture(s);
        m.layers().get(m.layers().size() - 1).weights().get(1).value().data()[1] = -2f;
        m.save(file);
    }

    /**
     * The model file {@code file} (on an executor: its copy) decoded by {@code d} (start token 0,
     * end token 1, at most 24 tokens).
     */
    static CharTranslator load(Spec s, SharedFile file, Decoder d) {
        return file.read(local -> load(s, local, d));
    }

    /** As {@link #load(Spec, SharedFile, Decoder)} for a local file. */
    static CharTranslator load(Spec s, Path file, Decoder d) {
        if (!(Models.load(file) instanceof Functional m)) {
            throw ConfigException.argument("CharTranslator", "model file", "a functional lstm_seq2seq model", file);
        }
        return new CharTranslator(s, m, d.startToken(0).endToken(1).maxLength(24));
    }

    @Override
    public List<Result> translate(List<String> sentences) {
        int width = spec.sourceSize();
        List<Tensor> sources = new ArrayList<>(sentences.size());
        for (String s : sentences) {
            float[] x = new float[Math.max(1, s.length()) * width];
            for (int t = 0; t < s.length(); t++) {
                int id = source.indexOf(s.charAt(t));
                if (id < 0) {
                    throw ConfigException.argument("CharTranslator", "sentence '" + s + "'",
                            "characters of '" + source + "'", "'" + s.charAt(t) + "'");
                }
                x[t * width + id] = 1f;
            }
            sources.add(Tensor.of(x, 1, Math.max(1, s.length()), width));
        }
        List<Result> out = new ArrayList<>(sentences.size());
        for (List<Hypothesis> h : decoder.decodeAll(steps, sources, 32, SourcePadding.zeros())) {
            StringBuilder b = new StringBuilder();
            for (int token : h.get(0).tokens()) {
                if (token != 1) {
                    b.append(spec.target(token));
                }
            }
            out.add(new Result(b.toString(), h.get(0).score()));
        }
        return out;
    }

    /** {@code n} random sentences of 1 to {@code maxLength} source characters. */
    static List<String> sentences(Spec s, int n, int maxLength, long seed) {
        String alphabet = s.source();
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(maxLength);
            for (int t = 0; t < len; t++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            out.add(b.toString());
        }
        return out;
    }
}
