package org.seq2seq4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The thread-safety contract of {@link Model#predict}: concurrent calls on one model (built or not
 * yet built) give, bit for bit, what the same calls give one at a time.
 */
class ConcurrentPredictTest {
    private static final int THREADS = 6;
    private static final int ROUNDS = 4;

    /** Token ids (batch, steps) in [1, vocab), with trailing zeros (padding) on some rows. */
    private static Tensor ids(int batch, int steps, int vocab, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Tensor t = Tensor.zeros(batch, steps);
        for (int b = 0; b < batch; b++) {
            int len = steps - r.nextInt(steps / 2);
            for (int s = 0; s < len; s++) {
                t.data()[b * steps + s] = 1 + r.nextInt(vocab - 1);
            }
        }
        return t;
    }

    /** An attention encoder-decoder: Embedding(mask_zero) -> Bidirectional(LSTM) and GRU decoder, Attention, Dense. */
    private static Model attentionSeq2Seq() {
        Seq2Seq4j.seed(11);
        KerasTensor src = Input.of("src", DType.INT32, Shape.UNKNOWN);
        KerasTensor tgt = Input.of("tgt", DType.INT32, Shape.UNKNOWN);
        KerasTensor enc = new Bidirectional(new LSTM(48).returnSequences(true))
                .apply(new Embedding(50, 32).maskZero(true).apply(src));
        KerasTensor dec = new GRU(96).returnSequences(true).apply(new Embedding(40, 32).maskZero(true).apply(tgt));
        KerasTensor context = new Attention().apply(dec, enc);
        KerasTensor probs = new Dense(40).activation("softmax").apply(new Concatenate().apply(dec, context));
        return Model.of(List.of(src, tgt), List.of(probs));
    }

    /** Runs {@code calls} on THREADS threads released together; returns each call's result in order. */
    private static List<float[]> concurrently(List<Callable<float[]>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (Callable<float[]> c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<float[]> out = new ArrayList<>();
            for (Future<float[]> f : futures) {
                out.add(f.get(2, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPredictsOnABuiltModelEqualOneAtATime() throws Exception {
        Model m = attentionSeq2Seq();
        List<List<Tensor>> inputs = new ArrayList<>();
        List<Callable<float[]>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS * ROUNDS; i++) {
            int batch = 1 + (i * 7) % 40;                       // batch 1 (sgemv paths) up to 40 (split GEMMs)
            List<Tensor> x = List.of(ids(batch, 12, 50, i), ids(batch, 9, 40, 100 + i));
            inputs.add(x);
            calls.add(() -> m.predictAll(x, new PredictOptions().batchSize(16).verbose(0)).get(0).data());
        }
        List<float[]> together = concurrently(calls);
        for (int i = 0; i < inputs.size(); i++) {
            float[] alone = m.predictAll(inputs.get(i), new PredictOptions().batchSize(16).verbose(0)).get(0).data();
            assertArrayEquals(alone, together.get(i), "call " + i + " differs from the same call run alone");
        }
    }

    @Test
    void concurrentFirstPredictsBuildTheModelOnce() throws Exception {
        Seq2Seq4j.seed(12);
        Sequential m = new Sequential()                    // no input shape: built by the first predict
                .add(new Embedding(30, 16).maskZero(true))
                .add(new LSTM(64).returnSequences(true))
                .add(new Dense(30).activation("softmax"));
        assertTrue(!m.isBuilt());
        List<Tensor> inputs = new ArrayList<>();
        List<Callable<float[]>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Tensor x = ids(8 + i, 10, 30, 200 + i);
            inputs.add(x);
            calls.add(() -> m.predict(x, new PredictOptions().verbose(0)).data());
        }
        List<float[]> together = concurrently(calls);
        assertEquals(30 * 16 + 4 * 64 * (16 + 64 + 1) + 64 * 30 + 30, m.countParams(), "each weight created once");
        for (int i = 0; i < THREADS; i++) {
            assertArrayEquals(m.predict(inputs.get(i), new PredictOptions().verbose(0)).data(), together.get(i),
                    "thread " + i);
        }
    }
}
