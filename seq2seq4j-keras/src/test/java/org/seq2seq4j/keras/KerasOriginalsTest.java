package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.models.Model;

/**
 * Export checked against files Keras 3 wrote: each real {@code .keras} file is loaded and exported
 * again, and the export is compared with the original. HDF5: the same datasets at the same paths
 * with the same dtypes, shapes and values (the optimizer's too), every group holding data and its
 * {@code name} attribute. Config: every key we write has the original's value, and the keys we
 * leave out are exactly the explained ones below. Metadata: the same keys and Keras version.
 */
class KerasOriginalsTest {
    /**
     * What Keras writes and the export leaves out, as JSON pointers with array indexes removed, and
     * why: the dtype policy (we are float32 throughout: Keras's default), object ids for shared
     * objects, per-layer build configs (layers are built by the functional graph or the Sequential's
     * input), InputLayer's sparse/ragged flags (false, Keras's default), a Sequential's own dtype,
     * the optimizer's options whose values we accept only "off" (Keras's defaults), regularizers,
     * constraints and seeds (null in these files, Keras's default; the library has none of them) and
     * call arguments at their defaults ({@code training: false}, {@code mask: null}).
     */
    private static final List<String> EXPLAINED = List.of("/config/build_input_shape", "/config/dtype",
            "/config/layers/build_config", "/config/layers/config/dtype", "/config/layers/config/ragged",
            "/config/layers/config/sparse", "/config/layers/config/bias_initializer/shared_object_id",
            "/config/layers/config/kernel_initializer/shared_object_id",
            "/config/layers/config/recurrent_initializer/shared_object_id",
            "/config/layers/config/kernel_initializer/config/seed", "/config/layers/config/recurrent_initializer/config/seed",
            "/compile_config/optimizer/config/weight_decay", "/compile_config/optimizer/config/use_ema",
            "/compile_config/optimizer/config/ema_momentum", "/compile_config/optimizer/config/ema_overwrite_frequency",
            "/compile_config/optimizer/config/loss_scale_factor",
            "/compile_config/optimizer/config/gradient_accumulation_steps", "/config/layers/config/activity_regularizer",
            "/config/layers/config/bias_constraint", "/config/layers/config/bias_regularizer",
            "/config/layers/config/kernel_constraint", "/config/layers/config/kernel_regularizer",
            "/config/layers/config/recurrent_constraint", "/config/layers/config/recurrent_regularizer",
            "/config/layers/config/seed", "/config/layers/inbound_nodes/kwargs/mask",
            "/config/layers/inbound_nodes/kwargs/training");

    @TempDir
    Path dir;

    static Stream<Path> originals() {
        return RealFiles.kerasFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void exportMatchesWhatKerasWrote(Path original) throws IOException {
        assumeTrue(Files.exists(original), "skipped: no shared data at " + original);
        Model model = KerasModels.load(original);
        Path export = dir.resolve("export.keras");
        KerasModels.save(model, export);

        Path a = extract(original, dir.resolve("a.h5"));
        Path b = extract(export, dir.resolve("b.h5"));
        try (HdfFile keras = new HdfFile(a); HdfFile ours = new HdfFile(b)) {
            Map<String, String> expected = datasets(keras);
            Map<String, String> actual = datasets(ours);
            assertEquals(expected.keySet(), actual.keySet(), "dataset paths");
            expected.forEach((path, v) -> assertEquals(v, actual.get(path), path));
            assertEquals(groupsWithData(keras), groupsWithData(ours), "groups holding data and their name attributes");
        }

        LayerConfig kerasConfig = json(original, "config.json");
        LayerConfig ourConfig = json(export, "config.json");
        TreeSet<String> missing = new TreeSet<>();
        compare(kerasConfig, ourConfig, "", missing);
        assertTrue(EXPLAINED.containsAll(missing), "left out without an explanation: " + missing.stream()
                .filter(m -> !EXPLAINED.contains(m)).toList());
        LayerConfig km = json(original, "metadata.json");
        LayerConfig om = json(export, "metadata.json");
        assertEquals(km.get("keras_version"), om.get("keras_version"));
        assertTrue(om.keys().containsAll(km.keys()), om.keys() + " lacks some of " + km.keys());
        assertTrue(om.get("date_saved").toString().matches("\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d"));
    }

    /** Every value we write equals the original's; original keys we do not write go to {@code missing}. */
    private static void compare(Object keras, Object ours, String pointer, TreeSet<String> missing) {
        if (keras instanceof LayerConfig k && ours instanceof LayerConfig o) {
            for (String key : k.keys()) {
                if (!o.keys().contains(key)) {
                    missing.add(pointer + "/" + key);
                } else {
                    compare(k.get(key), o.get(key), pointer + "/" + key, missing);
                }
            }
            for (String key : o.keys()) {
                assertTrue(k.keys().contains(key), "we write " + pointer + "/" + key + " = " + o.get(key)
                        + ", which Keras does not");
            }
        } else if (keras instanceof List<?> k && ours instanceof List<?> o) {
            assertEquals(k.size(), o.size(), pointer + " length");
            for (int i = 0; i < k.size(); i++) {
                compare(k.get(i), o.get(i), pointer, missing);
            }
        } else if (keras instanceof Number k && ours instanceof Number o) {
            assertEquals(k.doubleValue(), o.doubleValue(), 0.0, pointer);
        } else {
            assertEquals(keras, ours, pointer);
        }
    }

    private static LayerConfig json(Path zip, String entry) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return (LayerConfig) Json.parse(z.getInputStream(z.getEntry(entry)).readAllBytes(), entry);
        }
    }

    private static Path extract(Path zip, Path to) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Files.write(to, z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes());
        }
        return to;
    }

    /** path -> "dtype shape values" of every dataset. */
    private static Map<String, String> datasets(Group g) {
        Map<String, String> out = new TreeMap<>();
        walk(g, n -> {
            if (n instanceof Dataset d) {
                Object flat = d.getDataFlat();
                String values = flat instanceof float[] f ? java.util.Arrays.toString(f) : String.valueOf(d.getData());
                out.put(d.getPath(), d.getDataType().getClass().getSimpleName() + d.getDataType().getSize() + " "
                        + java.util.Arrays.toString(d.getDimensions()) + " " + values);
            }
        });
        return out;
    }

    /** path -> name attribute of every group that holds a dataset somewhere below it. */
    private static Map<String, String> groupsWithData(Group root) {
        List<String> dataPaths = new ArrayList<>(datasets(root).keySet());
        Map<String, String> out = new TreeMap<>();
        walk(root, n -> {
            if (n instanceof Group g && dataPaths.stream().anyMatch(p -> p.startsWith(g.getPath()))) {
                Attribute name = g.getAttribute("name");
                out.put(g.getPath(), name == null ? "-" : Objects.toString(name.getData()));
            }
        });
        return out;
    }

    private static void walk(Group g, java.util.function.Consumer<Node> visit) {
        visit.accept(g);
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group c) {
                walk(c, visit);
            } else {
                visit.accept(n);
            }
        }
    }
}
