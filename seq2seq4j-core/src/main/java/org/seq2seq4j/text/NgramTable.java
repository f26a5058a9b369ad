package org.seq2seq4j.text;

import java.util.Arrays;

/**
 * Clipped n-gram matching for one segment without allocating per n-gram: the symbols (token ids or code
 * points) of the hypothesis and its references sit in one {@code int[]}, and an n-gram is named by its
 * start in that array. An open-addressing table maps each distinct reference n-gram to its largest count
 * in any one reference; {@link #match} then counts the hypothesis n-grams, each clipped to that count:
 * {@code sum over n-grams g of min(count_hyp(g), max_r count_r(g))}, as BLEU and chrF define matches.
 * The table is reused across segments and orders.
 */
final class NgramTable {
    private int[] symbols = new int[0];
    private int n;
    private int[] start = empty(64);
    private int[] refMax = new int[64];
    private int[] refCount = new int[64];
    private int[] refStamp = new int[64];
    private int[] hypUsed = new int[64];
    private int[] touched = new int[64];
    private int touchedCount;
    private int mask = 63;

    /**
     * Empties the table for n-grams of order {@code order} over {@code symbols}, sized for at most
     * {@code capacity} distinct n-grams.
     */
    void reset(int[] symbols, int order, int capacity) {
        for (int i = 0; i < touchedCount; i++) {
            start[touched[i]] = -1;
        }
        touchedCount = 0;
        this.symbols = symbols;
        this.n = order;
        int size = Integer.highestOneBit(Math.max(16, capacity * 2 + 1) - 1) << 1;
        if (size > start.length) {
            start = empty(size);
            refMax = new int[size];
            refCount = new int[size];
            refStamp = new int[size];
            hypUsed = new int[size];
            touched = new int[size];
        }
        mask = start.length - 1;
    }

    /** Adds the n-grams of reference number {@code ref} (0, 1, ... in order) held in {@code [from, to)}. */
    void addReference(int ref, int from, int to) {
        for (int s = from; s + n <= to; s++) {
            int slot = findOrInsert(s);
            if (refStamp[slot] != ref) {
                refStamp[slot] = ref;
                refCount[slot] = 0;
            }
            if (++refCount[slot] > refMax[slot]) {
                refMax[slot] = refCount[slot];
            }
        }
    }

    /** The clipped matches of the hypothesis n-grams in {@code [from, to)} against the references added. */
    int match(int from, int to) {
        int matches = 0;
        for (int s = from; s + n <= to; s++) {
            int slot = find(s);
            if (slot >= 0 && hypUsed[slot] < refMax[slot]) {
                hypUsed[slot]++;
                matches++;
            }
        }
        return matches;
    }

    private static int[] empty(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    private int hash(int s) {
        int h = 0x9E3779B9;
        for (int k = 0; k < n; k++) {
            h = (h ^ symbols[s + k]) * 0x01000193;
        }
        return (h ^ (h >>> 15)) & mask;
    }

    private boolean same(int a, int b) {
        for (int k = 0; k < n; k++) {
            if (symbols[a + k] != symbols[b + k]) {
                return false;
            }
        }
        return true;
    }

    private int find(int s) {
        for (int slot = hash(s); ; slot = (slot + 1) & mask) {
            if (start[slot] < 0) {
                return -1;
            }
            if (same(start[slot], s)) {
                return slot;
            }
        }
    }

    private int findOrInsert(int s) {
        for (int slot = hash(s); ; slot = (slot + 1) & mask) {
            if (start[slot] < 0) {
                start[slot] = s;
                refMax[slot] = 0;
                refStamp[slot] = -1;
                hypUsed[slot] = 0;
                touched[touchedCount++] = slot;
                return slot;
            }
            if (same(start[slot], s)) {
                return slot;
            }
        }
    }
}
