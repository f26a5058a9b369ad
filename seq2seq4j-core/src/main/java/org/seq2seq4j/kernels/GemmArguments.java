package org.seq2seq4j.kernels;

/**
 * The arguments of one {@link Gemm#sgemm} call held in reusable fields, so a backend can hand
 * the call to {@link Parallel} as a {@link Parallel.Part} without allocating: one instance per
 * calling thread, filled by {@link #set}. Subclasses run a part of the product in {@link #run(int)}.
 */
abstract class GemmArguments extends Parallel.Task {
    boolean transA;
    boolean transB;
    int m;
    int n;
    int k;
    float alpha;
    float beta;
    float[] a;
    int aOff;
    int lda;
    float[] b;
    int bOff;
    int ldb;
    float[] c;
    int cOff;
    int ldc;
    int parts;

    /** Stores the arguments; {@code b} may be null when the backend holds B elsewhere. */
    final void set(boolean tA, boolean tB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        this.transA = tA;
        this.transB = tB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
    }

    @Override
    protected void release() {
        a = null;
        b = null;
        c = null;
    }
}
