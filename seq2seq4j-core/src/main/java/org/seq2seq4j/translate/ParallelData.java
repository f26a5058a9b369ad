package org.seq2seq4j.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.text.Bucketing;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.tensor.Tensor;

/**
 * Sentence pairs as token ids, cut into the batches a {@link TranslationModel} trains on. The
 * lstm_seq2seq form is the Keras example's: one-hot rows, every batch padded to the longest
 * sequence of all the data, decoder input {@code start + tokens + end} and the target that input
 * shifted by one (an all-zero row at the end), samples shuffled each epoch. The attention form
 * uses ids (0 = padding), decoder input {@code start + tokens}, target {@code tokens + end}, and
 * batches of similar length ({@link Bucketing}) padded to their own longest.
 */
final class ParallelData {
    /** Tensors of one batch and its count of target tokens (padding excluded). */
    record Batch(List<Tensor> x, Tensor y, int samples, int targetTokens) {
    }

    private final int[][] source;
    private final int[][] target;
    private final TranslationModel model;
    private final TokenCodec targetCodec;
    private final int sourceVocabulary;
    private final int sourceLength;
    private final int targetLength;
    private final boolean oneHotTargets;

    /**
     * @param oneHotTargets targets as one-hot rows (categorical crossentropy, e.g. for label smoothing)
     *                      rather than ids (sparse)
     * @param lengths the padded lengths of the lstm_seq2seq form {@code [source, decoder]}, or null to
     *                take the longest of these samples
     */
    ParallelData(List<SentencePair> pairs, TokenCodec sourceCodec, TokenCodec targetCodec, TranslationModel model,
                 boolean oneHotTargets, int[] lengths) {
        this.model = model;
        this.targetCodec = targetCodec;
        this.oneHotTargets = oneHotTargets || model.oneHot();
        this.sourceVocabulary = sourceCodec.vocabulary().size();
        source = new int[pairs.size()][];
        target = new int[pairs.size()][];
        int ls = 1;
        int lt = 1;
        for (int i = 0; i < pairs.size(); i++) {
            source[i] = sourceCodec.encode(pairs.get(i).source()).ids();
            target[i] = targetCodec.encode(pairs.get(i).target()).ids();
            ls = Math.max(ls, source[i].length);
            lt = Math.max(lt, target[i].length + (model.oneHot() ? 2 : 1));
        }
        sourceLength = lengths != null ? lengths[0] : ls;
        targetLength = lengths != null ? lengths[1] : lt;
    }

    int size() {
        return source.length;
    }

    /** {@code [source, decoder]} padded lengths of the lstm_seq2seq form. */
    int[] lengths() {
        return new int[] {sourceLength, targetLength};
    }

    /** The batches of one epoch, as sample indices; shuffled with {@code random} when it is not null. */
    List<int[]> batches(int batchSize, SplittableRandom random) {
        int n = source.length;
        if (model.oneHot() || random == null) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (random != null) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            List<int[]> out = new ArrayList<>();
            for (int from = 0; from < n; from += batchSize) {
                out.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
            }
            return out;
        }
        int[] lengths = new int[n];
        int longest = 1;
        for (int i = 0; i < n; i++) {
            lengths[i] = Math.max(source[i].length, target[i].length);
            longest = Math.max(longest, lengths[i]);
        }
        int width = Math.max(1, longest / 16);
        int[] boundaries = new int[Math.max(0, longest / width)];
        for (int k = 0; k < boundaries.length; k++) {
            boundaries[k] = (k + 1) * width;
        }
        return Bucketing.batches(lengths, boundaries, batchSize, random.nextLong());
    }

    /** The tensors of the samples {@code rows}. */
    Batch batch(int[] rows) {
        boolean oneHot = model.oneHot();
        int b = rows.length;
        int ls = oneHot ? sourceLength : 1;
        int lt = oneHot ? targetLength : 1;
        if (!oneHot) {
            for (int r : rows) {
                ls = Math.max(ls, source[r].length);
                lt = Math.max(lt, target[r].length + 1);
            }
        }
        int vs = sourceVocabulary;
        int vt = targetCodec.vocabulary().size();
        int start = targetCodec.vocabulary().startIndex();
        int end = targetCodec.vocabulary().endIndex();
        float[] x = new float[b * ls * (oneHot ? vs : 1)];
        float[] d = new float[b * lt * (oneHot ? vt : 1)];
        float[] y = new float[b * lt * (oneHotTargets ? vt : 1)];
        int tokens = 0;
        for (int i = 0; i < b; i++) {
            int[] s = source[rows[i]];
            for (int t = 0; t < Math.min(s.length, ls); t++) {
                if (oneHot) {
                    if (s[t] >= 0) {
                        x[(i * ls + t) * vs + s[t]] = 1f;
                    }
                } else {
                    x[i * ls + t] = s[t];
                }
            }
            int[] tg = target[rows[i]];
            int n = Math.min(tg.length + 1, oneHot ? lt - 1 : lt);      // decoder steps with a target
            for (int t = 0; t < n; t++) {
                int in = t == 0 ? start : tg[t - 1];
                int out = t < tg.length ? tg[t] : end;
                put(d, i * lt + t, vt, in, oneHot);
                put(y, i * lt + t, vt, out, oneHotTargets);
            }
            if (oneHot && n < lt) {
                put(d, i * lt + n, vt, end, true);                       // the example feeds the end token too
            }
            tokens += n;
        }
        List<Tensor> inputs = oneHot ? List.of(Tensor.of(x, b, ls, vs), Tensor.of(d, b, lt, vt))
                : List.of(Tensor.of(x, b, ls), Tensor.of(d, b, lt));
        Tensor targets = oneHotTargets ? Tensor.of(y, b, lt, vt) : Tensor.of(y, b, lt);
        return new Batch(inputs, targets, b, tokens);
    }

    private static void put(float[] a, int row, int width, int id, boolean oneHot) {
        if (id < 0) {
            return;
        }
        if (oneHot) {
            a[row * width + id] = 1f;
        } else {
            a[row] = id;
        }
    }
}
