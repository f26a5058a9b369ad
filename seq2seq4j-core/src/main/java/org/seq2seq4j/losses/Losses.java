package org.seq2seq4j.losses;
public final class Losses { public static Loss get(String s) { return null; } }
