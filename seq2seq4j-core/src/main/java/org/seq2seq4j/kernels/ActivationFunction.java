package org.seq2seq4j.kernels;

import java.util.Locale;
import org.seq2seq4j.ConfigException;

/**
 * Keras activation functions as array kernels. Each works in place on a contiguous range and
 * has a backward that needs only the output {@code y}, so layers keep the output and drop the
 * input. {@link #SOFTMAX} normalises each row of {@code rowLength} values (the last axis).
 * Keras 2 and Keras 3 define {@code hard_sigmoid} differently: {@link #HARD_SIGMOID} is Keras 3's
 * {@code relu6(x + 3) / 6}; {@link #HARD_SIGMOID_KERAS2} is {@code clip(0.2x + 0.5, 0, 1)},
 * chosen by importers of Keras 2 and TF.js files.
 *
 * <pre>{@code
 * float[] x = {-1f, 0f, 2f};
 * ActivationFunction.fromKerasName("relu").forward(x, 0, 3, 3);   // x -> [0, 0, 2]
 * ActivationFunction.SIGMOID.apply(0f);                            // 0.5
 * }</pre>
 */
public enum ActivationFunction {
    LINEAR("linear"),
    SIGMOID("sigmoid"),
    HARD_SIGMOID("hard_sigmoid"),
    HARD_SIGMOID_KERAS2("hard_sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    SOFTMAX("softmax"),
    ELU("elu"),
    SELU("selu"),
    SOFTPLUS("softplus"),
    SOFTSIGN("softsign"),
    EXPONENTIAL("exponential");

    private static final float SELU_ALPHA = 1.6732632423543772848170429916717f;
    private static final float SELU_SCALE = 1.0507009873554804934193349852946f;

    private final String kerasName;

    ActivationFunction(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The name Keras writes in configs, e.g. {@code "tanh"}. */
    public String kerasName() {
        return kerasName;
    }

    /** The activation for a Keras 3 name ({@code null} means linear); unknown names are an error. */
    public static ActivationFunction fromKerasName(String name) {
        if (name == null) {
            return LINEAR;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (ActivationFunction a : values()) {
            if (a != HARD_SIGMOID_KERAS2 && a.kerasName.equals(n)) {
                return a;
            }
        }
        throw ConfigException.argument("activation", "name", "one of linear, sigmoid, hard_sigmoid, tanh, relu, "
                + "softmax, elu, selu, softplus, softsign, exponential", "'" + name + "'");
    }

    /** True for activations that act on each value alone (all but softmax). */
    public boolean isElementwise() {
        return this != SOFTMAX;
    }

    /** The activation of one value; not defined for softmax. */
    public float apply(float x) {
        switch (this) {
            case LINEAR: return x;
            case SIGMOID: return sigmoid(x);
            case HARD_SIGMOID: return Math.min(1f, Math.max(0f, x / 6f + 0.5f));
            case HARD_SIGMOID_KERAS2: return Math.min(1f, Math.max(0f, 0.2f * x + 0.5f));
            case TANH: return tanh(x);
            case RELU: return x > 0 ? x : 0f;
            case ELU: return x > 0 ? x : (float) Math.expm1(x);
            case SELU: return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * (float) Math.expm1(x);
            case SOFTPLUS: return softplus(x);
            case SOFTSIGN: return x / (1f + Math.abs(x));
            case EXPONENTIAL: return (float) Math.exp(x);
            default: throw new UnsupportedOperationException("softmax needs a whole row; use forward(...)");
        }
    }

    /** Applies the activation in place to {@code x[off, off + n)}; softmax normalises rows of {@code rowLength}. */
    public void forward(float[] x, int off, int n, int rowLength) {
        if (this == LINEAR) {
            return;
        }
        if (this == SOFTMAX) {
            SoftmaxRows.run(true, x, off, null, 0, null, 0, n, rowLength);
            return;
        }
        for (int i = off; i < off + n; i++) {
            x[i] = apply(x[i]);
        }
    }

    /**
     * Adds to {@code dx} the gradient through this activation, given its output {@code y} and the
     * output gradient {@code dy}, over {@code n} values starting at the offsets.
     * Softmax: {@code dx = y * (dy - sum(dy * y))} per row of {@code rowLength}.
     */
    public void backward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n, int rowLength) {
        if (this == SOFTMAX) {
            SoftmaxRows.run(false, y, yOff, dy, dyOff, dx, dxOff, n, rowLength);
            return;
        }
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] += dy[dyOff + i] * derivativeFromOutput(y[yOff + i]);
        }
    }

