package org.seq2seq4j.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.tensor.Tensor;

/**
 * One batch of one {@link Decoder} call: the rows ({@code sources × beam}) are stepped together,
 * and after each step every source chooses its next rows and tokens (greedy: the best token per
 * row; sampling: a drawn token per row; beam: the best {@code k} continuations over its rows).
 * Finished outputs leave their source's beam as hypotheses, and a source that is done leaves the
 * batch: its rows are compacted away, in the model too, so later steps compute only the rows
 * still decoding. Buffers are sized up front; a step allocates nothing until a hypothesis finishes.
 */
final class DecodeLoop {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private final Decoder options;
    private final StepDecoder model;
    private final StepDecoder.Session session;
    private final int sources;
    private final int beam;
    /** The rows still decoding: {@code liveCount · beam}, those of source {@code live[i]} at {@code [i · beam, (i + 1) · beam)}. */
    private int rows;
    private final int[] live;
    private int liveCount;
    private final int[] kept;
    private final int vocab;
    private final int[] limits;
    private final int longest;
    private final float[] out;
    private final int[] previous;
    private final double[] scores;
    private final double[] nextScores;
    private int[][] tokens;
    private int[][] nextTokens;
    private float[][] attention;
    private float[][] nextAttention;
    private float[][] coverage;
    private float[][] nextCoverage;
    private final int[] parents;
    private final boolean[] done;
    private final List<List<Hypothesis>> finished;
    private final double[] heapScore;
    private final int[] heapIndex;
    private final SplittableRandom random;
    private final int[] ranked;
    private int sourceLength;

