package org.seq2seq4j.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.autodiff.Tape;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.SimpleRNN;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * One fused recurrent layer over a whole sequence, at the lstm_seq2seq decoder's shapes (59 steps,
 * 93 features, 256 units): inference forward, and forward + backward (BPTT) through the tape.
 * Run with {@code -prof gc} to see the allocation per call (the per-timestep loops allocate nothing).
 * <pre>{@code
 * java -jar seq2seq4j-bench/target/benchmarks.jar RecurrentBenchmark -p cell=lstm -p batch=64 -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecurrentBenchmark {
    @Param({"lstm", "gru", "simple_rnn"})
    public String cell;

    @Param({"1", "64"})
    public int batch;

    @Param({"2"})
    public int threads;

    private Layer layer;
    private Tensor x;

    @Setup
    public void setUp() {
        Gemms.setThreads(threads);
        Seq2Seq4j.seed(1);
        layer = switch (cell) {
            case "lstm" -> new LSTM(256).returnSequences(true);
            case "gru" -> new GRU(256).returnSequences(true);
            default -> new SimpleRNN(256).returnSequences(true);
        };
        x = Tensor.random(Shape.of(batch, 59, 93), 2);
        layer.apply(x);
    }

    @Benchmark
    public Tensor forward() {
        return layer.apply(x);
    }

    @Benchmark
    public Object forwardBackward() {
        try (Tape tape = Tape.record()) {
            Tensor y = layer.call(CallContext.inference(), x)[0];
            Tensor seed = Tensor.zeros(y.shape());
            java.util.Arrays.fill(seed.data(), 1f);
            List<Tensor> sources = layer.weights().stream().map(v -> v.value()).toList();
            return tape.gradient(new Tensor[] {y}, new Tensor[] {seed}, sources);
        }
    }
}
