package org.seq2seq4j.seq2seq;

import org.seq2seq4j.kernels.GateMath;
import org.seq2seq4j.kernels.Gemm;

/**
 * Keras's GRU step (reset_after, the Keras 3 default) as a {@link GatedCore}: {@code a = x·W + b_x},
 * {@code r_h = h·U + b_h} (gates z, r, h), {@code z = σ(a_z + r_z)}, {@code r = σ(a_r + r_r)},
 * {@code ĥ = tanh(a_h + r ⊙ r_h)}, {@code h' = z ⊙ h + (1 − z) ⊙ ĥ}. Cache per row: {@code a}
 * with z, r, ĥ in place of the pre-activations {@code (3u)}, then {@code h·U + b_h (3u)}.
 */
final class GruCore extends GatedCore {
    GruCore(int units) {
        super(CellType.GRU, units, 3, 6 * units, 6 * units);
    }

    @Override
    void forward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, int wi, boolean twoBiases,
                 float[] h, int hOff, float[] c, int cOff, float[] hNew, int hNewOff, float[] cNew, int cNewOff,
                 float[] cache, int cacheOff) {
        int u = units;
        int n = 3 * u;
        int rec = cacheOff + batch * n;
        fillRows(batch, n, w[wi + 2], 0, null, cache, cacheOff);
        fillRows(batch, n, w[wi + 2], n, null, cache, rec);
        if (in > 0) {
            g.sgemm(false, false, batch, n, in, 1f, x, xOff, ldx, w[wi], 0, n, 1f, cache, cacheOff, n);
        }
        g.sgemm(false, false, batch, n, u, 1f, h, hOff, u, w[wi + 1], 0, n, 1f, cache, rec, n);
        for (int b = 0; b < batch; b++) {
            int a = cacheOff + b * n;
            int r = rec + b * n;
            for (int j = 0; j < u; j++) {
                float zg = GateMath.sigmoid(cache[a + j] + cache[r + j]);
                float rg = GateMath.sigmoid(cache[a + u + j] + cache[r + u + j]);
                float hh = GateMath.tanh(cache[a + 2 * u + j] + rg * cache[r + 2 * u + j]);
                cache[a + j] = zg;
                cache[a + u + j] = rg;
                cache[a + 2 * u + j] = hh;
                hNew[hNewOff + b * u + j] = zg * h[hOff + b * u + j] + (1 - zg) * hh;
            }
        }
    }

    @Override
    void backward(Gemm g, int batch, int in, float[] x, int xOff, int ldx, float[][] w, float[][] dw, int wi,
                  boolean twoBiases, float[] h, int hOff, float[] c, int cOff, float[] cache, int cacheOff,
                  float[] dhNew, int dhNewOff, float[] dcNew, int dcNewOff, float[] dx, int dxOff, int lddx,
                  float[] dh, int dhOff, float[] dc, int dcOff, float[] scratch, int scratchOff) {
        int u = units;
        int n = 3 * u;
        int rec = cacheOff + batch * n;
        int da = scratchOff;
        int dr = scratchOff + batch * n;
        for (int b = 0; b < batch; b++) {
            int a = cacheOff + b * n;
            int r = rec + b * n;
            int ga = da + b * n;
            int gr = dr + b * n;
            for (int j = 0; j < u; j++) {
                float zg = cache[a + j];
                float rg = cache[a + u + j];
                float hh = cache[a + 2 * u + j];
                float dhv = dhNew[dhNewOff + b * u + j];
                dh[dhOff + b * u + j] += dhv * zg;
                float dz = dhv * (h[hOff + b * u + j] - hh) * zg * (1 - zg);
                float dpre = dhv * (1 - zg) * (1 - hh * hh);
                float drg = dpre * cache[r + 2 * u + j] * rg * (1 - rg);
                scratch[ga + j] = dz;
                scratch[gr + j] = dz;
                scratch[ga + u + j] = drg;
                scratch[gr + u + j] = drg;
                scratch[ga + 2 * u + j] = dpre;
                scratch[gr + 2 * u + j] = dpre * rg;
            }
        }
        inputProducts(g, batch, in, n, x, xOff, ldx, w[wi], dw[wi], scratch, da, dx, dxOff, lddx);
        g.sgemm(true, false, u, n, batch, 1f, h, hOff, u, scratch, dr, n, 1f, dw[wi + 1], 0, n);
        g.sgemm(false, true, batch, u, n, 1f, scratch, dr, n, w[wi + 1], 0, n, 1f, dh, dhOff, u);
        addColumnSums(batch, n, scratch, da, dw[wi + 2], 0);
        addColumnSums(batch, n, scratch, dr, dw[wi + 2], n);
    }
}
