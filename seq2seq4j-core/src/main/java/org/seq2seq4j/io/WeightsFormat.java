package org.seq2seq4j.io;

/**
 * Layout of the native weights file, version 1 (all numbers little-endian):
 * <pre>
 * byte 0   magic "S2SW" (0x53 0x32 0x53 0x57)
 * byte 4   version (1)
 * byte 5   header length H (int32)
 * byte 9   entry count N (int32)
 * byte 13  header: N entries, each
 *            name length (uint16), name (UTF-8 key, e.g. "layers/0/LSTM/vars/1"),
 *            kind (uint8: 0 weight, 1 optimizer state), rank (uint8), dims (int32 x rank),
 *            data offset (int64, absolute byte offset of the first value)
 * 13 + H   data: each entry's values as float32, row-major, in header order, no gaps
 * end - 4  CRC32 of every byte before it (uint32)
 * </pre>
 */
final class WeightsFormat {
    static final byte[] MAGIC = {'S', '2', 'S', 'W'};
    static final int VERSION = 1;
    /** Magic, version, header length and entry count. */
    static final int PREFIX = 13;
    static final int TRAILER = 4;
    /** Smallest entry: a one-byte name, kind, rank 0 and the offset. */
    static final int MIN_ENTRY = 2 + 1 + 1 + 1 + 8;
    static final int MAX_RANK = 8;
    static final int MAX_NAME = 0xFFFF;

    /** What an entry holds. */
    enum Kind {
        WEIGHT, OPTIMIZER;

        String label() {
            return this == WEIGHT ? "weight" : "optimizer state";
        }
    }

    private WeightsFormat() {
    }

    /** Bytes of one entry's header record. */
    static int entryBytes(int nameBytes, int rank) {
        return 2 + nameBytes + 1 + 1 + 4 * rank + 8;
    }
}
