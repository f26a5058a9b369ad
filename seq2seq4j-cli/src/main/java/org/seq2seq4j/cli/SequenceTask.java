package org.seq2seq4j.cli;

import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/**
 * A generated sequence-to-sequence task: random sequences of {@code length} symbols from a vocabulary
 * of {@code vocab}, one-hot encoded {@code (samples, length, vocab)}, mapped to their reversed or
 * sorted copy.
 */
enum SequenceTask {
    REVERSE, SORT;

    /** {@code [x, y]} one-hot tensors for {@code samples} random sequences. */
    Tensor[] generate(int samples, int length, int vocab, SplittableRandom random) {
        Tensor x = Tensor.zeros(samples, length, vocab);
        Tensor y = Tensor.zeros(samples, length, vocab);
        int[] seq = new int[length];
        for (int s = 0; s < samples; s++) {
            for (int t = 0; t < length; t++) {
                seq[t] = random.nextInt(vocab);
                x.data()[(s * length + t) * vocab + seq[t]] = 1f;
            }
            int[] target = target(seq);
            for (int t = 0; t < length; t++) {
                y.data()[(s * length + t) * vocab + target[t]] = 1f;
            }
        }
        return new Tensor[] {x, y};
    }

    private int[] target(int[] seq) {
        int[] t = seq.clone();
        if (this == REVERSE) {
            for (int i = 0; i < t.length; i++) {
                t[i] = seq[seq.length - 1 - i];
            }
        } else {
            java.util.Arrays.sort(t);
        }
        return t;
    }
}
