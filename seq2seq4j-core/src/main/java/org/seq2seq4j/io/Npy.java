package org.seq2seq4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * NumPy's {@code .npy} format (versions 1.0 to 3.0), read and written strictly: C-order arrays of
 * little-endian float32 ({@code '<f4'}) or int32 ({@code '<i4'}) are read, float32 is written (version
 * 1.0, the header padded to 64 bytes as NumPy does). Reading checks the magic, the version, the header
 * dictionary ({@code descr}, {@code fortran_order}, {@code shape}, nothing else), that the declared
 * size fits and that the data has exactly that many bytes, all before allocating; int32 values must
 * be exactly representable as float32 ({@code |v| <= 2^24}). Every problem is a
 * {@link ModelFormatException} naming the file, the byte offset and the problem.
 *
 * <pre>{@code
 * Npy.write(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), Path.of("x.npy"));    // np.load gives (2, 3) float32
 * Tensor x = Npy.read(Path.of("x.npy"));                                            // x.shape() -> (2, 3)
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile("\\{\\s*'descr'\\s*:\\s*'([^']*)'\\s*,\\s*'fortran_order'\\s*:"
            + "\\s*(True|False)\\s*,\\s*'shape'\\s*:\\s*\\(([^)]*)\\)\\s*,?\\s*}\\s*");
    /** Longest header read; NumPy's own limit is 10,000 bytes for version 1 headers. */
    private static final int MAX_HEADER = 1 << 16;
    private static final int MAX_RANK = 32;

    private Npy() {
    }

    /** The bytes of a {@code .npy} file holding {@code t} as float32. */
    public static byte[] bytes(Tensor t) {
        byte[] header = header(t.shape());
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        b.asFloatBuffer().put(t.data());
        return b.array();
    }

    /** Writes {@code t} as a float32 {@code .npy} file, atomically. */
    public static void write(Tensor t, Path file) {
        byte[] b = bytes(t);
        AtomicFile.write(file, out -> out.write(b));
    }

    private static byte[] header(Shape s) {
        StringBuilder dims = new StringBuilder();
        for (int d : s.dims()) {
            dims.append(d).append(s.rank() == 1 ? "," : ", ");
        }
        String shape = s.rank() <= 1 ? dims.toString() : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
        int total = MAGIC.length + 4 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Reads a float32 or int32 {@code .npy} file. */
    public static Tensor read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file.toString(), "/", "is a directory, not a .npy file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "/", "file not found", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelFormatException(file.toString(), "/", "cannot read: " + e, e);
        }
        return read(bytes, file.toString());
    }

    /** Reads {@code .npy} bytes; {@code source} names them in messages. */
    public static Tensor read(byte[] bytes, String source) {
        Header h = header(bytes, source);
        long need = 4L * h.shape().size();
        if (bytes.length - h.dataOffset() != need) {
            throw new ModelFormatException(source, "byte " + h.dataOffset(), (bytes.length - h.dataOffset() < need
                    ? "truncated: " : "unexpected bytes: ") + "shape " + h.shape() + " of " + h.descr() + " needs " + need
                    + " data bytes but the file has " + (bytes.length - h.dataOffset()));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, h.dataOffset(), (int) need).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[h.shape().size()];
        if (h.descr().equals("<f4")) {
            b.asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                int v = b.getInt();
                if (Math.abs((long) v) > 1 << 24) {
                    throw new ModelFormatException(source, "byte " + (h.dataOffset() + 4L * i), "int32 value " + v
                            + " at flat index " + i + " is not exactly representable as float32 (|v| <= 16777216)");
                }
                out[i] = v;
            }
        }
        return Tensor.of(out, h.shape());
    }

    /** The header of a {@code .npy} file: dtype, shape and where the data starts. */
    record Header(String descr, Shape shape, int dataOffset) {
    }

    /** Parses and checks the header of {@code .npy} bytes (the data is not checked). */
    static Header header(byte[] bytes, String source) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4) {
            throw new ModelFormatException(source, "byte " + bytes.length, "truncated: " + bytes.length
                    + " bytes, shorter than any .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFormatException(source, "byte " + i, "not a .npy file (the magic string \\x93NUMPY is missing)");
            }
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new ModelFormatException(source, "byte 6", ".npy format version " + major + "." + minor
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        long length = major == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8) & 0xFFFFFFFFL;
        int start = major == 1 ? 10 : 12;
        if (length > MAX_HEADER || start + length > bytes.length) {
            throw new ModelFormatException(source, "byte 8", "header length " + length + (length > MAX_HEADER
                    ? " is more than " + MAX_HEADER : " runs past the end of the file (" + bytes.length + " bytes)"));
        }
        String text = new String(bytes, start, (int) length, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher m = HEADER.matcher(text);
        if (!m.matches()) {
            throw new ModelFormatException(source, "byte " + start, "header is not the dictionary {'descr': ..., "
                    + "'fortran_order': ..., 'shape': (...)} NumPy writes: " + shorten(text));
        }
        String descr = m.group(1);
        if (!descr.equals("<f4") && !descr.equals("<i4")) {
            throw new ModelFormatException(source, "byte " + start, "dtype '" + descr + "' is not supported; expected"
                    + " little-endian float32 '<f4' or int32 '<i4' (convert with a.astype('float32'))");
        }
        if (m.group(2).equals("True")) {
            throw new ModelFormatException(source, "byte " + start, "fortran_order True is not supported; save a"
                    + " C-order array (np.ascontiguousarray(a))");
        }
        return new Header(descr, shape(m.group(3), source, start), start + (int) length);
    }

    private static Shape shape(String dims, String source, int at) {
        List<Integer> out = new ArrayList<>();
        long size = 1;
        for (String d : dims.split(",")) {
            String t = d.strip();
            if (t.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(source, "byte " + at, "shape entry '" + t + "' is not a whole number");
            }
            size *= Math.max(v, 0);
            if (v < 0 || size > Integer.MAX_VALUE - 8 || out.size() >= MAX_RANK) {
                throw new ModelFormatException(source, "byte " + at, "shape (" + dims.strip() + ") is "
                        + (v < 0 ? "negative" : out.size() >= MAX_RANK ? "of rank above " + MAX_RANK
                        : "too large: more than 2^31 values") + "; refusing to allocate it");
            }
            out.add((int) v);
        }
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return Shape.of(a);
    }

    private static String shorten(String s) {
        String t = s.strip();
        return (t.length() > 80 ? t.substring(0, 80) + "..." : t).replaceAll("[^\\x20-\\x7e]", "?");
    }
}
