package org.seq2seq4j.spark;

import java.util.function.Supplier;
import org.seq2seq4j.Seq2SeqException;

/**
 * Runs a Spark action and turns a failed job into the library's error: the exception a task
 * threw (a {@link Seq2SeqException} naming the row, the example or the path), or one
 * {@link Seq2SeqException} with Spark's reason when the task's own exception did not reach the driver.
 */
final class SparkJobs {
    private SparkJobs() {
    }

    static <T> T run(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {          // Spark's SparkException is checked but undeclared by its Scala methods
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Seq2SeqException s) {
                    throw s;
                }
            }
            throw new Seq2SeqException(what + " failed on the cluster: " + e.getMessage(), e);
        }
    }
}
