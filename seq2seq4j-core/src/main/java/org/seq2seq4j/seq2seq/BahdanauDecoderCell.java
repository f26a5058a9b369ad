package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * The step of {@link AttentionDecoder} (Bahdanau, Cho and Bengio 2014, appendix A.2, as the
 * classic Keras layer computes it). Row vectors; {@code x_j} is input step j (a constant, with its
 * projection {@code u_j = x_j·U_a + b_a}); states {@code [y, s]}:
 * <pre>
 *   e_j = tanh(s·W_a + u_j)·V_a         a = softmax_j(e)        c = Σ_j a_j x_j
 *   r = σ(y·W_r + s·U_r + c·C_r + b_r)  z = σ(y·W_z + s·U_z + c·C_z + b_z)
 *   p = tanh(y·W_p + (r ⊙ s)·U_p + c·C_p + b_p)
 *   s' = (1 − z) ⊙ s + z ⊙ p            y' = softmax(y·W_o + s·U_o + c·C_o + b_o)   (the previous s)
 * </pre>
 * The output is {@code y'}, or {@code a} with return_probabilities. Weights in the layer's order:
 * {@code V_a, W_a, U_a, b_a, C_r, U_r, W_r, b_r, C_z, U_z, W_z, b_z, C_p, U_p, W_p, b_p, C_o, U_o,
 * W_o, b_o, W_s}; the step reads all but U_a, b_a and W_s, which the layer applies once per
 * sequence. The step's own input is not read (the layer passes its input as a constant too).
 */
final class BahdanauDecoderCell extends RecurrentCell {
    static final int V_A = 0, W_A = 1, U_A = 2, B_A = 3, R = 4, Z = 8, P = 12, O = 16, W_S = 20;
    /** Offsets of C_*, U_*, W_*, b_* within a gate's block of four weights. */
    private static final int C = 0, U = 1, W = 2, B = 3;

    private final int units;
    private final int outputDim;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal(1.0);
    private Initializer biasInitializer = Initializers.zeros();
    private int inputDim;
    /** The input length the cell was built for (the output width with return_probabilities). */
    private int builtLength;
    private boolean returnProbabilities;

    BahdanauDecoderCell(int units, int outputDim) {
        this.units = units;
        this.outputDim = outputDim;
    }

    void returnProbabilities(boolean b) {
        checkNotBuilt("returnProbabilities");
        returnProbabilities = b;
    }

    boolean returnProbabilities() {
        return returnProbabilities;
    }

    /** Sets the initializers of V_a, W_a, U_a (kernel), every C_*, U_*, W_* and W_s (recurrent) and the b_* (bias). */
    void initializers(Initializer kernel, Initializer recurrent, Initializer bias) {
        checkNotBuilt("initializers");
        kernelInitializer = kernel;
        recurrentInitializer = recurrent;
        biasInitializer = bias;
    }

    Initializer[] initializers() {
        return new Initializer[] {kernelInitializer, recurrentInitializer, biasInitializer};
    }

    @Override
    public int[] stateSizes() {
        return new int[] {outputDim, units};
    }

    @Override
    public int outputSize() {
        return returnProbabilities ? builtLength : outputDim;
    }

    @Override
    public int constantCount() {
        return 2;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory w) {
        inputDim = constantShapes.get(0).last();
        builtLength = constantShapes.get(0).dim(1);
        int u = units;
        int o = outputDim;
        int d = inputDim;
        w.add("V_a", Shape.of(u), keras2Glorot1d(kernelInitializer));
        w.add("W_a", Shape.of(u, u), kernelInitializer);
        w.add("U_a", Shape.of(d, u), kernelInitializer);
        w.add("b_a", Shape.of(u), biasInitializer);
        for (String g : new String[] {"r", "z", "p"}) {
            w.add("C_" + g, Shape.of(d, u), recurrentInitializer);
            w.add("U_" + g, Shape.of(u, u), recurrentInitializer);
            w.add("W_" + g, Shape.of(o, u), recurrentInitializer);
            w.add("b_" + g, Shape.of(u), biasInitializer);
        }
        w.add("C_o", Shape.of(d, o), recurrentInitializer);
        w.add("U_o", Shape.of(u, o), recurrentInitializer);
        w.add("W_o", Shape.of(o, o), recurrentInitializer);
        w.add("b_o", Shape.of(o), biasInitializer);
        w.add("W_s", Shape.of(d, u), recurrentInitializer);
    }

    /**
     * Keras 2's fans for a 1-D weight are both {@code sqrt(size)} (Keras 3 takes the size), so the
     * layer's glorot_uniform V_a is drawn with that limit; other initializers are used as given.
     */
    private static Initializer keras2Glorot1d(Initializer given) {
        if (!given.className().equals("GlorotUniform")) {
            return given;
        }
        return new Initializer() {
            @Override
            public void fill(float[] out, Shape shape, java.util.SplittableRandom random) {
                double fan = Math.sqrt(shape.size());
                double limit = Math.sqrt(6.0 / (2 * fan));
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }

            @Override
            public String className() {
                return given.className();
            }

            @Override
            public org.seq2seq4j.layers.LayerConfig config() {
                return given.config();
            }
        };
    }

    int units() {
        return units;
    }

    int outputDim() {
        return outputDim;
    }

    /** Per row and step: t (T·U), a (T), c (F), r, z, p (U each), o (O). */
    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        int steps = constantShapes.get(0).dim(1);
        return steps * units + steps + constantShapes.get(0).last() + 3 * units + outputDim;
    }

    /** The step values of the whole batch when nothing is cached, then scratch rows. */
    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        int steps = constantShapes.get(0).dim(1);
        return batch * (cacheWidth(constantShapes) + 8 * units + 2 * outputDim + constantShapes.get(0).last() + 2 * steps);
    }

    /** Where each value sits in a row of the cache. */
    private record Layout(int steps, int width, int t, int a, int c, int r, int z, int p, int o) {
        static Layout of(int steps, int units, int inputDim, int outputDim) {
            int t = 0;
            int a = t + steps * units;
            int c = a + steps;
            int r = c + inputDim;
            int z = r + units;
            int p = z + units;
            int o = p + units;
            return new Layout(steps, o + outputDim, t, a, c, r, z, p, o);
        }
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        int u = units;
        int o = outputDim;
        int d = inputDim;
        float[][] w = s.weights;
        Shape xs = s.constantShapes.get(0);
        Layout l = Layout.of(xs.dim(1), u, d, o);
        int steps = l.steps();
        float[] v = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : 0;
        int scratch = s.cache != null ? 0 : bsz * l.width();
        float[] ws = s.workspace;
        int wsOff = scratch;
        int rsOff = wsOff + bsz * u;
        float[] y = s.states[0];
        float[] h = s.states[1];
        float[] x = s.constants[0];
        float[] ux = s.constants[1];
        Gemm gemm = Gemms.get();
        gemm.sgemm(false, false, bsz, u, u, 1f, h, 0, u, w[W_A], 0, u, 0f, ws, wsOff, u);
        float[] va = w[V_A];
        for (int b = 0; b < bsz; b++) {
            int row = base + b * l.width();
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < steps; j++) {
                int uRow = (b * steps + j) * u;
                int tRow = row + l.t() + j * u;
                float e = 0f;
                for (int k = 0; k < u; k++) {
                    float t = (float) Math.tanh(ws[wsOff + b * u + k] + ux[uRow + k]);
                    v[tRow + k] = t;
                    e += t * va[k];
                }
                v[row + l.a() + j] = e;
                max = Math.max(max, e);
            }
            float sum = 0f;
            for (int j = 0; j < steps; j++) {
                float ex = (float) Math.exp(v[row + l.a() + j] - max);
                v[row + l.a() + j] = ex;
                sum += ex;
            }
            int c = row + l.c();
            java.util.Arrays.fill(v, c, c + d, 0f);
            for (int j = 0; j < steps; j++) {
                float aj = v[row + l.a() + j] / sum;
                v[row + l.a() + j] = aj;
                int xRow = (b * steps + j) * d;
                for (int f = 0; f < d; f++) {
                    v[c + f] += aj * x[xRow + f];
                }
            }
        }
        int lw = l.width();
        int cOff = base + l.c();
        gate(gemm, bsz, u, o, d, y, h, v, cOff, lw, w, R, v, base + l.r());
        gate(gemm, bsz, u, o, d, y, h, v, cOff, lw, w, Z, v, base + l.z());
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            for (int k = 0; k < u; k++) {
                v[row + l.r() + k] = sigmoid(v[row + l.r() + k]);
                v[row + l.z() + k] = sigmoid(v[row + l.z() + k]);
                ws[rsOff + b * u + k] = v[row + l.r() + k] * h[b * u + k];
            }
        }
        int pOff = base + l.p();
        fillBias(bsz, u, w[P + B], v, pOff, lw);
        gemm.sgemm(false, false, bsz, u, o, 1f, y, 0, o, w[P + W], 0, u, 1f, v, pOff, lw);
        gemm.sgemm(false, false, bsz, u, u, 1f, ws, rsOff, u, w[P + U], 0, u, 1f, v, pOff, lw);
        gemm.sgemm(false, false, bsz, u, d, 1f, v, cOff, lw, w[P + C], 0, u, 1f, v, pOff, lw);
        int oOff = base + l.o();
        fillBias(bsz, o, w[O + B], v, oOff, lw);
        gemm.sgemm(false, false, bsz, o, o, 1f, y, 0, o, w[O + W], 0, o, 1f, v, oOff, lw);
        gemm.sgemm(false, false, bsz, o, u, 1f, h, 0, u, w[O + U], 0, o, 1f, v, oOff, lw);
        gemm.sgemm(false, false, bsz, o, d, 1f, v, cOff, lw, w[O + C], 0, o, 1f, v, oOff, lw);
        float[] yNew = s.newStates[0];
        float[] sNew = s.newStates[1];
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            for (int k = 0; k < u; k++) {
                float p = (float) Math.tanh(v[row + l.p() + k]);
                v[row + l.p() + k] = p;
                float z = v[row + l.z() + k];
                sNew[b * u + k] = (1 - z) * h[b * u + k] + z * p;
            }
            ActivationFunction.softmaxRow(v, row + l.o(), o);
            System.arraycopy(v, row + l.o(), yNew, b * o, o);
            System.arraycopy(v, returnProbabilities ? row + l.a() : row + l.o(), s.output, b * outputSize(), outputSize());
        }
    }

    /** {@code out = b_g + y·W_g + h·U_g + c·C_g} for the gate whose weights start at {@code g}. */
    private static void gate(Gemm gemm, int bsz, int u, int o, int d, float[] y, float[] h, float[] v, int cOff, int lw,
                             float[][] w, int g, float[] out, int outOff) {
        fillBias(bsz, u, w[g + B], out, outOff, lw);
        gemm.sgemm(false, false, bsz, u, o, 1f, y, 0, o, w[g + W], 0, u, 1f, out, outOff, lw);
        gemm.sgemm(false, false, bsz, u, u, 1f, h, 0, u, w[g + U], 0, u, 1f, out, outOff, lw);
        gemm.sgemm(false, false, bsz, u, d, 1f, v, cOff, lw, w[g + C], 0, u, 1f, out, outOff, lw);
    }

    private static void fillBias(int rows, int n, float[] bias, float[] out, int off, int ld) {
        for (int b = 0; b < rows; b++) {
            System.arraycopy(bias, 0, out, off + b * ld, n);
        }
    }

    @Override
    protected void backward(StepBuffers s) {
        int bsz = s.batch;
        int u = units;
        int o = outputDim;
        int d = inputDim;
        float[][] w = s.weights;
        float[][] dw = s.dWeights;
        Layout l = Layout.of(s.constantShapes.get(0).dim(1), u, d, o);
        int steps = l.steps();
        int lw = l.width();
        float[] v = s.cache;
        int base = s.cacheOffset;
        float[] ws = s.workspace;
        int doOff = 0;
        int dzOff = doOff + bsz * o;
        int dpOff = dzOff + bsz * u;
        int drOff = dpOff + bsz * u;
        int rsOff = drOff + bsz * u;
        int drsOff = rsOff + bsz * u;
        int dcOff = drsOff + bsz * u;
        int dwsOff = dcOff + bsz * d;
        int daOff = dwsOff + bsz * u;
        float[] y = s.states[0];
        float[] h = s.states[1];
        float[] dy = s.dStates[0];
        float[] dh = s.dStates[1];
        float[] gy = s.dNewStates[0];
        float[] gs = s.dNewStates[1];
        Gemm gemm = Gemms.get();
        int cOff = base + l.c();
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            float dot = 0f;
            for (int k = 0; k < o; k++) {
                float g = gy[b * o + k] + (returnProbabilities ? 0f : s.dOutput[b * o + k]);
                ws[doOff + b * o + k] = g;
                dot += g * v[row + l.o() + k];
            }
            for (int k = 0; k < o; k++) {
                float ok = v[row + l.o() + k];
                ws[doOff + b * o + k] = ok * (ws[doOff + b * o + k] - dot);
            }
            for (int k = 0; k < u; k++) {
                float z = v[row + l.z() + k];
                float p = v[row + l.p() + k];
                float r = v[row + l.r() + k];
                float g = gs[b * u + k];
                ws[dzOff + b * u + k] = g * (p - h[b * u + k]) * z * (1 - z);
                ws[dpOff + b * u + k] = g * z * (1 - p * p);
                ws[rsOff + b * u + k] = r * h[b * u + k];
            }
        }
        // y' = softmax(y·W_o + s·U_o + c·C_o + b_o)
        weightGradients(gemm, bsz, o, o, u, d, y, v, cOff, lw, ws, doOff, o, dw, O, h);
        gemm.sgemm(false, true, bsz, o, o, 1f, ws, doOff, o, w[O + W], 0, o, 0f, dy, 0, o);
        gemm.sgemm(false, true, bsz, u, o, 1f, ws, doOff, o, w[O + U], 0, o, 0f, dh, 0, u);
        gemm.sgemm(false, true, bsz, d, o, 1f, ws, doOff, o, w[O + C], 0, o, 0f, ws, dcOff, d);
        // s' = (1 − z) ⊙ s + z ⊙ p;  p = tanh(y·W_p + (r ⊙ s)·U_p + c·C_p + b_p)
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            for (int k = 0; k < u; k++) {
                dh[b * u + k] += gs[b * u + k] * (1 - v[row + l.z() + k]);
            }
        }
        weightGradients(gemm, bsz, u, o, u, d, y, v, cOff, lw, ws, dpOff, u, dw, P, null);
        gemm.sgemm(true, false, u, u, bsz, 1f, ws, rsOff, u, ws, dpOff, u, 1f, dw[P + U], 0, u);
        gemm.sgemm(false, true, bsz, o, u, 1f, ws, dpOff, u, w[P + W], 0, u, 1f, dy, 0, o);
        gemm.sgemm(false, true, bsz, u, u, 1f, ws, dpOff, u, w[P + U], 0, u, 0f, ws, drsOff, u);
        gemm.sgemm(false, true, bsz, d, u, 1f, ws, dpOff, u, w[P + C], 0, u, 1f, ws, dcOff, d);
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            for (int k = 0; k < u; k++) {
                float r = v[row + l.r() + k];
                float drs = ws[drsOff + b * u + k];
                ws[drOff + b * u + k] = drs * h[b * u + k] * r * (1 - r);
                dh[b * u + k] += drs * r;
            }
        }
        // z and r: σ(y·W + s·U + c·C + b)
        for (int g : new int[] {Z, R}) {
            int off = g == Z ? dzOff : drOff;
            weightGradients(gemm, bsz, u, o, u, d, y, v, cOff, lw, ws, off, u, dw, g, h);
            gemm.sgemm(false, true, bsz, o, u, 1f, ws, off, u, w[g + W], 0, u, 1f, dy, 0, o);
            gemm.sgemm(false, true, bsz, u, u, 1f, ws, off, u, w[g + U], 0, u, 1f, dh, 0, u);
            gemm.sgemm(false, true, bsz, d, u, 1f, ws, off, u, w[g + C], 0, u, 1f, ws, dcOff, d);
        }
        // c = Σ_j a_j x_j;  a = softmax_j(e);  e_j = tanh(s·W_a + u_j)·V_a
        float[] x = s.constants[0];
        float[] dx = s.dConstants[0];
        float[] du = s.dConstants[1];
        float[] va = w[V_A];
        float[] dva = dw[V_A];
        java.util.Arrays.fill(ws, dwsOff, dwsOff + bsz * u, 0f);
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            float dot = 0f;
            for (int j = 0; j < steps; j++) {
                int xRow = (b * steps + j) * d;
                float aj = v[row + l.a() + j];
                float da = returnProbabilities ? s.dOutput[b * steps + j] : 0f;
                for (int f = 0; f < d; f++) {
                    float dc = ws[dcOff + b * d + f];
                    da += dc * x[xRow + f];
                    dx[xRow + f] += aj * dc;
                }
                ws[daOff + b * steps + j] = da;
                dot += aj * da;
            }
            for (int j = 0; j < steps; j++) {
                float de = v[row + l.a() + j] * (ws[daOff + b * steps + j] - dot);
                int tRow = row + l.t() + j * u;
                int uRow = (b * steps + j) * u;
                for (int k = 0; k < u; k++) {
                    float t = v[tRow + k];
                    dva[k] += de * t;
                    float dpre = de * va[k] * (1 - t * t);
                    du[uRow + k] += dpre;
                    ws[dwsOff + b * u + k] += dpre;
                }
            }
        }
        gemm.sgemm(true, false, u, u, bsz, 1f, h, 0, u, ws, dwsOff, u, 1f, dw[W_A], 0, u);
        gemm.sgemm(false, true, bsz, u, u, 1f, ws, dwsOff, u, w[W_A], 0, u, 1f, dh, 0, u);
    }

    /**
     * The weight gradients of one product {@code y·W_g + h·U_g + c·C_g + b_g} for {@code dOut}
     * {@code (batch, n)}; {@code hU} is the left operand of U_g, or null when the caller adds it.
     */
    private static void weightGradients(Gemm gemm, int bsz, int n, int o, int u, int d, float[] y, float[] v, int cOff,
                                        int lw, float[] dOut, int dOff, int ld, float[][] dw, int g, float[] hU) {
        gemm.sgemm(true, false, o, n, bsz, 1f, y, 0, o, dOut, dOff, ld, 1f, dw[g + W], 0, n);
        if (hU != null) {
            gemm.sgemm(true, false, u, n, bsz, 1f, hU, 0, u, dOut, dOff, ld, 1f, dw[g + U], 0, n);
        }
        gemm.sgemm(true, false, d, n, bsz, 1f, v, cOff, lw, dOut, dOff, ld, 1f, dw[g + C], 0, n);
        float[] db = dw[g + B];
        for (int b = 0; b < bsz; b++) {
            for (int k = 0; k < n; k++) {
                db[k] += dOut[dOff + b * ld + k];
            }
        }
    }

    private static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }
}
