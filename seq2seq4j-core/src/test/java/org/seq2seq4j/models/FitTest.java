package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.TrainingException;
import org.seq2seq4j.callbacks.Callback;
import org.seq2seq4j.callbacks.History;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.losses.Losses;
import org.seq2seq4j.metrics.Metrics;
import org.seq2seq4j.optimizers.Adam;
import org.seq2seq4j.optimizers.SGD;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/** fit / evaluate / predict behaviour: learning, reproducibility, validation, callbacks and errors. */
class FitTest {

    /** One-hot sequences and their reversal. */
    private static Tensor[] reverseTask(int n, int len, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, len, vocab);
        Tensor y = Tensor.zeros(n, len, vocab);
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < len; t++) {
                int v = r.nextInt(vocab);
                x.data()[(s * len + t) * vocab + v] = 1;
                y.data()[(s * len + len - 1 - t) * vocab + v] = 1;
            }
        }
        return new Tensor[] {x, y};
    }

    private static Sequential encoderDecoder(int len, int vocab) {
        return new Sequential()
                .add(new LSTM(32).inputShape(len, vocab))
                .add(new RepeatVector(len))
                .add(new LSTM(32).returnSequences(true))
                .add(new TimeDistributed(new Dense(vocab).activation(ActivationFunction.SOFTMAX)));
    }

    @Test
    void encoderDecoderLearnsToReverseShortSequences() {
        Seq2Seq4j.seed(3);
        Tensor[] train = reverseTask(1500, 4, 5, 1);
        Tensor[] test = reverseTask(200, 4, 5, 2);
        Sequential m = encoderDecoder(4, 5);
        m.compile(new Adam().learningRate(0.01), Losses.get("categorical_crossentropy"),
                Metrics.get("accuracy", Losses.get("categorical_crossentropy")));
        History h = m.fit(train[0], train[1], new FitOptions().batchSize(32).epochs(15).verbose(0));
        assertEquals(15, h.epochs());
        assertTrue(h.get("loss").get(14) < h.get("loss").get(0) / 4, h.toString());
        double acc = m.evaluate(test[0], test[1]).get("accuracy");
        assertTrue(acc > 0.9, "reversal accuracy on fresh sequences " + acc);
        int[] classes = m.predictClasses(test[0]);
        int right = 0;
        for (int i = 0; i < classes.length; i++) {
            right += test[1].data()[i * 5 + classes[i]] == 1f ? 1 : 0;
        }
        assertEquals(acc, right / (double) classes.length, 1e-9, "predictClasses agrees with evaluate's accuracy");
    }

    @Test
    void paddedTimestepsDoNotCountInLossOrAccuracy() {
        Seq2Seq4j.seed(4);
        Sequential m = new Sequential()
                .add(new org.seq2seq4j.layers.Embedding(6, 4).maskZero(true).inputShape(4))
                .add(new LSTM(5).returnSequences(true))
                .add(new TimeDistributed(new Dense(3).activation(ActivationFunction.SOFTMAX)));
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Tensor ids = Tensor.of(new float[] {1, 2, 0, 0, 3, 4, 5, 0}, 2, 4);
        Tensor y = Tensor.of(new float[] {0, 1, 2, 2, 1, 1, 0, 2}, 2, 4);
        Tensor p = m.predict(ids);
        double sum = 0;
        int valid = 0;
        int right = 0;
        for (int i = 0; i < 8; i++) {
            if (ids.data()[i] != 0) {
                int label = (int) y.data()[i];
                sum -= Math.log(p.data()[i * 3 + label]);
                valid++;
                int best = 0;
                for (int j = 1; j < 3; j++) {
                    best = p.data()[i * 3 + j] > p.data()[i * 3 + best] ? j : best;
                }
                right += best == label ? 1 : 0;
            }
        }
        Map<String, Double> scores = m.evaluate(ids, y);
        assertEquals(sum / valid, scores.get("loss"), 1e-5, "mean over the 5 unpadded timesteps");
        assertEquals(right / (double) valid, scores.get("accuracy"), 1e-9);
    }

    @Test
    void sameSeedSameTraining() {
        Tensor[] d = reverseTask(64, 3, 4, 5);
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            Seq2Seq4j.seed(11);
            Sequential m = encoderDecoder(3, 4);
            m.compile("rmsprop", "categorical_crossentropy");
            losses[run] = m.fit(d[0], d[1], new FitOptions().batchSize(16).epochs(2).verbose(0)).get("loss").get(1);
        }
        assertEquals(losses[0], losses[1], 0.0);
    }

    @Test
    void validationSplitTakesTheLastSamplesAndCallbacksSeeEveryEpoch() {
        Seq2Seq4j.seed(1);
        Sequential m = new Sequential().add(new Dense(1).kernelInitializer(Initializers.zeros()).inputShape(1));
        m.compile(new SGD().learningRate(1e-9), Losses.get("mse"));
        // x = 0 everywhere, so predictions are 0 and the loss is the mean of y^2
        Tensor x = Tensor.zeros(10, 1);
        Tensor y = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 3, 3}, 10, 1);
        List<Integer> epochs = new ArrayList<>();
        Callback cb = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                epochs.add(epoch);
            }
        };
        History h = m.fit(x, y, new FitOptions().batchSize(4).epochs(2).validationSplit(0.2).verbose(0).callbacks(cb));
        assertEquals(1.0, h.get("loss").get(0), 1e-6);
        assertEquals(9.0, h.get("val_loss").get(1), 1e-6);
        assertEquals(List.of(0, 1), epochs);
    }

    @Test
    void mismatchedSamplesAreAShapeError() {
        Sequential m = new Sequential().add(new Dense(1).inputShape(2));
        m.compile("sgd", "mse");
        ShapeException e = assertThrows(ShapeException.class, () -> m.fit(Tensor.zeros(4, 2), Tensor.zeros(3, 1), 2, 1));
        assertEquals("fit: y", e.subject());
        assertEquals(Shape.of(3, 1), e.received());
        assertTrue(e.getMessage().contains("(4, 2)"), e.getMessage());
        assertThrows(ShapeException.class, () -> m.evaluate(Tensor.zeros(4, 2), Tensor.zeros(5, 1)));
    }

    @Test
    void fitBeforeCompileAndUnknownNamesAreClearErrors() {
        Sequential m = new Sequential().add(new Dense(1).inputShape(2));
        Seq2SeqException e = assertThrows(Seq2SeqException.class, () -> m.fit(Tensor.zeros(2, 2), Tensor.zeros(2, 1), 1, 1));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
        ConfigException opt = assertThrows(ConfigException.class, () -> m.compile("adamw2", "mse"));
        assertTrue(opt.getMessage().contains("'adamw2'") || opt.getMessage().contains("adamw2"), opt.getMessage());
        assertThrows(ConfigException.class, () -> m.compile("adam", "hinge_squared"));
        assertThrows(ConfigException.class, () -> m.compile("adam", "mse", "bleu"));
        assertThrows(ConfigException.class, () -> new FitOptions().batchSize(0));
        assertThrows(ConfigException.class, () -> new FitOptions().validationSplit(1.0));
    }

    @Test
    void nanLossStopsTrainingWithEpochAndBatch() {
        Sequential m = new Sequential().add(new Dense(1).inputShape(1));
        m.compile("sgd", "mse");
        Tensor x = Tensor.of(new float[] {1, 2, 3, Float.NaN}, 4, 1);
        TrainingException e = assertThrows(TrainingException.class,
                () -> m.fit(x, Tensor.zeros(4, 1), new FitOptions().batchSize(2).shuffle(false).verbose(0)));
        assertTrue(e.getMessage().contains("NaN at epoch 1, batch 2"), e.getMessage());
    }

    @Test
    void predictBatchesAndWeightsRoundTrip() {
        Seq2Seq4j.seed(2);
        Sequential m = encoderDecoder(3, 4);
        Tensor x = reverseTask(70, 3, 4, 9)[0];
        Tensor all = m.predict(x, 70);
        assertArrayEquals(all.data(), m.predict(x, 8).data(), 1e-6f);
        List<Tensor> w = m.getWeights();
        Seq2Seq4j.seed(99);
        Sequential other = encoderDecoder(3, 4);
        other.setWeights(w);
        assertArrayEquals(all.data(), other.predict(x).data(), 1e-6f);
        assertThrows(ConfigException.class, () -> other.setWeights(w.subList(0, 2)));
    }
}
