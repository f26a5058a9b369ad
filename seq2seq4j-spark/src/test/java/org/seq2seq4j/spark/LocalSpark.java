package org.seq2seq4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of the tests: local mode on the loopback address, no UI. One context lives at a
 * time in a JVM; asking for another master stops the current one.
 */
final class LocalSpark {
    private static JavaSparkContext current;
    private static String master;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context(String wanted) {
        if (current != null && wanted.equals(master)) {
            return current;
        }
        if (current != null) {
            current.stop();
        }
        SparkConf conf = new SparkConf().setMaster(wanted).setAppName("seq2seq4j-spark-tests")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "2");
        current = new JavaSparkContext(conf);
        master = wanted;
        return current;
    }
}
