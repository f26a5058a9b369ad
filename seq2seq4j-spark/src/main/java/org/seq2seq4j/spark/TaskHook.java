package org.seq2seq4j.spark;

/**
 * A hook tests set to make a task fail (checking that Spark's retry leaves results unchanged);
 * null, and so inert, in normal use. Called at the start of every partition's work.
 */
@FunctionalInterface
interface TaskHook {
    /** @param job "train" or "translate"; {@code step} the first step of the task (0 for translate) */
    void beforeTask(String job, int epoch, int step, int partition, int attempt);

    /** The hook in force in this JVM, or null. */
    final class Installed {
        static volatile TaskHook hook;

        private Installed() {
        }

        static void run(String job, int epoch, int step, int partition) {
            TaskHook h = hook;
            if (h != null) {
                org.apache.spark.TaskContext t = org.apache.spark.TaskContext.get();
                h.beforeTask(job, epoch, step, partition, t == null ? 0 : t.attemptNumber());
            }
        }
    }
}
