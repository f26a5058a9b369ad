package org.seq2seq4j.seq2seq;

import org.seq2seq4j.kernels.GateMath;
import org.seq2seq4j.kernels.Gemm;

/**
 * Keras's LSTM step as a {@link GatedCore}: {@code z = x·W + h·U + b (+ b_rec)}, gates i, f, c, o
 * ({@code σ, σ, tanh, σ}), {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ tanh(c')}. Cache per row:
 * the activated gates {@code (4u)} then {@code tanh(c') (u)}, as two blocks.
 */
final class LstmCore extends GatedCore {
    LstmCore(int units) {
        super(CellType.LSTM, units, 4, 5 * units, 4 * units);
    }

    @Override
    void forward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, int wi, boolean twoBiases,
                 float[] h, int hOff, float[] c, int cOff, float[] hNew, int hNewOff, float[] cNew, int cNewOff,
                 float[] cache, int cacheOff) {
        int u = units;
        int n = 4 * u;
        fillRows(batch, n, w[wi + 2], 0, weightCount(twoBiases) == 4 ? w[wi + 3] : null, cache, cacheOff);
        if (in > 0) {
            g.sgemm(false, false, batch, n, in, 1f, x, xOff, ldx, w[wi], 0, n, 1f, cache, cacheOff, n);
        }
        g.sgemm(false, false, batch, n, u, 1f, h, hOff, u, w[wi + 1], 0, n, 1f, cache, cacheOff, n);
        int tanhOff = cacheOff + batch * n;
        for (int b = 0; b < batch; b++) {
            int z = cacheOff + b * n;
            for (int j = 0; j < u; j++) {
                float i = GateMath.sigmoid(cache[z + j]);
                float f = GateMath.sigmoid(cache[z + u + j]);
                float gg = GateMath.tanh(cache[z + 2 * u + j]);
                float o = GateMath.sigmoid(cache[z + 3 * u + j]);
                cache[z + j] = i;
                cache[z + u + j] = f;
                cache[z + 2 * u + j] = gg;
                cache[z + 3 * u + j] = o;
                float cc = f * c[cOff + b * u + j] + i * gg;
                float tc = GateMath.tanh(cc);
                cache[tanhOff + b * u + j] = tc;
                cNew[cNewOff + b * u + j] = cc;
                hNew[hNewOff + b * u + j] = o * tc;
            }
        }
    }

    @Override
    void backward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, float[][] dw, int wi,
                  boolean twoBiases, float[] h, int hOff, float[] c, int cOff, float[] cache, int cacheOff,
                  float[] dhNew, int dhNewOff, float[] dcNew, int dcNewOff, float[] dx, int dxOff, int lddx,
                  float[] dh, int dhOff, float[] dc, int dcOff, float[] scratch, int scratchOff) {
        int u = units;
        int n = 4 * u;
        int tanhOff = cacheOff + batch * n;
        for (int b = 0; b < batch; b++) {
            int z = cacheOff + b * n;
            int dz = scratchOff + b * n;
            for (int j = 0; j < u; j++) {
                float i = cache[z + j];
                float f = cache[z + u + j];
                float gg = cache[z + 2 * u + j];
                float o = cache[z + 3 * u + j];
                float tc = cache[tanhOff + b * u + j];
                float dhv = dhNew[dhNewOff + b * u + j];
                float dcv = (dcNew == null ? 0f : dcNew[dcNewOff + b * u + j]) + dhv * o * (1 - tc * tc);
                scratch[dz + j] = dcv * gg * i * (1 - i);
                scratch[dz + u + j] = dcv * c[cOff + b * u + j] * f * (1 - f);
                scratch[dz + 2 * u + j] = dcv * i * (1 - gg * gg);
                scratch[dz + 3 * u + j] = dhv * tc * o * (1 - o);
                dc[dcOff + b * u + j] += dcv * f;
            }
        }
        inputProducts(g, batch, in, n, x, xOff, ldx, w[wi], dw[wi], scratch, scratchOff, dx, dxOff, lddx);
        g.sgemm(true, false, u, n, batch, 1f, h, hOff, u, scratch, scratchOff, n, 1f, dw[wi + 1], 0, n);
        g.sgemm(false, true, batch, u, n, 1f, scratch, scratchOff, n, w[wi + 1], 0, n, 1f, dh, dhOff, u);
        addColumnSums(batch, n, scratch, scratchOff, dw[wi + 2], 0);
        if (weightCount(twoBiases) == 4) {
            addColumnSums(batch, n, scratch, scratchOff, dw[wi + 3], 0);
        }
    }
}
