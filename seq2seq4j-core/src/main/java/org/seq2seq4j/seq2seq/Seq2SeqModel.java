package org.seq2seq4j.seq2seq;

import java.util.List;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;

/**
 * A seq2seq family model ({@link SimpleSeq2Seq}, {@link Seq2Seq}, {@link AttentionSeq2Seq}): a
 * functional {@link Model} (summary, compile, fit, predict, weights files) that also splits into
 * its encoder ({@link #encoderModel()}) and a decoder advanced one output step at a time
 * ({@link #stepDecoder()}), for greedy, beam or sampled decoding with an end token.
 *
 * <pre>{@code
 * Seq2SeqModel model = new AttentionSeq2Seq.Builder().inputDim(5).hiddenDim(8).outputLength(4).outputDim(6)
 *         .outputActivation("softmax").build();
 * StepDecoder.Session s = model.stepDecoder().start(List.of(Tensor.random(Shape.of(2, 7, 5), 1)), 1);
 * float[] probabilities = new float[s.rows() * model.outputDim()];
 * s.step(new int[s.rows()], probabilities);                 // the first output step of both rows
 * }</pre>
 */
public abstract class Seq2SeqModel extends Functional {
    private final List<KerasTensor> encoderOutputs;
    private final int outputDim;
    private final int outputLength;
    private final boolean probabilities;
    private Functional encoderModel;

    Seq2SeqModel(List<KerasTensor> inputs, KerasTensor output, List<KerasTensor> encoderOutputs, int outputDim,
                 int outputLength, boolean probabilities) {
        super(inputs, List.of(output));
        this.encoderOutputs = List.copyOf(encoderOutputs);
        this.outputDim = outputDim;
        this.outputLength = outputLength;
        this.probabilities = probabilities;
    }

    /**
     * Saved as the functional graph it is (its layers and their calls): model files and Keras
     * configs load it back as a {@code Functional} with the same layers, weights and outputs.
     */
    @Override
    public String className() {
        return "Functional";
    }

    /** The width of every output step. */
    public int outputDim() {
        return outputDim;
    }

    /** The number of output steps. */
    public int outputLength() {
        return outputLength;
    }

    /** Whether the output steps are distributions (output activation softmax). */
    public boolean outputsProbabilities() {
        return probabilities;
    }

    /** The encoder: the model's (first) input to what the decoder reads; the family says what. */
    public Functional encoderModel() {
        if (encoderModel == null) {
            encoderModel = Model.of(List.of(inputs().get(0)), encoderOutputs);
        }
        return encoderModel;
    }

    /**
     * The decoding contract over this model's weights: sources are the model's (first) input,
     * {@code maxOutputLength()} is outputLength, each step's outputs equal the model's; the family
     * says what a step reads.
     */
    public StepDecoder stepDecoder() {
        return new FamilyStepDecoder(this);
    }

    /** Whether a step reads the previous token. */
    abstract boolean feedsBack();

    /** The rows of a session: {@code from.length} rows, row r decoding source {@code from[r]}. */
    abstract FamilyStepDecoder.Rows rows(Tensor sources, List<Tensor> encoded, int[] from);
}
