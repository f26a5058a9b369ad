package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.Node;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The inference models of a functional seq2seq model (the lstm_seq2seq shape: an encoder whose
 * states are the initial states of a recurrent decoder fed by a model input, then layers applied to
 * the decoder's sequence), built from the loaded layers as the README's lstm_seq2seq example does:
 * an encoder model from the encoder inputs to the states, and a one-step decoder model from the
 * decoder input and state inputs to the model's outputs and the new states. Stepping them over the
 * teacher-forced decoder input must give the training model's outputs, step by step.
 *
 * <pre>{@code
 * Seq2SeqInference.of(model, "case").ifPresent(s -> s.assertStepsGive(trainingOutputs, inputs, 1e-5, "case"));
 * }</pre>
 */
final class Seq2SeqInference {
    private final Functional model;
    private final Node decoder;
    private final KerasTensor decoderInput;

    private Seq2SeqInference(Functional model, Node decoder, KerasTensor decoderInput) {
        this.model = model;
        this.decoder = decoder;
        this.decoderInput = decoderInput;
    }

    /**
     * The seq2seq structure of {@code model}, or empty when no recurrent layer takes its initial states
     * from another layer. A structure these inference models cannot be built for fails, saying why.
     */
    static Optional<Seq2SeqInference> of(Functional model, String what) {
        Node decoder = null;
        for (Node n : nodes(model)) {
            if (n.layer() instanceof RecurrentLayer && n.inputs().size() > 1 && n.inputs().subList(1, n.inputs().size())
                    .stream().noneMatch(t -> t.node().layer() instanceof InputLayer)) {
                if (decoder != null) {
                    fail(what + ": two recurrent layers take initial states from other layers (" + decoder + ", " + n
                            + "); one-step inference models are built for one decoder");
                }
                decoder = n;
            }
        }
        if (decoder == null) {
            return Optional.empty();
        }
        RecurrentLayer<?> rnn = (RecurrentLayer<?>) decoder.layer();
        if (!rnn.returnSequences() || !rnn.returnState()) {
            fail(what + ": decoder " + decoder + " must return sequences and states to be stepped");
        }
        KerasTensor in = decoder.inputs().get(0);
        if (!model.inputs().contains(in)) {
            fail(what + ": the decoder's sequence input " + in + " is not a model input (teacher forcing)");
        }
        return Optional.of(new Seq2SeqInference(model, decoder, in));
    }

    /**
     * Runs the encoder model on the encoder inputs, then the decoder model one timestep at a time on
     * {@code inputs}' decoder input, feeding back its states; each step's outputs must equal timestep t
     * of {@code trainingOutputs} within {@code tol}.
     */
    void assertStepsGive(Tensor[] trainingOutputs, List<Tensor> inputs, double tol, String what) {
        List<KerasTensor> states = decoder.inputs().subList(1, decoder.inputs().size());
        List<KerasTensor> encoderInputs = inputsOf(states);
        Model encoderModel = Model.of(encoderInputs, states);
        List<KerasTensor> stateInputs = new ArrayList<>();
        states.forEach(s -> stateInputs.add(Input.of(s.shape().drop(1).dims())));
        List<KerasTensor> stepIn = new ArrayList<>(List.of(decoderInput));
        stepIn.addAll(stateInputs);
        List<KerasTensor> step = decoder.layer().applyAll(stepIn.toArray(KerasTensor[]::new));
        Map<KerasTensor, KerasTensor> replayed = new IdentityHashMap<>();
        for (int i = 0; i < step.size(); i++) {
            replayed.put(decoder.outputs().get(i), step.get(i));
        }
        List<KerasTensor> stepOut = new ArrayList<>();
        model.outputs().forEach(o -> stepOut.add(replay(o, replayed, what)));
        stepOut.addAll(step.subList(1, step.size()));
        Model decoderModel = Model.of(stepIn, stepOut);

        Tensor seq = inputs.get(model.inputs().indexOf(decoderInput));
        int batch = seq.shape().dim(0);
        List<Tensor> encoderValues = new ArrayList<>();
        encoderInputs.forEach(t -> encoderValues.add(inputs.get(model.inputs().indexOf(t))));
        List<Tensor> stateValues = encoderModel.predictAll(encoderValues, batch);
        int outputs = model.outputs().size();
        for (int k = 0; k < outputs; k++) {
            assertEquals(seq.shape().dim(1), trainingOutputs[k].shape().dim(1), what + ": output " + k
                    + " must be a sequence over the decoder's timesteps to be compared step by step");
        }
        for (int t = 0; t < seq.shape().dim(1); t++) {
            List<Tensor> in = new ArrayList<>(List.of(timestep(seq, t)));
            in.addAll(stateValues);
            List<Tensor> out = decoderModel.predictAll(in, batch);
            for (int k = 0; k < outputs; k++) {
                assertAllClose(timestep(trainingOutputs[k], t), out.get(k), tol, what + " one-step decoder model,"
                        + " output " + k + " at timestep " + t + " vs the training model");
            }
            stateValues = out.subList(outputs, out.size());
        }
    }

    /** {@code t}'s copy on the layers after the decoder, reading the one-step decoder's outputs. */
    private KerasTensor replay(KerasTensor t, Map<KerasTensor, KerasTensor> replayed, String what) {
        KerasTensor done = replayed.get(t);
        if (done != null) {
            return done;
        }
        Node n = t.node();
        if (n.layer() instanceof InputLayer) {
            if (t == decoderInput) {
                return t;
            }
            fail(what + ": the outputs read model input " + t + " other than through the decoder " + decoder);
        }
        List<KerasTensor> in = new ArrayList<>();
        n.inputs().forEach(i -> in.add(replay(i, replayed, what)));
        List<KerasTensor> out = n.layer().applyAll(in.toArray(KerasTensor[]::new));
        for (int i = 0; i < out.size(); i++) {
            replayed.put(n.outputs().get(i), out.get(i));
        }
        return replayed.get(t);
    }

    /** The model inputs {@code tensors} depend on, in the model's order. */
    private List<KerasTensor> inputsOf(List<KerasTensor> tensors) {
        List<Node> reached = new ArrayList<>();
        tensors.forEach(t -> collect(t.node(), reached));
        return model.inputs().stream().filter(i -> reached.contains(i.node())).toList();
    }

    /** Every node the model's outputs depend on. */
    private static List<Node> nodes(Functional model) {
        List<Node> out = new ArrayList<>();
        model.outputs().forEach(o -> collect(o.node(), out));
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        if (out.contains(n)) {
            return;
        }
        out.add(n);
        n.inputs().forEach(i -> collect(i.node(), out));
    }

    /** Timestep {@code t} of a (batch, time, ...) tensor as (batch, 1, ...). */
    private static Tensor timestep(Tensor seq, int t) {
        Shape s = seq.shape();
        int steps = s.dim(1);
        int row = s.size() / (s.dim(0) * steps);
        Tensor out = Tensor.zeros(s.with(1, 1));
        for (int b = 0; b < s.dim(0); b++) {
            System.arraycopy(seq.data(), (b * steps + t) * row, out.data(), b * row, row);
        }
        return out;
    }
}