    /** f'(x) written in terms of y = f(x); not defined for softmax. */
    public float derivativeFromOutput(float y) {
        switch (this) {
            case LINEAR: return 1f;
            case SIGMOID: return y * (1f - y);
            case HARD_SIGMOID: return y > 0f && y < 1f ? 1f / 6f : 0f;
            case HARD_SIGMOID_KERAS2: return y > 0f && y < 1f ? 0.2f : 0f;
            case TANH: return 1f - y * y;
            case RELU: return y > 0f ? 1f : 0f;
            case ELU: return y > 0f ? 1f : y + 1f;
            case SELU: return y > 0f ? SELU_SCALE : y + SELU_SCALE * SELU_ALPHA;
            case SOFTPLUS: return (float) -Math.expm1(-y);
            case SOFTSIGN: return (1f - Math.abs(y)) * (1f - Math.abs(y));
            case EXPONENTIAL: return y;
            default: throw new UnsupportedOperationException("softmax has no elementwise derivative");
        }
    }

    /** Logistic sigmoid, stable for large |x|. */
    public static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** Hyperbolic tangent in float precision. */
    public static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    private static float softplus(float x) {
        return (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    /** Rows {@code [r0, r1)} (in units of rowLength from the offsets) of the softmax backward. */
    private static void softmaxBackwardRows(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                            int r0, int r1, int rowLength) {
        for (int r = r0 * rowLength; r < r1 * rowLength; r += rowLength) {
            double dot = 0;
            for (int j = 0; j < rowLength; j++) {
                dot += dy[dyOff + r + j] * y[yOff + r + j];
            }
            for (int j = 0; j < rowLength; j++) {
                dx[dxOff + r + j] += y[yOff + r + j] * (float) (dy[dyOff + r + j] - dot);
            }
        }
    }

    /**
     * Softmax forward or backward over whole rows, split by rows across {@link Gemms#threads()}
     * threads when large (rows are independent: same numbers). One reusable call per thread.
     */
    private static final class SoftmaxRows extends Parallel.Task {
        private static final int PARALLEL_MIN_VALUES = 1 << 16;
        private static final ThreadLocal<SoftmaxRows> CALLS = ThreadLocal.withInitial(SoftmaxRows::new);

        private boolean forward;
        private float[] y;
        private int yOff;
        private float[] dy;
        private int dyOff;
        private float[] dx;
        private int dxOff;
        private int rows;
        private int rowLength;
        private int parts;

        /** Forward: softmax of the rows of {@code y} in place; backward: {@code dx += y * (dy - sum(dy * y))} per row. */
        static void run(boolean forward, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                        int n, int rowLength) {
            int rows = rowLength == 0 ? 0 : n / rowLength;
            int parts = n < PARALLEL_MIN_VALUES ? 1 : Math.min(rows, Gemms.threads());
            SoftmaxRows call = CALLS.get();
            call.forward = forward;
            call.y = y;
            call.yOff = yOff;
            call.dy = dy;
            call.dyOff = dyOff;
            call.dx = dx;
            call.dxOff = dxOff;
            call.rows = rows;
            call.rowLength = rowLength;
            call.parts = Math.max(1, parts);
            call.fork(call.parts);
        }

        @Override
        protected void release() {
            y = null;
            dy = null;
            dx = null;
        }

        @Override
        public void run(int part) {
            int r0 = rows * part / parts;
            int r1 = rows * (part + 1) / parts;
            if (forward) {
                for (int r = r0; r < r1; r++) {
                    softmaxRow(y, yOff + r * rowLength, rowLength);
                }
            } else {
                softmaxBackwardRows(y, yOff, dy, dyOff, dx, dxOff, r0, r1, rowLength);
            }
        }
    }

    /** Numerically stable softmax of {@code x[off, off + n)} in place. */
    public static void softmaxRow(float[] x, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = off; j < off + n; j++) {
            max = Math.max(max, x[j]);
        }
        double sum = 0;
        for (int j = off; j < off + n; j++) {
            float e = (float) Math.exp(x[j] - max);
            x[j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = off; j < off + n; j++) {
            x[j] *= inv;
        }
    }
}
