package org.seq2seq4j.optimizers;
public abstract class Optimizer { public abstract void apply(java.util.List<org.seq2seq4j.autodiff.Variable> v, java.util.List<org.seq2seq4j.tensor.Tensor> g); }
