package org.seq2seq4j.text;

/**
 * Gives each distinct whitespace-separated token of the lines it reads a small int id, so n-grams can be
 * compared as ints. A token's text is copied into a {@code String} only the first time it is seen: a
 * corpus of many lines allocates per distinct word, not per word.
 */
final class TokenIds {
    private String[] keys = new String[1024];
    private int[] ids = new int[1024];
    private int size;

    /** Appends the ids of the tokens of {@code line} (split on Python whitespace) to {@code out}. */
    void append(String line, Symbols out) {
        int n = line.length();
        int begin = -1;
        for (int i = 0; i <= n; i++) {
            boolean space = i == n || PyText.isSpace(line.charAt(i));
            if (!space && begin < 0) {
                begin = i;
            } else if (space && begin >= 0) {
                out.add(id(line, begin, i));
                begin = -1;
            }
        }
    }

    /** The id of the token {@code s[from, to)}. */
    int id(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int mask = keys.length - 1;
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            String k = keys[slot];
            if (k == null) {
                keys[slot] = s.substring(from, to);
                ids[slot] = size++;
                int id = ids[slot];
                if (size * 2 > keys.length) {
                    grow();
                }
                return id;
            }
            if (k.length() == to - from && k.regionMatches(0, s, from, to - from)) {
                return ids[slot];
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new String[oldKeys.length * 2];
        ids = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int h = oldKeys[i].hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }
}
