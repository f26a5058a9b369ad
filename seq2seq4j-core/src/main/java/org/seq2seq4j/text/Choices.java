package org.seq2seq4j.text;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.seq2seq4j.ConfigException;

/** Looks up an enum constant by its external (sacreBLEU or Keras) name; an unknown name lists the known ones. */
final class Choices {
    private Choices() {
    }

    static <E> E of(E[] values, Function<E, String> name, String subject, String argument, String given) {
        for (E v : values) {
            if (name.apply(v).equals(given)) {
                return v;
            }
        }
        throw ConfigException.argument(subject, argument, "one of " + Arrays.stream(values).map(name)
                .collect(Collectors.joining(", ")), given == null ? "null" : "'" + given + "'");
    }
}