    DecodeLoop(Decoder options, StepDecoder model, List<Tensor> inputs, int[] lengths, int sources, int[] limits) {
        this.options = options;
        this.model = model;
        this.sources = sources;
        this.beam = options.beamSize();
        this.session = model.start(inputs, lengths, beam);
        this.rows = session.rows();
        this.vocab = model.outputSize();
        this.limits = limits;
        this.longest = Arrays.stream(limits).max().orElse(1);
        this.out = new float[rows * vocab];
        this.previous = new int[rows];
        this.scores = new double[rows];
        this.nextScores = new double[rows];
        this.tokens = new int[rows][longest];
        this.nextTokens = new int[rows][longest];
        this.parents = new int[rows];
        this.done = new boolean[sources];
        this.finished = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            finished.add(new ArrayList<>());
        }
        this.heapScore = new double[2 * beam];
        this.heapIndex = new int[2 * beam];
        this.random = new SplittableRandom(options.seedValue());
        this.ranked = new int[vocab];
        this.live = new int[sources];
        for (int i = 0; i < sources; i++) {
            live[i] = i;
        }
        this.liveCount = sources;
        this.kept = new int[rows];
    }

    List<List<Hypothesis>> run() {
        Arrays.fill(previous, options.start());
        for (int r = 0; r < rows; r++) {
            scores[r] = r % beam == 0 ? 0 : Double.NEGATIVE_INFINITY;   // one live row per source at the start
        }
        for (int len = 0; len < longest && liveCount > 0; len++) {
            session.step(previous, out);
            captureAttention(len);
            toScores(len);
            for (int i = 0; i < liveCount; i++) {
                choose(i, len);
            }
            reorder(len);
            dropFinished(len);
        }
        List<List<Hypothesis>> result = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            List<Hypothesis> h = finished.get(s);
            h.sort((a, b) -> Double.compare(b.normalizedScore(), a.normalizedScore()));
            result.add(List.copyOf(h.subList(0, Math.min(options.nBestCount(), h.size()))));
        }
        return result;
    }

    /** Keeps this step's attention rows (and the coverage sums) of every row. */
    private void captureAttention(int len) {
        if (!options.keepAttention()) {
            return;
        }
        float[] a = session.attention();
        if (a == null) {
            return;
        }
        if (attention == null) {
            sourceLength = session.sourceLength();
            attention = new float[rows][longest * sourceLength];
            nextAttention = new float[rows][longest * sourceLength];
            coverage = new float[rows][sourceLength];
            nextCoverage = new float[rows][sourceLength];
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * sourceLength, attention[r], len * sourceLength, sourceLength);
            for (int j = 0; j < sourceLength; j++) {
                coverage[r][j] += a[r * sourceLength + j];
            }
        }
    }

    /** Turns the step's outputs into log-probabilities with the constraints applied (end token, repeated n-grams). */
    private void toScores(int len) {
        boolean probabilities = model.outputsProbabilities();
        int end = options.end();
        for (int r = 0; r < rows; r++) {
            int o = r * vocab;
            if (probabilities) {
                for (int v = 0; v < vocab; v++) {
                    out[o + v] = (float) Math.log(out[o + v]);
                }
            }
            if (end >= 0 && len < options.minLengthValue()) {
                out[o + end] = NEG_INF;
            }
            banRepeatedNgrams(r, len);
        }
    }

    /** Masks every token that would complete an n-gram the row already holds. */
    private void banRepeatedNgrams(int r, int len) {
        int n = options.noRepeat();
        if (n == 0 || len + 1 < n) {
            return;
        }
        int[] h = tokens[r];
        int prefixStart = len - n + 1;
        for (int i = 0; i + n - 1 < len; i++) {
            boolean same = true;
            for (int k = 0; k < n - 1 && same; k++) {
                same = h[i + k] == h[prefixStart + k];
            }
            if (same) {
                out[r * vocab + h[i + n - 1]] = NEG_INF;
            }
        }
    }

    /** Chooses the continuations of the {@code i}-th live source after step {@code len} (0-based). */
    private void choose(int i, int len) {
        switch (options.search()) {
            case GREEDY, SAMPLE -> chooseEachRow(i, len);
            case BEAM -> chooseBeam(i, len);
        }
    }

    /** Greedy and sampling: one row per source, one token each. */
    private void chooseEachRow(int i, int len) {
        int s = live[i];
        int r = i;
        int o = r * vocab;
        int token = options.search() == Decoder.Search.GREEDY ? argmax(o) : draw(o);
        parents[r] = r;
        nextScores[r] = scores[r] + out[o + token];
        System.arraycopy(tokens[r], 0, nextTokens[r], 0, len);
        nextTokens[r][len] = token;
        previous[r] = token;
        if (token == options.end() || len + 1 >= limits[s]) {
            finish(s, r, nextTokens[r], len + 1, nextScores[r], token == options.end());
            done[s] = true;
        }
    }

    private int argmax(int o) {
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            if (out[o + v] > out[o + best]) {
                best = v;
            }
        }
        return best;
    }

    /** A token drawn from {@code p^(1/T)} among the top-k. */
    private int draw(int o) {
        int k = options.topKValue() == 0 ? vocab : Math.min(options.topKValue(), vocab);
        for (int v = 0; v < vocab; v++) {
            ranked[v] = v;
        }
        if (k < vocab) {
            partialSortDescending(o, k);
        }
        double t = options.temperatureValue();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, out[o + ranked[i]] / t);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(out[o + ranked[i]] / t - max);
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < k; i++) {
            u -= Math.exp(out[o + ranked[i]] / t - max);
            if (u <= 0) {
                return ranked[i];
            }
        }
        return ranked[k - 1];
    }

    /** Moves the {@code k} largest scores of row {@code o} to the front of {@code ranked}, largest first (ties: lower id first). */
    private void partialSortDescending(int o, int k) {
        for (int i = 0; i < k; i++) {
            int best = i;
            for (int j = i + 1; j < vocab; j++) {
                if (out[o + ranked[j]] > out[o + ranked[best]]) {
                    best = j;
                }
            }
            int tmp = ranked[i];
            ranked[i] = ranked[best];
            ranked[best] = tmp;
        }
    }

    /** Beam search: the best 2k continuations over the source's k rows; up to k live ones stay, ended ones finish. */
    private void chooseBeam(int position, int len) {
        int s = live[position];
        int first = position * beam;
        int size = 0;
        for (int r = first; r < first + beam; r++) {
            if (scores[r] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            int o = r * vocab;
            for (int v = 0; v < vocab; v++) {
                double c = scores[r] + out[o + v];
                if (c == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                int index = (r - first) * vocab + v;
                if (size < heapScore.length) {
                    heapScore[size] = c;
                    heapIndex[size] = index;
                    siftUp(size++);
                } else if (better(c, index, 0)) {
                    heapScore[0] = c;
                    heapIndex[0] = index;
                    siftDown(0, size);
                }
            }
        }
        sortDescending(size);
        int alive = 0;
        List<Hypothesis> ended = finished.get(s);
        boolean last = len + 1 >= limits[s];
        for (int i = 0; i < size && alive < beam; i++) {
            int parent = first + heapIndex[i] / vocab;
            int token = heapIndex[i] % vocab;
            if (token == options.end()) {
                if (ended.size() < beam) {
                    finish(s, parent, withToken(parent, len, token), len + 1, heapScore[i], true);
                }
                continue;
            }
            int r = first + alive++;
            parents[r] = parent;
            nextScores[r] = heapScore[i];
            System.arraycopy(tokens[parent], 0, nextTokens[r], 0, len);
            nextTokens[r][len] = token;
            previous[r] = token;
        }
        for (int r = first + alive; r < first + beam; r++) {
            parents[r] = first;
            nextScores[r] = Double.NEGATIVE_INFINITY;
            previous[r] = options.start();
        }
        if (last) {
            for (int r = first; r < first + alive; r++) {
                finish(s, parents[r], nextTokens[r], len + 1, nextScores[r], false);
            }
        }
        if (last || ended.size() >= beam || alive == 0) {
            done[s] = true;
        }
    }

    /** The tokens of row {@code parent} with {@code token} appended at {@code len}, in a fresh array (the hypothesis keeps it). */
    private int[] withToken(int parent, int len, int token) {
        int[] t = Arrays.copyOf(tokens[parent], len + 1);
        t[len] = token;
        return t;
    }

    /** Records a finished output of source {@code s}; {@code row} holds its attention history. */
    private void finish(int s, int row, int[] history, int length, double score, boolean ended) {
        int kept = ended ? length - 1 : length;
        double normalized = options.penalty().normalize(score, length);
        float[][] rowsOfAttention = null;
        if (attention != null) {
            if (options.coverageWeight() > 0) {
                double cp = 0;
                for (int j = 0; j < sourceLength; j++) {
                    cp += Math.log(Math.min(coverage[row][j], 1.0));
                }
                normalized += options.coverageWeight() * cp;
            }
            if (options.attentionInResults()) {
                rowsOfAttention = new float[length][];
                for (int i = 0; i < length; i++) {
                    rowsOfAttention[i] = Arrays.copyOfRange(attention[row], i * sourceLength, (i + 1) * sourceLength);
                }
            }
        }
        finished.get(s).add(new Hypothesis(Arrays.copyOf(history, kept), score, normalized, rowsOfAttention));
    }

    /** Moves every row's state to its chosen parent's, in the model and in the histories. */
    private void reorder(int len) {
        if (options.search() == Decoder.Search.BEAM) {
            session.selectRows(parents);
            if (attention != null) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(attention[parents[r]], 0, nextAttention[r], 0, (len + 1) * sourceLength);
                    System.arraycopy(coverage[parents[r]], 0, nextCoverage[r], 0, sourceLength);
                }
                float[][] a = attention;
                attention = nextAttention;
                nextAttention = a;
                float[][] c = coverage;
                coverage = nextCoverage;
                nextCoverage = c;
            }
        }
        System.arraycopy(nextScores, 0, scores, 0, rows);
        int[][] t = tokens;
        tokens = nextTokens;
        nextTokens = t;
    }

    /** Drops the rows of the sources that are done, here and in the model (rows keep their order). */
    private void dropFinished(int len) {
        int n = 0;
        int liveAfter = 0;
        for (int i = 0; i < liveCount; i++) {
            if (done[live[i]]) {
                continue;
            }
            for (int k = 0; k < beam; k++) {
                kept[n++] = i * beam + k;
            }
            live[liveAfter++] = live[i];
        }
        if (n == rows) {
            return;
        }
        for (int r = 0; r < n; r++) {          // kept[r] >= r: moving rows down never overwrites one still to move
            int from = kept[r];
            scores[r] = scores[from];
            previous[r] = previous[from];
            System.arraycopy(tokens[from], 0, tokens[r], 0, len + 1);
            if (attention != null) {
                System.arraycopy(attention[from], 0, attention[r], 0, (len + 1) * sourceLength);
                System.arraycopy(coverage[from], 0, coverage[r], 0, sourceLength);
            }
        }
        session.compact(kept, n);
        rows = n;
        liveCount = liveAfter;
    }

    private boolean better(double score, int index, int than) {
        return score > heapScore[than] || (score == heapScore[than] && index < heapIndex[than]);
    }

    /** Min-heap on (score, then larger index worse) at the root. */
    private void siftUp(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (better(heapScore[p], heapIndex[p], i)) {
                swap(i, p);
                i = p;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i, int size) {
        while (true) {
            int l = 2 * i + 1;
            int m = i;
            if (l < size && better(heapScore[m], heapIndex[m], l)) {
                m = l;
            }
            if (l + 1 < size && better(heapScore[m], heapIndex[m], l + 1)) {
                m = l + 1;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    /** Sorts the first {@code size} heap entries best first (insertion sort: at most 2k entries). */
    private void sortDescending(int size) {
        for (int i = 1; i < size; i++) {
            for (int j = i; j > 0 && better(heapScore[j], heapIndex[j], j - 1); j--) {
                swap(j, j - 1);
            }
        }
    }

    private void swap(int a, int b) {
        double s = heapScore[a];
        heapScore[a] = heapScore[b];
        heapScore[b] = s;
        int x = heapIndex[a];
        heapIndex[a] = heapIndex[b];
        heapIndex[b] = x;
    }
}
