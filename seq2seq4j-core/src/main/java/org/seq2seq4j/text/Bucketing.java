package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;

/**
 * Batches of similar-length samples, so little of each batch is padding (as
 * {@code tf.data.experimental.bucket_by_sequence_length}): sample {@code i} goes to the bucket
 * {@code k} with {@code boundaries[k-1] <= lengths[i] < boundaries[k]} (the last bucket is open-ended);
 * each bucket is shuffled and cut into batches of {@code batchSize} (its last batch may be smaller), and
 * the order of all batches is shuffled. The same seed gives the same batches.
 *
 * <pre>{@code
 * int[] lengths = {3, 12, 5, 14, 4, 11};
 * List<int[]> batches = Bucketing.batches(lengths, new int[] {10}, 2, 7);
 * // four batches of sample indices: {0, 2, 4} (lengths below 10) in batches of 2 and 1, {1, 3, 5} likewise
 * }</pre>
 */
public final class Bucketing {
    private Bucketing() {
    }

    /** The batches of sample indices; {@code boundaries} strictly increasing, {@code batchSize >= 1}. */
    public static List<int[]> batches(int[] lengths, int[] boundaries, int batchSize, long seed) {
        if (batchSize < 1) {
            throw ConfigException.argument("Bucketing", "batch_size", "at least 1", batchSize);
        }
        for (int k = 1; k < boundaries.length; k++) {
            if (boundaries[k] <= boundaries[k - 1]) {
                throw ConfigException.argument("Bucketing", "boundaries", "strictly increasing",
                        Arrays.toString(boundaries));
            }
        }
        List<List<Integer>> buckets = new ArrayList<>();
        for (int k = 0; k <= boundaries.length; k++) {
            buckets.add(new ArrayList<>());
        }
        for (int i = 0; i < lengths.length; i++) {
            int k = Arrays.binarySearch(boundaries, lengths[i]);
            buckets.get(k >= 0 ? k + 1 : -k - 1).add(i);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (List<Integer> bucket : buckets) {
            shuffle(bucket, rnd);
            for (int from = 0; from < bucket.size(); from += batchSize) {
                out.add(bucket.subList(from, Math.min(bucket.size(), from + batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        shuffle(out, rnd);
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }
}
