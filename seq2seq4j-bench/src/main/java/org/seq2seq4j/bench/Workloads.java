package org.seq2seq4j.bench;

import java.util.List;
import java.util.stream.Collectors;
import org.seq2seq4j.ConfigException;

/**
 * The registry of workloads the CLI {@code bench} command offers. To add one, write a
 * {@link Workload} class and add it to {@link #ALL}.
 *
 * <pre>{@code
 * Workloads.names();                 // [gemm]
 * Workloads.byName("gemm").name();   // "gemm"
 * }</pre>
 */
public final class Workloads {
    private static final List<Workload> ALL = List.of(
            new GemmWorkload(),
            new LstmSeq2SeqWorkload(),
            DecodeWorkload.greedy(),
            DecodeWorkload.beam(),
            DecodeWorkload.batched(),
            new GruSeq2SeqWorkload(),
            new BiLstmEncoderWorkload(),
            EchoWorkload.baseline(),
            EchoWorkload.attention(),
            new LoadH5Workload());

    private Workloads() {
    }

    /** Every workload, in registration order. */
    public static List<Workload> all() {
        return ALL;
    }

    /** The names of every workload. */
    public static List<String> names() {
        return ALL.stream().map(Workload::name).collect(Collectors.toList());
    }

    /** The workload called {@code name}; an unknown name is a {@link ConfigException} listing the known ones. */
    public static Workload byName(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw ConfigException.argument("Workloads.byName", "workload", "one of " + String.join(", ", names()), "'" + name + "'");
    }
}
