package org.seq2seq4j.layers.usercell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.ReferenceGradCheck;

/** The Javadoc example of RecurrentCell, word for word, checked against its formula and finite differences. */
class RecurrentCellDocExampleTest {
    // h_t = tanh(x_t · W + h_{t-1}): one state, one weight W (features, units), h_t kept for backward
    static final class TanhCell extends RecurrentCell {
        private final int units;
        TanhCell(int units) { this.units = units; }
        public int[] stateSizes() { return new int[] {units}; }
        public int outputSize() { return units; }
        public int cacheWidth(List<Shape> constants) { return units; }
        protected void doBuild(int features, List<Shape> constants, WeightFactory w) {
            w.add("kernel", Shape.of(features, units), Initializers.glorotUniform());
        }
        protected void forward(StepBuffers s) {
            for (int b = 0; b < s.batch; b++)
                for (int j = 0; j < units; j++) {
                    float a = s.states[0][b * units + j];
                    for (int f = 0; f < s.inputSize; f++) a += s.input[b * s.inputSize + f] * s.weights[0][f * units + j];
                    float h = (float) Math.tanh(a);
                    s.newStates[0][b * units + j] = h;
                    s.output[b * units + j] = h;
                    if (s.cache != null) s.cache[s.cacheOffset + b * units + j] = h;
                }
        }
        protected void backward(StepBuffers s) {
            for (int b = 0; b < s.batch; b++) {
                for (int j = 0; j < units; j++) {
                    float h = s.cache[s.cacheOffset + b * units + j];
                    float da = (s.dNewStates[0][b * units + j] + s.dOutput[b * units + j]) * (1 - h * h);
                    s.dStates[0][b * units + j] = da;
                    for (int f = 0; f < s.inputSize; f++) s.dWeights[0][f * units + j] += s.input[b * s.inputSize + f] * da;
                }
                for (int f = 0; f < s.inputSize; f++) {
                    float dx = 0;
                    for (int j = 0; j < units; j++) dx += s.dStates[0][b * units + j] * s.weights[0][f * units + j];
                    s.dInput[b * s.inputSize + f] = dx;
                }
            }
        }
    }

    @Test
    void tanhCellExample() {
        RNN rnn = new RNN(new TanhCell(4)).returnSequences(true);
        Tensor y = rnn.apply(Tensor.random(Shape.of(2, 5, 3), 1));                 // (2, 5, 4)
        assertEquals(Shape.of(2, 5, 4), y.shape());

        // the formula in double precision, and its finite differences, for every input and weight
        Tensor x = Tensor.random(Shape.of(2, 5, 3), 2);
        Tensor w = rnn.weights().get(0).value();
        double[][] params = {toDouble(x.data()), toDouble(w.data())};
        new ReferenceGradCheck(1e-6, 1e-4).check("TanhCell", t -> rnn.call(CallContext.inference(), t[0]),
                new Tensor[] {x}, List.of(x, w), params, new String[] {"x", "kernel"}, p -> new double[][] {reference(p)});
    }

    /** h_t = tanh(x_t · W + h_{t-1}) for batch 2, 5 steps, 3 features, 4 units: the sequence (2, 5, 4). */
    private static double[] reference(double[][] p) {
        double[] out = new double[2 * 5 * 4];
        for (int b = 0; b < 2; b++) {
            double[] h = new double[4];
            for (int t = 0; t < 5; t++) {
                double[] next = new double[4];
                for (int j = 0; j < 4; j++) {
                    double a = h[j];
                    for (int f = 0; f < 3; f++) {
                        a += p[0][(b * 5 + t) * 3 + f] * p[1][f * 4 + j];
                    }
                    next[j] = Math.tanh(a);
                    out[(b * 5 + t) * 4 + j] = next[j];
                }
                h = next;
            }
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
