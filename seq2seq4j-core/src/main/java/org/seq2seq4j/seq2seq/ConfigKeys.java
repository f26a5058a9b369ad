package org.seq2seq4j.seq2seq;

import java.util.Set;
import java.util.TreeSet;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;

/** Rejects config keys a class of this package does not take, naming the class and the keys. */
final class ConfigKeys {
    private ConfigKeys() {
    }

    static void check(String cls, LayerConfig c, Set<String> known) {
        Set<String> unknown = new TreeSet<>(c.keys());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ConfigException.argument(cls, "config", "made of " + cls + " arguments " + new TreeSet<>(known),
                    "unknown keys " + unknown);
        }
    }
}
