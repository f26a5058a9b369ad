package org.seq2seq4j.seq2seq;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * The recurrent cell a seq2seq family is made of: Keras's LSTM (the original library's choice) or
 * GRU, swapped in everywhere (a decoder cell keeps its readout Dense).
 *
 * <pre>{@code
 * CellType t = CellType.fromKerasName("GRU");     // CellType.GRU; t.kerasName() -> "GRU"
 * }</pre>
 */
public enum CellType {
    /** Keras's LSTM: gates i, f, c, o; states {@code h, c}. */
    LSTM,
    /** Keras's GRU with reset_after: gates z, r, h; state {@code h}. */
    GRU;

    /** {@code "LSTM"} or {@code "GRU"}, as configs write it. */
    public String kerasName() {
        return name();
    }

    /** The cell type of a Keras layer name ({@code "LSTM"}, {@code "GRU"}, any case); anything else is a {@link ConfigException}. */
    public static CellType fromKerasName(String name) {
        for (CellType t : values()) {
            if (t.name().equals(name == null ? null : name.toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        throw ConfigException.argument("seq2seq", "cell", "\"LSTM\" or \"GRU\"", name == null ? null : "\"" + name + "\"");
    }
}
