package org.seq2seq4j.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.seq2seq4j.ModelFormatException;

/**
 * Reads one manifest group's shards as a single stream of little-endian float32 values, in
 * chunks (a value may straddle two shards), rejecting NaN and infinite values with the shard
 * file and byte offset. Sizes were checked by {@link WeightManifest}; a shard that shrinks
 * while being read is reported as truncated.
 *
 * <pre>{@code
 * try (ShardReader r = new ShardReader(manifest.groups().get(0))) {
 *     float[] kernel = new float[60];
 *     r.read(spec, kernel);   // the next 60 values of the group
 * }
 * }</pre>
 */
final class ShardReader implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final WeightManifest.Group group;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel channel;
    private int shard = -1;
    private long offset;     // group offset of the next value

    ShardReader(WeightManifest.Group group) {
        this.group = group;
        buffer.limit(0);
    }

    /** Reads {@code dst.length} values of the weight {@code spec}, which must be the next one in the group. */
    void read(WeightManifest.Spec spec, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            if (buffer.remaining() < 4) {
                fill(spec);
            }
            float v = buffer.getFloat();
            if (!Float.isFinite(v)) {
                throw error(offset, "weight '" + spec.name() + "' value " + i + " of shape " + spec.shape() + " is "
                        + v + "; the file is damaged or the model diverged during training");
            }
            dst[i] = v;
            offset += 4;
        }
    }

    /** Refills the buffer from the current shard and the next ones until it holds at least one value. */
    private void fill(WeightManifest.Spec spec) {
        buffer.compact();
        try {
            while (buffer.position() < 4) {
                if (channel == null || channel.read(buffer) < 0) {
                    nextShard(spec);
                }
            }
        } catch (IOException e) {
            throw error(offset, "cannot read: " + e);
        }
        buffer.flip();
    }

    private void nextShard(WeightManifest.Spec spec) throws IOException {
        if (shard + 1 >= group.shards().size()) {
            throw error(offset, "file ends inside weight '" + spec.name() + "' (truncated while reading)");
        }
        if (channel != null) {
            channel.close();
        }
        channel = FileChannel.open(group.shards().get(++shard), StandardOpenOption.READ);
    }

    /** An error at the shard file and byte that hold group offset {@code at}. */
    private ModelFormatException error(long at, String problem) {
        int s = 0;
        long start = 0;
        while (s < group.sizes().length - 1 && at >= start + group.sizes()[s]) {
            start += group.sizes()[s++];
        }
        return new ModelFormatException(group.shards().get(s).toString(), "byte " + (at - start), problem);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw error(offset, "cannot close: " + e);
            }
        }
    }
}
