package org.seq2seq4j.keras;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;

/**
 * The {@code weightsManifest} of a TF.js layers-model, checked against the shard files before
 * any weight is read: each group lists shard {@code paths} (read one after the other as one
 * byte stream) and {@code weights} {@code {name, shape, dtype}} stored back to back as
 * little-endian float32. Every shard must exist inside the model's folder, and a group's shards
 * must hold exactly 4 bytes per listed value.
 *
 * <pre>{@code
 * WeightManifest m = WeightManifest.read(root.get("weightsManifest"), modelJson.getParent());
 * // m.specs().get(0).name() -> "dense/kernel"; m.specs().get(0).shape() -> (12, 5)
 * }</pre>
 */
final class WeightManifest {
    /** One listed weight: name as written ({@code layer/.../weight}), shape, group and byte offset in the group. */
    record Spec(String name, Shape shape, int group, long byteOffset, JsonValue at) {
        /** The first name component: the top-level layer that owns the weight. */
        String layerName() {
            return name.substring(0, Math.max(0, name.indexOf('/')));
        }

        /** The last name component, e.g. {@code kernel}. */
        String shortName() {
            return name.substring(name.lastIndexOf('/') + 1);
        }
    }

    /** A group's shard files, their sizes in bytes, and where the group's paths are in model.json. */
    record Group(List<Path> shards, long[] sizes, JsonValue paths) {
    }

    private final List<Spec> specs = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

    private WeightManifest() {
    }

    List<Spec> specs() {
        return Collections.unmodifiableList(specs);
    }

    List<Group> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Parses and checks the manifest; shard paths are relative to {@code dir}. */
    static WeightManifest read(JsonValue manifest, Path dir) {
        WeightManifest m = new WeightManifest();
        for (JsonValue group : manifest.items()) {
            long bytes = 0;
            for (JsonValue w : group.get("weights").items()) {
                Spec s = spec(w, m.groups.size(), bytes);
                m.specs.add(s);
                bytes += 4L * s.shape().size();
            }
            m.groups.add(shards(group.get("paths"), dir, bytes));
        }
        return m;
    }

    private static Spec spec(JsonValue w, int group, long offset) {
        String name = w.get("name").string();
        if (w.object().containsKey("quantization")) {
            throw w.get("quantization").error("weight '" + name + "' is quantized; only float32 weights are supported");
        }
        String dtype = w.get("dtype").string();
        if (!dtype.equals("float32")) {
            throw w.get("dtype").error("weight '" + name + "' has dtype '" + dtype + "'; only float32 is supported");
        }
        List<JsonValue> dims = w.get("shape").items();
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).integer(0);
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw w.get("shape").error("weight '" + name + "' has more than 2^31 values");
            }
        }
        return new Spec(name, Shape.of(shape), group, offset, w);
    }

    private static Group shards(JsonValue paths, Path dir, long needed) {
        List<JsonValue> items = paths.items();
        List<Path> files = new ArrayList<>();
        long[] sizes = new long[items.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            Path p = shard(items.get(i), dir);
            try {
                sizes[i] = Files.size(p);
            } catch (IOException e) {
                throw new ModelFormatException(paths.file(), items.get(i).pointer(), "cannot read shard " + p + ": "
                        + e, e);
            }
            files.add(p);
            total += sizes[i];
        }
        if (total != needed) {
            throw paths.error("the shards " + names(files) + " hold " + total + " bytes but the weights listed need "
                    + needed + " (" + needed / 4 + " float32 values)" + (total < needed ? "; truncated?" : ""));
        }
        return new Group(files, sizes, paths);
    }

    private static Path shard(JsonValue path, Path dir) {
        String name = path.string();
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir.normalize())) {
            throw path.error("shard path '" + name + "' points outside the model's folder " + dir);
        }
        if (!Files.isRegularFile(p)) {
            throw path.error("shard file '" + name + "' not found (looked for " + p + ")");
        }
        return p;
    }

    private static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(String.valueOf(f.getFileName())));
        return out;
    }
}
