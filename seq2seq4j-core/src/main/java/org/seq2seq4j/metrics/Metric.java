package org.seq2seq4j.metrics;
import org.seq2seq4j.tensor.Tensor;
public abstract class Metric { public abstract void update(Tensor a, Tensor b, Tensor w, Tensor m); public abstract double result(); public abstract void reset(); public abstract String name(); }
