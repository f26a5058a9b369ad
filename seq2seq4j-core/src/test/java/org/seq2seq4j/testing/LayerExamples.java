package org.seq2seq4j.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Activation;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Dropout;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.Flatten;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Masking;
import org.seq2seq4j.layers.Permute;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.Reshape;
import org.seq2seq4j.layers.SimpleRNN;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.layers.merging.Add;
import org.seq2seq4j.layers.merging.Average;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.merging.Dot;
import org.seq2seq4j.layers.merging.Multiply;
import org.seq2seq4j.layers.recurrent.GRUCell;
import org.seq2seq4j.layers.recurrent.LSTMCell;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.layers.recurrent.SimpleRNNCell;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.seq2seq.AttentionDecoder;
import org.seq2seq4j.seq2seq.AttentionSeq2Seq;
import org.seq2seq4j.seq2seq.CellType;
import org.seq2seq4j.seq2seq.Seq2Seq;
import org.seq2seq4j.seq2seq.SimpleSeq2Seq;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * A small built model around every layer class the {@link org.seq2seq4j.layers.Layers} registry
 * knows, with inputs to run it on, for tests that must cover every layer type (save/load round
 * trips in every format). {@link #of} fails by name for a registered class that has no example, so
 * a new layer is either covered or reported. Models are made after {@code Seq2Seq4j.seed(7)}.
 *
 * <pre>{@code
 * LayerExamples.Example e = LayerExamples.of("LSTM");
 * Model m = e.model().get();                  // m.predictAll(e.inputs(), 8)
 * }</pre>
 */
public final class LayerExamples {
    /** A model using {@code className} and inputs for it. */
    public record Example(String className, Supplier<Model> model, List<Tensor> inputs) {
        @Override
        public String toString() {
            return className;
        }
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        Tensor seq = Tensor.random(Shape.of(3, 5, 4), 11);
        Tensor flat = Tensor.random(Shape.of(3, 4), 12);
        add("InputLayer", () -> new Sequential(InputLayer.ofShape(4), new Dense(3)), flat);
        add("Dense", () -> new Sequential(new Dense(3).activation("tanh").inputShape(4)), flat);
        add("Activation", () -> new Sequential(new Dense(3).inputShape(4), new Activation("softplus")), flat);
        add("Dropout", () -> new Sequential(new Dense(6).inputShape(4), new Dropout(0.3), new Dense(2)), flat);
        add("Flatten", () -> new Sequential(new Dense(2).inputShape(5, 4), new Flatten(), new Dense(3)), seq);
        add("RepeatVector", () -> new Sequential(new Dense(2).inputShape(4), new RepeatVector(3), new LSTM(2)), flat);
        add("TimeDistributed", () -> new Sequential(new TimeDistributed(new Dense(3)).inputShape(5, 4)), seq);
        add("Embedding", () -> new Sequential(new Embedding(10, 4).maskZero(true).inputShape(5), new LSTM(3)),
                Tensor.of(new float[] {1, 2, 3, 0, 0, 4, 5, 6, 7, 8, 9, 1, 0, 0, 0}, 3, 5));
        add("LSTM", LayerExamples::lstmSeq2Seq, seq, Tensor.random(Shape.of(3, 4, 2), 13));
        add("Masking", () -> new Sequential(new Masking(0).inputShape(5, 4), new GRU(3)), seq);
        add("Permute", () -> new Sequential(new Permute(2, 1).inputShape(5, 4), new Dense(2)), seq);
        add("Reshape", () -> new Sequential(new Reshape(4, 5).inputShape(5, 4), new Dense(2)), seq);
        add("Softmax", () -> new Sequential(new Dense(3).inputShape(4), new Softmax()), flat);
        add("Concatenate", () -> merge(new Concatenate()), flat, Tensor.random(Shape.of(3, 4), 14));
        add("Add", () -> merge(new Add()), flat, Tensor.random(Shape.of(3, 4), 14));
        add("Multiply", () -> merge(new Multiply()), flat, Tensor.random(Shape.of(3, 4), 14));
        add("Average", () -> merge(new Average()), flat, Tensor.random(Shape.of(3, 4), 14));
        add("Dot", () -> merge(new Dot(1)), flat, Tensor.random(Shape.of(3, 4), 14));
        add("Bidirectional", () -> new Sequential(new Bidirectional(new LSTM(3).returnSequences(true)).inputShape(5, 4),
                new Bidirectional(new GRU(2))), seq);
        add("GRU", () -> new Sequential(new GRU(3).resetAfter(false).returnSequences(true).inputShape(5, 4), new GRU(2)),
                seq);
        add("SimpleRNN", () -> new Sequential(new SimpleRNN(3).inputShape(5, 4)), seq);
        add("RNN", () -> new Sequential(new RNN(List.of(new LSTMCell(3), new GRUCell(2), new SimpleRNNCell(2)))
                .inputShape(5, 4)), seq);
        add("Attention", () -> attention(new Attention().useScale(true)), seq, Tensor.random(Shape.of(3, 4, 4), 15));
        add("AdditiveAttention", () -> attention(new AdditiveAttention()), seq, Tensor.random(Shape.of(3, 4, 4), 15));
        add("AttentionDecoder", () -> {
            KerasTensor in = Input.of(5, 4);
            return Model.of(in, new AttentionDecoder(3, 6).apply(new LSTM(4).returnSequences(true).apply(in)));
        }, seq);
        // the seq2seq families, whose layers are registered classes of their own
        add("Seq2SeqEncoder", () -> new Seq2Seq.Builder().outputDim(3).outputLength(4).hiddenDim(5).inputShape(5, 4)
                .depth(2).peek(true).build(), seq);
        add("Seq2SeqDecoder", () -> new Seq2Seq.Builder().outputDim(3).outputLength(4).hiddenDim(5).inputShape(5, 4)
                .teacherForce(true).cell(CellType.GRU).build(), seq, Tensor.random(Shape.of(3, 4, 3), 16));
        add("AttentionDecoderRNN", () -> new AttentionSeq2Seq.Builder().outputDim(3).outputLength(4).hiddenDim(5)
                .inputShape(5, 4).depth(2).build(), seq);
        add("SimpleSeq2Seq", () -> new SimpleSeq2Seq.Builder().outputDim(3).outputLength(4).hiddenDim(5).inputShape(5, 4)
                .depth(2).build(), seq);
        add("Sequential", () -> new Sequential(new Sequential(new Dense(3)).inputShape(4), new Dense(2)), flat);
        add("Functional", () -> {
            KerasTensor in = Input.of(4);
            Model inner = Model.of(in, new Dense(3).apply(in));
            KerasTensor outer = Input.of(4);
            return Model.of(outer, new Dense(2).apply(inner.apply(outer)));
        }, flat);
        add("LSTM.keras2", () -> new Sequential(new LSTM(3).recurrentActivation(ActivationFunction.HARD_SIGMOID_KERAS2)
                .returnSequences(true).inputShape(5, 4), new LSTM(2)), seq);
        add("Input.int32", () -> {
            KerasTensor ids = Input.of("ids", DType.INT32, 5);
            return Model.of(ids, new LSTM(2).apply(new Embedding(10, 3).apply(ids)));
        }, Tensor.of(new float[] {1, 2, 3, 0, 0, 4, 5, 6, 7, 8, 9, 1, 0, 0, 0}, 3, 5));
    }

    private LayerExamples() {
    }

    private static void add(String cls, Supplier<Model> model, Tensor... inputs) {
        EXAMPLES.put(cls, new Example(cls, () -> {
            Seq2Seq4j.seed(7);
            return model.get();
        }, List.of(inputs)));
    }

    /** The example for a registered class; a class without one fails, naming it. */
    public static Example of(String className) {
        Example e = EXAMPLES.get(className);
        if (e == null) {
            throw new AssertionError("no example model for layer class '" + className + "': add one to LayerExamples so"
                    + " that save/load round trips cover it");
        }
        return e;
    }

    /** Every example, including ones that are not a registry class of their own (e.g. int32 inputs). */
    public static List<Example> all() {
        return List.copyOf(EXAMPLES.values());
    }

    private static Model lstmSeq2Seq() {
        KerasTensor enc = Input.of(5, 4);
        List<KerasTensor> states = new LSTM(3).returnState(true).applyAll(enc);
        KerasTensor dec = Input.of(Shape.UNKNOWN, 2);
        KerasTensor seq = new LSTM(3).returnSequences(true).apply(dec, states.get(1), states.get(2));
        return new Functional("s2s", List.of(enc, dec), List.of(new Dense(2).activation("softmax").apply(seq),
                states.get(1)));
    }

    private static Model merge(org.seq2seq4j.layers.Layer merge) {
        KerasTensor a = Input.of(4);
        KerasTensor b = Input.of(4);
        return Model.of(List.of(a, b), List.of(new Dense(2).apply(merge.apply(new Dense(4).apply(a), b))));
    }

    private static Model attention(org.seq2seq4j.layers.Layer attention) {
        KerasTensor q = Input.of(5, 4);
        KerasTensor v = Input.of(4, 4);
        return Model.of(List.of(q, v), List.of(attention.apply(new Dense(4).apply(q), v)));
    }
}
