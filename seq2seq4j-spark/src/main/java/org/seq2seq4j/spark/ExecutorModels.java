package org.seq2seq4j.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seq2seq4j.models.Model;

/**
 * The models an executor JVM keeps between tasks: per {@link ModelSource#key}, the idle instances.
 * A task borrows one (loading a new one only when every kept instance is in use by another task
 * slot) and gives it back, so training tasks never share an instance. Only the few most recent
 * sources are kept, so a long-lived executor does not collect models.
 */
final class ExecutorModels {
    private static final int SOURCES = 4;
    private static final Map<String, Deque<Model>> IDLE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Model>> eldest) {
            return size() > SOURCES;
        }
    };

    private ExecutorModels() {
    }

    /** An instance of the source's model for this task's exclusive use. */
    static Model borrow(ModelSource source) {
        synchronized (IDLE) {
            Model m = IDLE.computeIfAbsent(source.key(), k -> new ArrayDeque<>()).pollFirst();
            if (m != null) {
                return m;
            }
        }
        return source.load();
    }

    /** Returns an instance for later tasks. */
    static void giveBack(ModelSource source, Model model) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(source.key(), k -> new ArrayDeque<>()).addFirst(model);
        }
    }
}
