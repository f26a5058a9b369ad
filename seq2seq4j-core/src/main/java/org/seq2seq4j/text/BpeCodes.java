package org.seq2seq4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.io.Json;

/**
 * Byte-pair-encoding merges learned and applied as subword-nmt's {@code learn_bpe} / {@code apply_bpe}
 * (Sennrich et al. 2016, codes format version 0.2). Learning: words are the space-separated parts of each
 * line; a word is split into characters, its last one marked with the end-of-word suffix {@code </w>};
 * then, {@code numSymbols} times, the most frequent pair of adjacent symbols (counted over all words with
 * their frequencies; ties go to the largest pair in code point order, as Python's
 * {@code max(stats, key=lambda x: (stats[x], x))}) is merged everywhere, stopping early when no pair
 * occurs {@code minFrequency} times. Applying: in each word the pair with the earliest merge rank is
 * merged, repeatedly, and the {@code </w>} mark is removed; {@link #segment} puts the separator
 * {@code @@} after every unit but the last of a word. Not ported: glossaries, vocabulary filtering and
 * BPE dropout.
 *
 * <pre>{@code
 * BpeCodes codes = BpeCodes.learn(List.of("low low low low low lower lower newest newest newest newest newest "
 *         + "newest widest widest widest"), 3, 2);
 * // codes.merges() -> [[s, t</w>], [e, st</w>], [l, o]]  (e s and s t</w> tie at 9: the larger pair wins)
 * String s = codes.segment("lowest newer");   // "lo@@ w@@ est n@@ e@@ w@@ e@@ r"
 * BpeCodes same = BpeCodes.fromCodesFile(codes.toCodesFile());
 * }</pre>
 */
public final class BpeCodes {
    /** The end-of-word mark on a word's last symbol. */
    public static final String END_OF_WORD = "</w>";

    private final List<String[]> merges;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private BpeCodes(List<String[]> merges) {
        this.merges = merges;
        for (int i = merges.size() - 1; i >= 0; i--) {
            rank.put(key(merges.get(i)[0], merges.get(i)[1]), i);     // the first rank wins, as subword-nmt
        }
    }

    private static String key(String a, String b) {
        return a + ' ' + b;     // symbols never hold a space
    }

    /** The merges in the order learned, each {@code [first, second]}. */
    public List<String[]> merges() {
        List<String[]> out = new ArrayList<>(merges.size());
        merges.forEach(m -> out.add(m.clone()));
        return out;
    }

