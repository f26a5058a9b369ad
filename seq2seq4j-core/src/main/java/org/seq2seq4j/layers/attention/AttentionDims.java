package org.seq2seq4j.layers.attention;

/**
 * Sizes of one attention call: {@code batch} (the product of every axis before the last two),
 * query steps {@code tq}, value steps {@code tv}, query/key features {@code dim} and value
 * features {@code valueDim}. Query is {@code (batch, tq, dim)}, key {@code (batch, tv, dim)},
 * value {@code (batch, tv, valueDim)}, scores {@code (batch, tq, tv)}, output {@code (batch, tq, valueDim)}.
 */
record AttentionDims(int batch, int tq, int tv, int dim, int valueDim) {
}
