package org.seq2seq4j.serve;

import java.util.List;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.Tensor;

/** The trained {@link ReverseDemo} model the server tests share, trained once per test JVM. */
final class ToyModel {
    private static DecodingTextModel model;

    private ToyModel() {
    }

    static synchronized DecodingTextModel get() {
        if (model == null) {
            model = ReverseDemo.train();
        }
        return model;
    }

    /** The step decoder inside {@link #get()}, for decoding the same model directly. */
    static StepDecoder steps() {
        return get().stepDecoder();
    }

    static Tensor oneHot(List<String> words) {
        return ReverseDemo.oneHot(words);
    }
}
