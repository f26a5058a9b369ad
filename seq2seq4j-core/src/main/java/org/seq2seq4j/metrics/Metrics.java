package org.seq2seq4j.metrics;
public final class Metrics { public static Metric get(String s, org.seq2seq4j.losses.Loss l) { return null; } }