    /** Learns merges from text lines, whose words are their space-separated parts (as subword-nmt reads them). */
    public static BpeCodes learn(Iterable<String> lines, int numSymbols, int minFrequency) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : lines) {
            for (String w : strip(line).split(" ")) {
                if (!w.isEmpty()) {
                    counts.merge(w, 1, Integer::sum);
                }
            }
        }
        return learnFromCounts(counts, numSymbols, minFrequency);
    }

    /** subword-nmt's {@code line.strip('\r\n ')}. */
    private static String strip(String line) {
        int a = 0;
        int b = line.length();
        while (a < b && "\r\n ".indexOf(line.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && "\r\n ".indexOf(line.charAt(b - 1)) >= 0) {
            b--;
        }
        return line.substring(a, b);
    }

    /** Learns merges from word counts (subword-nmt's {@code --dict-input}). */
    public static BpeCodes learnFromCounts(Map<String, Integer> wordCounts, int numSymbols, int minFrequency) {
        if (numSymbols < 0) {
            throw ConfigException.argument("BpeCodes", "num_symbols", "at least 0", numSymbols);
        }
        return new BpeCodes(new Learner(wordCounts).run(numSymbols, minFrequency));
    }

    /** The merge state of learning: words as symbol-id arrays, pair counts, and which words hold each pair. */
    private static final class Learner {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> symbols = new ArrayList<>();
        private final int[][] words;
        private final int[] freq;
        private final Map<Long, Long> stats = new HashMap<>();
        private final Map<Long, Set<Integer>> where = new HashMap<>();
        private final PriorityQueue<long[]> queue = new PriorityQueue<>(this::compare);

        Learner(Map<String, Integer> wordCounts) {
            words = new int[wordCounts.size()][];
            freq = new int[wordCounts.size()];
            int j = 0;
            for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
                int[] cps = e.getKey().codePoints().toArray();
                int[] w = new int[cps.length];
                for (int k = 0; k < cps.length; k++) {
                    String s = new String(cps, k, 1);
                    w[k] = id(k == cps.length - 1 ? s + END_OF_WORD : s);
                }
                words[j] = w;
                freq[j] = e.getValue();
                count(j, +1);
                j++;
            }
            stats.forEach((p, c) -> queue.add(new long[] {c, p}));
        }

        private int id(String symbol) {
            return ids.computeIfAbsent(symbol, s -> {
                symbols.add(s);
                return symbols.size() - 1;
            });
        }

        /** Larger count first; then the larger pair in Python's string order. */
        private int compare(long[] x, long[] y) {
            if (x[0] != y[0]) {
                return Long.compare(y[0], x[0]);
            }
            int c = PyText.compare(symbols.get(first(y[1])), symbols.get(first(x[1])));
            return c != 0 ? c : PyText.compare(symbols.get(second(y[1])), symbols.get(second(x[1])));
        }

        private static long pair(int a, int b) {
            return ((long) a << 32) | (b & 0xFFFFFFFFL);
        }

        private static int first(long p) {
            return (int) (p >>> 32);
        }

        private static int second(long p) {
            return (int) p;
        }

        /** Adds (sign +1) or removes (-1) the pairs of word {@code j} to/from the statistics. */
        private void count(int j, int sign) {
            int[] w = words[j];
            for (int k = 0; k + 1 < w.length; k++) {
                long p = pair(w[k], w[k + 1]);
                stats.merge(p, (long) sign * freq[j], Long::sum);
                if (sign > 0) {
                    where.computeIfAbsent(p, x -> new HashSet<>()).add(j);
                }
            }
        }

        List<String[]> run(int numSymbols, int minFrequency) {
            List<String[]> out = new ArrayList<>();
            while (out.size() < numSymbols) {
                long[] top = queue.poll();
                if (top == null) {
                    break;
                }
                Long now = stats.get(top[1]);
                if (now == null || now != top[0]) {
                    continue;       // stale entry: the pair's count changed since it was queued
                }
                if (top[0] < minFrequency) {
                    break;
                }
                int a = first(top[1]);
                int b = second(top[1]);
                out.add(new String[] {symbols.get(a), symbols.get(b)});
                merge(a, b, id(symbols.get(a) + symbols.get(b)));
            }
            return out;
        }

        /** Replaces every non-overlapping (a, b), left to right, by {@code ab} in the words that hold it. */
        private void merge(int a, int b, int ab) {
            Set<Integer> holders = where.remove(pair(a, b));
            Set<Long> changed = new HashSet<>();
            for (int j : holders) {
                int[] w = words[j];
                int[] merged = new int[w.length];
                int n = 0;
                for (int k = 0; k < w.length; k++) {
                    if (k + 1 < w.length && w[k] == a && w[k + 1] == b) {
                        merged[n++] = ab;
                        k++;
                    } else {
                        merged[n++] = w[k];
                    }
                }
                if (n == w.length) {
                    continue;       // no longer holds the pair
                }
                for (int k = 0; k + 1 < w.length; k++) {
                    changed.add(pair(w[k], w[k + 1]));
                }
                count(j, -1);
                words[j] = Arrays.copyOf(merged, n);
                count(j, +1);
                for (int k = 0; k + 1 < n; k++) {
                    changed.add(pair(merged[k], merged[k + 1]));
                }
            }
            stats.remove(pair(a, b));
            for (long p : changed) {
                Long c = stats.get(p);
                if (c != null && c > 0) {
                    queue.add(new long[] {c, p});
                } else {
                    stats.remove(p);
                }
            }
        }
    }

    /** The units of one word after the merges, without separator (subword-nmt's {@code encode}). */
    public List<String> segmentWord(String word) {
        List<String> done = cache.get(word);
        if (done != null) {
            return done;
        }
        int[] cps = word.codePoints().toArray();
        if (cps.length <= 1) {
            return List.of(word);
        }
        List<String> w = new ArrayList<>(cps.length);
        for (int k = 0; k < cps.length; k++) {
            String s = new String(cps, k, 1);
            w.add(k == cps.length - 1 ? s + END_OF_WORD : s);
        }
        while (w.size() > 1) {
            int best = Integer.MAX_VALUE;
            for (int k = 0; k + 1 < w.size(); k++) {
                Integer r = rank.get(key(w.get(k), w.get(k + 1)));
                if (r != null && r < best) {
                    best = r;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            String a = merges.get(best)[0];
            String b = merges.get(best)[1];
            List<String> next = new ArrayList<>(w.size());
            for (int k = 0; k < w.size(); k++) {
                if (k + 1 < w.size() && w.get(k).equals(a) && w.get(k + 1).equals(b)) {
                    next.add(a + b);
                    k++;
                } else {
                    next.add(w.get(k));
                }
            }
            w = next;
        }
        String last = w.get(w.size() - 1);
        if (last.equals(END_OF_WORD)) {
            w.remove(w.size() - 1);
        } else if (last.endsWith(END_OF_WORD)) {
            w.set(w.size() - 1, last.substring(0, last.length() - END_OF_WORD.length()));
        }
        List<String> result = List.copyOf(w);
        cache.put(word, result);
        return result;
    }

    /**
     * A whole line as subword-nmt's {@code process_line} writes it: words (space-separated) split into
     * units, every unit but a word's last followed by {@code @@}, units joined by spaces; leading and
     * trailing spaces and line ends are kept.
     */
    public String segment(String line) {
        String core = strip(line);
        int lead = 0;
        while (lead < line.length() && "\r\n ".indexOf(line.charAt(lead)) >= 0) {
            lead++;
        }
        int trail = core.isEmpty() ? line.length() : line.length() - lead - core.length();
        StringBuilder sb = new StringBuilder(line.length() * 2).append(line, 0, lead);
        boolean first = true;
        for (String word : core.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            List<String> units = segmentWord(word);
            for (int k = 0; k < units.size(); k++) {
                sb.append(first ? "" : " ").append(units.get(k)).append(k + 1 < units.size() ? "@@" : "");
                first = false;
            }
        }
        if (trail > 0 && trail != line.length()) {
            sb.append(line, line.length() - trail, line.length());
        }
        return sb.toString();
    }

    /** The codes file subword-nmt writes: {@code #version: 0.2}, then one merge per line, {@code first second}. */
    public String toCodesFile() {
        StringBuilder sb = new StringBuilder("#version: 0.2\n");
        merges.forEach(m -> sb.append(m[0]).append(' ').append(m[1]).append('\n'));
        return sb.toString();
    }

    /**
     * Reads a subword-nmt codes file (version 0.2; the first line {@code #version: 0.2} may be missing
     * only from files of that version). A line that is not two symbols is a {@link ModelFormatException}
     * with its line number.
     */
    public static BpeCodes fromCodesFile(String text) {
        String[] lines = text.split("\n", -1);
        int from = 0;
        if (lines.length > 0 && lines[0].startsWith("#version:")) {
            String v = lines[0].substring("#version:".length()).strip();
            if (!v.matches("0\\.2(\\.0+)*")) {
                throw new ModelFormatException("BPE codes", "line 1", "version " + v + " is not supported; "
                        + "expected 0.2");
            }
            from = 1;
        }
        int to = lines.length;
        while (to > from && lines[to - 1].isEmpty()) {
            to--;
        }
        List<String[]> merges = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String[] parts = strip(lines[i]).split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ModelFormatException("BPE codes", "line " + (i + 1), "expected two symbols separated by one "
                        + "space but found " + Json.writeAscii(lines[i]));
            }
            merges.add(parts);
        }
        return new BpeCodes(merges);
    }
}
