package org.seq2seq4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;

/**
 * An HDF5 file read defensively: the length is checked against the end-of-file address the
 * superblock declares before anything else is read (a file cut short is reported as truncated),
 * every contiguous dataset's extent is checked to lie inside the file before it is read, and
 * every exception of the HDF5 reader becomes a {@link ModelFormatException} naming the file and
 * the HDF5 path being read. Weight values must be float32/float64 and finite.
 *
 * <pre>{@code
 * try (H5File h5 = H5File.open(Path.of("s2s.h5"))) {
 *     List<String> names = h5.strings(h5.root(), "layer_names");   // null when absent
 *     Node kernel = h5.node(h5.root(), "model_weights/dense_1/dense_1/kernel:0");
 * }
 * }</pre>
 */
final class H5File implements AutoCloseable {
    private final HdfFile hdf;
    private final String source;
    private final long length;      // the usable bytes: the file's length, or less when the superblock says so

    private H5File(HdfFile hdf, String source, long length) {
        this.hdf = hdf;
        this.source = source;
        this.length = length;
    }

    /** Opens a file; a missing file, a directory and a file that is not HDF5 get different messages. */
    static H5File open(Path file) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file.toString(), "/", "is a directory, not an HDF5 file (a Keras 3"
                    + " .keras file is a zip, a TF.js model is read from its model.json)");
        }
        if (!Files.exists(file)) {
            throw new ModelFormatException(file.toString(), "/", "file not found");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFormatException(file.toString(), "/", "file is not readable");
        }
        String source = file.toString();
        return checked(source, guard(source, "/", () -> new HdfFile(file)));
    }

    /** An HDF5 file held in memory, e.g. a zip entry; {@code source} names it in messages. */
    static H5File fromBytes(byte[] bytes, String source) {
        return checked(source, guard(source, "/", () -> HdfFile.fromBytes(bytes)));
    }

    private static H5File checked(String source, HdfFile hdf) {
        try {
            long size = hdf.size();
            Superblock sb = guard(source, "superblock", () -> hdf.getHdfBackingStorage().getSuperblock());
            long declared = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
            if (size < declared) {
                throw new ModelFormatException(source, "superblock", "truncated: the file has " + size
                        + " bytes but its superblock declares " + declared + " (" + (declared - size)
                        + " bytes missing at the end)");
            }
            return new H5File(hdf, source, declared);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    String source() {
        return source;
    }

    Group root() {
        return hdf;
    }

    /** The node at {@code relPath} below {@code group}, or null when there is none. */
    Node node(Group group, String relPath) {
        return guard(source, group.getPath() + relPath, () -> {
            Node n = group;
            for (String part : relPath.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!(n instanceof Group g)) {
                    return null;
                }
                n = g.getChildren().get(part);
                if (n == null) {
                    return null;
                }
            }
            return n;
        });
    }

    /** The group at {@code relPath}, null when absent, an error when it is something else. */
    Group group(Group parent, String relPath) {
        Node n = node(parent, relPath);
        if (n != null && !(n instanceof Group)) {
            throw error(n.getPath(), "expected a group but found a dataset");
        }
        return (Group) n;
    }

    /** The names of a group's children, in the reader's order. */
    List<String> children(Group g) {
        return guard(source, g.getPath(), () -> new ArrayList<>(g.getChildren().keySet()));
    }

    /** A string attribute (h5py writes fixed-length byte strings), or null when absent. */
    String string(Node n, String name) {
        Object v = attribute(n, name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof String[] s && s.length == 1) {
            return s[0];
        }
        throw error(n.getPath(), "attribute '" + name + "' is not a string");
    }

    /** A string-array attribute such as {@code layer_names} (empty arrays are empty), or null when absent. */
    List<String> strings(Node n, String name) {
        Object v = attribute(n, name);
        if (v == null || v instanceof List) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) v;
            return list;
        }
        if (v instanceof String[] s) {
            return List.of(s);
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw error(n.getPath(), "attribute '" + name + "' is not a list of strings");
    }

    private Object attribute(Node n, String name) {
        return guard(source, n.getPath() + " attribute " + name, () -> {
            Attribute a = n.getAttribute(name);
            if (a == null) {
                return null;
            }
            return a.isEmpty() ? List.of() : a.getData();
        });
    }

    /** The dataset's shape, checked to be float32/float64 with its bytes inside the file. */
    Shape weightShape(Dataset d) {
        return guard(source, d.getPath(), () -> {
            Class<?> type = d.getJavaType();
            if (!isFloat(type)) {
                throw error(d.getPath(), "weight has element type " + type.getSimpleName()
                        + "; expected float32 or float64");
            }
            if (d instanceof ContiguousDataset c && !d.isEmpty()) {
                long base = hdf.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
                long end = base + c.getDataAddress() + d.getSizeInBytes();
                if (c.getDataAddress() < 0 || end > length) {
                    throw error(d.getPath(), "truncated or damaged: the data lies at bytes "
                            + (end - d.getSizeInBytes()) + ".." + end + " but the file ends at byte " + length);
                }
            }
            return Shape.of(d.getDimensions());
        });
    }

    /** float32 or float64, as arrays or (for scalar datasets) boxed. */
    private static boolean isFloat(Class<?> type) {
        return type == float.class || type == double.class || type == Float.class || type == Double.class;
    }

    /** Number of values a dataset holds (0 for non-numeric ones). */
    long valueCount(Dataset d) {
        return guard(source, d.getPath(), () -> {
            Class<?> type = d.getJavaType();
            return !isFloat(type) ? 0L : d.isScalar() ? 1L : d.getSize();
        });
    }

    /** Every dataset below {@code g}, depth first. */
    List<Dataset> datasets(Group g) {
        List<Dataset> out = new ArrayList<>();
        guard(source, g.getPath(), () -> {
            collect(g, out);
            return null;
        });
        return out;
    }

    private static void collect(Group g, List<Dataset> out) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) {
                out.add(d);
            } else if (n instanceof Group child) {
                collect(child, out);
            }
        }
    }

    /** Reads a weight whose shape was checked by {@link #weightShape} into {@code dst}; values must be finite. */
    void read(Dataset d, float[] dst) {
        Object raw = guard(source, d.getPath(), d::getDataFlat);
        Object flat = raw instanceof Float f ? new float[] {f} : raw instanceof Double x ? new double[] {x} : raw;
        int n = flat instanceof float[] f ? f.length : ((double[]) flat).length;
        if (n != dst.length) {
            throw error(d.getPath(), "holds " + n + " values but " + dst.length + " were expected");
        }
        for (int i = 0; i < dst.length; i++) {
            float x = flat instanceof float[] f ? f[i] : (float) ((double[]) flat)[i];
            if (!Float.isFinite(x)) {
                throw error(d.getPath(), "weight value " + x + " at flat index " + i + " is not finite");
            }
            dst[i] = x;
        }
    }

    /** The value of a scalar integer dataset (Keras's optimizer iterations). */
    long scalarLong(Dataset d) {
        Object v = guard(source, d.getPath(), d::getData);
        if (!(v instanceof Long || v instanceof Integer)) {
            throw error(d.getPath(), "expected a scalar integer but found " + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        return ((Number) v).longValue();
    }

    ModelFormatException error(String h5Path, String problem) {
        return new ModelFormatException(source, h5Path, problem);
    }

    /** Runs a read of the HDF5 reader; any exception it throws becomes a ModelFormatException at {@code where}. */
    static <T> T guard(String source, String where, Supplier<T> read) {
        try {
            return read.get();
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source, where, "damaged or not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        guard(source, "/", () -> {
            hdf.close();
            return null;
        });
    }
}
