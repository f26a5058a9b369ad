package org.seq2seq4j.losses;
import org.seq2seq4j.tensor.Tensor;
public abstract class Loss { public abstract Tensor call(Tensor a, Tensor b, Tensor w, Tensor m); }
