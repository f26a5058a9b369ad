package org.seq2seq4j.seq2seq;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.GateMath;
import org.seq2seq4j.kernels.Gemm;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.LayerConfig;
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
 *
 * <p>How it runs: at the start of a pass the gate and output weights are packed into one matrix
 * {@code M = [[W_r W_z W_p W_o]; [U_r U_z 0 U_o]; [C_r C_z C_p C_o]]}, so that one product
 * {@code [y | s | c]·M} gives every pre-activation but the proposal's {@code (r ⊙ s)·U_p}, and one
 * product {@code dPre·Mᵀ} gives the gradients of {@code y}, {@code s} and {@code c}. The weight
 * gradients are deferred to the end of the backward pass: one product over every step and row
 * ({@code [y | s | c]ᵀ·dPre}, {@code (r ⊙ s)ᵀ·dp}, {@code sᵀ·d(s·W_a)}), from operands the forward
 * steps keep in the cache.
 */
final class BahdanauDecoderCell extends RecurrentCell {
    static final int V_A = 0, W_A = 1, U_A = 2, B_A = 3, R = 4, Z = 8, P = 12, O = 16, W_S = 20;
    /** Offsets of C_*, U_*, W_*, b_* within a gate's block of four weights. */
    private static final int C = 0, U = 1, W = 2, B = 3;
    /** The gate blocks in M's column order (r, z, p, o). */
    private static final int[] GATES = {R, Z, P, O};

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
            public void fill(float[] out, Shape shape, SplittableRandom random) {
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
            public LayerConfig config() {
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

    /** Where each value sits in a cache row, and the workspace's regions. */
    private record Layout(int steps, int u, int o, int d, int g, int x, int width, int t, int a, int ops, int rs, int act,
                          int dPre, int dws) {
        static Layout of(int steps, int u, int o, int d) {
            int g = 3 * u + o;
            int x = o + u + d;
            int t = 0;
            int a = t + steps * u;
            int ops = a + steps;           // [y | s | c]
            int rs = ops + x;
            int act = rs + u;              // r, z, p, o
            int dPre = act + g;            // d of the pre-activations of r, z, p, o
            int dws = dPre + g;            // d(s·W_a)
            return new Layout(steps, u, o, d, g, x, dws + u, t, a, ops, rs, act, dPre, dws);
        }

        /** Workspace: M (x, g), the deferred product (x, g), one step of cache rows, then per-row scratch. */
        int packed() {
            return 0;
        }

        int result() {
            return x * g;
        }

        int stepRows() {
            return 2 * x * g;
        }

        int scratch(int batch) {
            return stepRows() + batch * width;
        }

        int workspace(int batch) {
            return scratch(batch) + batch * (u + x + u + steps);
        }
    }

    private Layout layout(List<Shape> constantShapes) {
        return Layout.of(constantShapes.get(0).dim(1), units, outputDim, constantShapes.get(0).last());
    }

    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return layout(constantShapes).width();
    }

    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return layout(constantShapes).workspace(batch);
    }

    /** Packs M from the live weights (zeros where U_p would be: the proposal applies it to r ⊙ s). */
    @Override
    protected void beginPass(StepBuffers s, boolean backward) {
        Layout l = layout(s.constantShapes);
        float[] m = s.workspace;
        Arrays.fill(m, 0, l.x() * l.g(), 0f);
        int u = l.u();
        for (int k = 0; k < GATES.length; k++) {
            int g = GATES[k];
            int width = g == O ? l.o() : u;
            int col = k * u;
            copyBlock(s.weights[g + W], l.o(), width, m, 0, col, l.g());
            if (g != P) {
                copyBlock(s.weights[g + U], u, width, m, l.o(), col, l.g());
            }
            copyBlock(s.weights[g + C], l.d(), width, m, l.o() + u, col, l.g());
        }
    }

