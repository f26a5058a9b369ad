package org.seq2seq4j.text;

import java.util.Arrays;

/** A growable {@code int[]} of symbols (token ids or code points) reused across lines. */
final class Symbols {
    int[] data = new int[256];
    int size;

    void add(int symbol) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = symbol;
    }
}
