package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.seq2seq.KerasStepDecoder;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.text.CharTokenizer;
import org.seq2seq4j.text.OneHot;
import org.seq2seq4j.text.Vocabulary;

/**
 * A small real text model to try the server with ({@code bin/seq2seq4j serve --demo}) and to test
 * it: a character-level encoder-decoder with Keras's AdditiveAttention that learns, in a few
 * seconds, to reverse words of the letters a-f (trained on 3 to 6 letters), decoded through its
 * inference models. Its decoder starts from the encoder's final states, which carry most of the
 * word, so its attention rests mostly on the last letters.
 *
 * <pre>{@code
 * DecodingTextModel reverse = ReverseDemo.train();       // 700 Adam steps, about 4 s
 * String out = reverse.translate(List.of("cafe"), TranslateOptions.greedy()).get(0).nBest().get(0).text();
 * // out -> "efac"
 * }</pre>
 */
public final class ReverseDemo {
    /** The letters the model knows. */
    public static final String LETTERS = "abcdef";
    private static final int UNITS = 32;

    private ReverseDemo() {
    }

    /** The source vocabulary: the letters. */
    public static Vocabulary source() {
        return Vocabulary.of(chars(LETTERS), null, null, null, null);
    }

    /** The target vocabulary: start (tab), end (newline), the letters. */
    public static Vocabulary target() {
        List<String> t = new ArrayList<>(List.of("\t", "\n"));
        t.addAll(chars(LETTERS));
        return Vocabulary.of(t, null, "\t", "\n", null);
    }

    private static List<String> chars(String s) {
        return new CharTokenizer().tokenize(s);
    }

    /** Trains the model (seeded: the same model every time). */
    public static DecodingTextModel train() {
        Seq2Seq4j.seed(7);
        Vocabulary src = source();
        Vocabulary tgt = target();
        int sv = src.size();
        int tv = tgt.size();
        LSTM encoder = new LSTM(UNITS).returnSequences(true).returnState(true);
        LSTM decoder = new LSTM(UNITS).returnSequences(true).returnState(true);
        AdditiveAttention attention = new AdditiveAttention().returnAttentionScores(true);
        Dense dense = new Dense(tv).activation("softmax");
        KerasTensor encIn = Input.of(Shape.UNKNOWN, sv);
        List<KerasTensor> enc = encoder.applyAll(encIn);
        KerasTensor decIn = Input.of(Shape.UNKNOWN, tv);
        KerasTensor decOut = decoder.apply(decIn, enc.get(1), enc.get(2));
        List<KerasTensor> att = attention.applyAll(decOut, enc.get(0));
        Functional training = Model.of(List.of(encIn, decIn),
                List.of(dense.apply(new Concatenate(-1).apply(decOut, att.get(0)))));
        training.compile(new Adam().learningRate(0.01), org.seq2seq4j.losses.Losses.get("categorical_crossentropy"));

        SplittableRandom r = new SplittableRandom(3);
        for (int step = 0; step < 700; step++) {
            int len = 3 + step % 4;
            List<int[]> in = new ArrayList<>();
            List<int[]> decoderIn = new ArrayList<>();
            List<int[]> out = new ArrayList<>();
            for (int b = 0; b < 32; b++) {
                int[] w = new int[len];
                int[] di = new int[len + 1];
                int[] o = new int[len + 1];
                for (int t = 0; t < len; t++) {
                    w[t] = r.nextInt(sv);
                }
                di[0] = tgt.startIndex();
                for (int t = 0; t < len; t++) {
                    int rev = tgt.indexOf(src.token(w[len - 1 - t]));
                    o[t] = rev;
                    di[t + 1] = rev;
                }
                o[len] = tgt.endIndex();
                in.add(w);
                decoderIn.add(di);
                out.add(o);
            }
            training.trainOnBatch(List.of(OneHot.encode(in, len, sv), OneHot.encode(decoderIn, len + 1, tv)),
                    List.of(OneHot.encode(out, len + 1, tv)));
        }

        Functional encoderModel = Model.of(List.of(encIn), List.of(enc.get(0), enc.get(1), enc.get(2)));
        KerasTensor h = Input.of(UNITS);
        KerasTensor c = Input.of(UNITS);
        KerasTensor memory = Input.of(Shape.UNKNOWN, UNITS);
        List<KerasTensor> step = decoder.applyAll(decIn, h, c);
        List<KerasTensor> stepAtt = attention.applyAll(step.get(0), memory);
        KerasTensor probs = dense.apply(new Concatenate(-1).apply(step.get(0), stepAtt.get(0)));
        Functional decoderModel = Model.of(List.of(decIn, h, c, memory),
                List.of(probs, step.get(1), step.get(2), stepAtt.get(1)));
        StepDecoder steps = KerasStepDecoder.ofModels(encoderModel, decoderModel, 2);
        return new DecodingTextModel(new CharTokenizer(), src, tgt, steps, 12);
    }

    /** The one-hot source batch {@code (words, length, letters)} of words of one length, for decoding directly. */
    public static Tensor oneHot(List<String> words) {
        Vocabulary src = source();
        List<int[]> ids = new ArrayList<>();
        words.forEach(w -> ids.add(src.encode(chars(w))));
        return OneHot.encode(ids, words.get(0).length(), src.size());
    }
}