    private static void copyBlock(float[] src, int rows, int cols, float[] dst, int row0, int col0, int ld) {
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, i * cols, dst, (row0 + i) * ld + col0, cols);
        }
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        Layout l = layout(s.constantShapes);
        int u = l.u();
        int o = l.o();
        int d = l.d();
        int steps = l.steps();
        int lw = l.width();
        float[][] w = s.weights;
        float[] v = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : l.stepRows();
        float[] ws = s.workspace;
        int wsOff = l.scratch(bsz);
        float[] y = s.states[0];
        float[] h = s.states[1];
        float[] x = s.constants[0];
        float[] ux = s.constants[1];
        Gemm gemm = Gemms.get();
        gemm.sgemm(false, false, bsz, u, u, 1f, h, 0, u, w[W_A], 0, u, 0f, ws, wsOff, u);
        float[] va = w[V_A];
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < steps; j++) {
                int uRow = (b * steps + j) * u;
                int tRow = row + l.t() + j * u;
                int sRow = wsOff + b * u;
                for (int k = 0; k < u; k++) {
                    v[tRow + k] = GateMath.tanh(ws[sRow + k] + ux[uRow + k]);
                }
                float e = 0f;
                for (int k = 0; k < u; k++) {
                    e += v[tRow + k] * va[k];
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
            int ops = row + l.ops();
            System.arraycopy(y, b * o, v, ops, o);
            System.arraycopy(h, b * u, v, ops + o, u);
            int c = ops + o + u;
            Arrays.fill(v, c, c + d, 0f);
            for (int j = 0; j < steps; j++) {
                float aj = v[row + l.a() + j] / sum;
                v[row + l.a() + j] = aj;
                int xRow = (b * steps + j) * d;
                for (int f = 0; f < d; f++) {
                    v[c + f] += aj * x[xRow + f];
                }
            }
            int act = row + l.act();
            for (int k = 0; k < GATES.length; k++) {
                System.arraycopy(w[GATES[k] + B], 0, v, act + k * u, GATES[k] == O ? o : u);
            }
        }
        // every pre-activation but (r ⊙ s)·U_p: [y | s | c]·M
        gemm.sgemm(false, false, bsz, l.g(), l.x(), 1f, v, base + l.ops(), lw, ws, l.packed(), l.g(), 1f, v, base + l.act(), lw);
        for (int b = 0; b < bsz; b++) {
            int act = base + b * lw + l.act();
            int rs = base + b * lw + l.rs();
            for (int k = 0; k < 2 * u; k++) {
                v[act + k] = GateMath.sigmoid(v[act + k]);
            }
            for (int k = 0; k < u; k++) {
                v[rs + k] = v[act + k] * h[b * u + k];
            }
        }
        gemm.sgemm(false, false, bsz, u, u, 1f, v, base + l.rs(), lw, w[P + U], 0, u, 1f, v, base + l.act() + 2 * u, lw);
        float[] yNew = s.newStates[0];
        float[] sNew = s.newStates[1];
        int width = outputSize();
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            int act = row + l.act();
            for (int k = 0; k < u; k++) {
                float p = GateMath.tanh(v[act + 2 * u + k]);
                v[act + 2 * u + k] = p;
                float z = v[act + u + k];
                sNew[b * u + k] = (1 - z) * h[b * u + k] + z * p;
            }
            ActivationFunction.softmaxRow(v, act + 3 * u, o);
            System.arraycopy(v, act + 3 * u, yNew, b * o, o);
            System.arraycopy(v, returnProbabilities ? row + l.a() : act + 3 * u, s.output, b * width, width);
        }
    }

    @Override
    protected void backward(StepBuffers s) {
        int bsz = s.batch;
        Layout l = layout(s.constantShapes);
        int u = l.u();
        int o = l.o();
        int d = l.d();
        int steps = l.steps();
        int lw = l.width();
        float[][] w = s.weights;
        float[] v = s.cache;
        int base = s.cacheOffset;
        float[] ws = s.workspace;
        int drsOff = l.scratch(bsz);
        int dxOff = drsOff + bsz * u;
        int daOff = dxOff + bsz * l.x() + bsz * u;
        float[] h = s.states[1];
        float[] dy = s.dStates[0];
        float[] dh = s.dStates[1];
        float[] gy = s.dNewStates[0];
        float[] gs = s.dNewStates[1];
        Gemm gemm = Gemms.get();
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            int act = row + l.act();
            int dp = row + l.dPre();
            float dot = 0f;
            for (int k = 0; k < o; k++) {
                float g = gy[b * o + k] + (returnProbabilities ? 0f : s.dOutput[b * o + k]);
                v[dp + 3 * u + k] = g;
                dot += g * v[act + 3 * u + k];
            }
            for (int k = 0; k < o; k++) {                                   // y' = softmax(...)
                v[dp + 3 * u + k] = v[act + 3 * u + k] * (v[dp + 3 * u + k] - dot);
            }
            for (int k = 0; k < u; k++) {                                   // s' = (1 − z) ⊙ s + z ⊙ p
                float z = v[act + u + k];
                float p = v[act + 2 * u + k];
                float g = gs[b * u + k];
                v[dp + u + k] = g * (p - h[b * u + k]) * z * (1 - z);
                v[dp + 2 * u + k] = g * z * (1 - p * p);
                dh[b * u + k] = g * (1 - z);
            }
        }
        // p = tanh(... + (r ⊙ s)·U_p + ...): d(r ⊙ s) = dp·U_pᵀ
        gemm.sgemm(false, true, bsz, u, u, 1f, v, base + l.dPre() + 2 * u, lw, w[P + U], 0, u, 0f, ws, drsOff, u);
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            int act = row + l.act();
            for (int k = 0; k < u; k++) {
                float r = v[act + k];
                float drs = ws[drsOff + b * u + k];
                v[row + l.dPre() + k] = drs * h[b * u + k] * r * (1 - r);
                dh[b * u + k] += drs * r;
            }
        }
        // [dy | ds | dc] = dPre·Mᵀ
        gemm.sgemm(false, true, bsz, l.x(), l.g(), 1f, v, base + l.dPre(), lw, ws, l.packed(), l.g(), 0f, ws, dxOff, l.x());
        for (int b = 0; b < bsz; b++) {
            System.arraycopy(ws, dxOff + b * l.x(), dy, b * o, o);
            for (int k = 0; k < u; k++) {
                dh[b * u + k] += ws[dxOff + b * l.x() + o + k];
            }
        }
        // c = Σ_j a_j x_j;  a = softmax_j(e);  e_j = tanh(s·W_a + u_j)·V_a
        float[] x = s.constants[0];
        float[] dx = s.dConstants[0];
        float[] du = s.dConstants[1];
        float[] va = w[V_A];
        float[] dva = s.dWeights[V_A];
        for (int b = 0; b < bsz; b++) {
            int row = base + b * lw;
            int dc = dxOff + b * l.x() + o + u;
            float dot = 0f;
            for (int j = 0; j < steps; j++) {
                int xRow = (b * steps + j) * d;
                float aj = v[row + l.a() + j];
                float da = returnProbabilities ? s.dOutput[b * steps + j] : 0f;
                for (int f = 0; f < d; f++) {
                    da += ws[dc + f] * x[xRow + f];
                    dx[xRow + f] += aj * ws[dc + f];
                }
                ws[daOff + b * steps + j] = da;
                dot += aj * da;
            }
            int dws = row + l.dws();
            Arrays.fill(v, dws, dws + u, 0f);
            for (int j = 0; j < steps; j++) {
                float de = v[row + l.a() + j] * (ws[daOff + b * steps + j] - dot);
                int tRow = row + l.t() + j * u;
                int uRow = (b * steps + j) * u;
                for (int k = 0; k < u; k++) {
                    float t = v[tRow + k];
                    dva[k] += de * t;
                    float dpre = de * va[k] * (1 - t * t);
                    du[uRow + k] += dpre;
                    v[dws + k] += dpre;
                }
            }
        }
        gemm.sgemm(false, true, bsz, u, u, 1f, v, base + l.dws(), lw, w[W_A], 0, u, 1f, dh, 0, u);
    }

    /** The deferred weight gradients: one product each over every step and row of the sequence. */
    @Override
    protected void endBackward(StepBuffers s) {
        Layout l = layout(s.constantShapes);
        int rows = s.steps * s.batch;
        int lw = l.width();
        int u = l.u();
        int o = l.o();
        float[] v = s.cache;
        float[] ws = s.workspace;
        float[][] dw = s.dWeights;
        Gemm gemm = Gemms.get();
        gemm.sgemm(true, false, l.x(), l.g(), rows, 1f, v, l.ops(), lw, v, l.dPre(), lw, 0f, ws, l.result(), l.g());
        for (int k = 0; k < GATES.length; k++) {
            int g = GATES[k];
            int width = g == O ? o : u;
            int col = l.result() + k * u;
            addBlock(ws, col, l.g(), 0, o, width, dw[g + W]);
            if (g != P) {
                addBlock(ws, col, l.g(), o, u, width, dw[g + U]);
            }
            addBlock(ws, col, l.g(), o + u, l.d(), width, dw[g + C]);
            float[] db = dw[g + B];
            for (int r = 0; r < rows; r++) {
                int at = r * lw + l.dPre() + k * u;
                for (int j = 0; j < width; j++) {
                    db[j] += v[at + j];
                }
            }
        }
        gemm.sgemm(true, false, u, u, rows, 1f, v, l.rs(), lw, v, l.dPre() + 2 * u, lw, 1f, dw[P + U], 0, u);
        gemm.sgemm(true, false, u, u, rows, 1f, v, l.ops() + o, lw, v, l.dws(), lw, 1f, dw[W_A], 0, u);
    }

    /** {@code dst += src[row0 .. row0 + rows, col .. col + cols]} of a row-major matrix with row stride {@code ld}. */
    private static void addBlock(float[] src, int col, int ld, int row0, int rows, int cols, float[] dst) {
        for (int i = 0; i < rows; i++) {
            int from = col + (row0 + i) * ld;
            for (int j = 0; j < cols; j++) {
                dst[i * cols + j] += src[from + j];
            }
        }
    }
}
