package org.seq2seq4j.translate;

import java.util.ArrayList;
import java.util.List;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.Bidirectional;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.Embedding;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.Masking;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.layers.attention.BaseDenseAttention;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.seq2seq.KerasStepDecoder;
import org.seq2seq4j.seq2seq.StepDecoder;
import org.seq2seq4j.tensor.DType;
import org.seq2seq4j.tensor.Shape;

/**
 * A translation model built from a {@link ModelSpec} as a Keras user would write it: the
 * training model {@code [source, decoder_input] -> distributions} (teacher forcing), and the
 * inference models {@code encoder_model} / {@code decoder_model} built from the same layers,
 * through which {@link #stepDecoder()} decodes. The lstm_seq2seq form reads one-hot tokens; the
 * attention form reads token ids (0 = padding, masked by the embeddings) and its decoder model
 * re-derives the source mask from the encoder outputs (padded steps are exactly zero), so a
 * sentence decodes the same in any batch.
 *
 * <pre>{@code
 * TranslationModel m = TranslationModel.build(new ModelSpec(Architecture.ATTENTION, "lstm", 32, 1, 16, true,
 *         "bahdanau", 20, 12));
 * m.training().summary();                     // the Keras table
 * StepDecoder steps = m.stepDecoder();        // for Decoder.greedy() / beam(k)
 * }</pre>
 */
public final class TranslationModel {
    private final ModelSpec spec;
    private final Functional training;
    private final StepDecoder stepDecoder;

    private TranslationModel(ModelSpec spec, Functional training, StepDecoder stepDecoder) {
        this.spec = spec;
        this.training = training;
        this.stepDecoder = stepDecoder;
    }

    /** Builds the model (weights initialised from the global seed, see {@code Seq2Seq4j.seed}). */
    public static TranslationModel build(ModelSpec spec) {
        return switch (spec.architecture()) {
            case LSTM_SEQ2SEQ -> lstmSeq2seq(spec);
            case ATTENTION -> attention(spec);
            case SIMPLE, SEQ2SEQ -> throw ConfigException.argument("TranslationModel", "arch",
                    "lstm_seq2seq or attention (the " + spec.architecture().cliName()
                            + " family is not available yet)", spec.architecture().cliName());
        };
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The model trained with teacher forcing: inputs {@code [source, decoder_input]}. */
    public Functional training() {
        return training;
    }

    /** The decoder over the inference models; its previous token is the target vocabulary id. */
    public StepDecoder stepDecoder() {
        return stepDecoder;
    }

    /** Whether tokens are fed one-hot (lstm_seq2seq) rather than as ids. */
    public boolean oneHot() {
        return spec.architecture() == Architecture.LSTM_SEQ2SEQ;
    }

    private static RecurrentLayer<?> cell(ModelSpec spec, int units) {
        return spec.cell().equals("lstm") ? new LSTM(units) : new GRU(units);
    }

    /** Encoder layer {@code k}'s final states, each {@code (batch, decoderUnits)}, and its outputs. */
    private record Encoded(KerasTensor sequence, List<List<KerasTensor>> states) {
    }

    private static Encoded encode(ModelSpec spec, KerasTensor x, boolean sequences) {
        int per = spec.statesPerLayer();
        List<List<KerasTensor>> states = new ArrayList<>();
        KerasTensor h = x;
        for (int l = 0; l < spec.layers(); l++) {
            RecurrentLayer<?> rnn = cell(spec, spec.units()).returnState(true)
                    .returnSequences(sequences || l < spec.layers() - 1);
            List<KerasTensor> out;
            List<KerasTensor> layerStates = new ArrayList<>();
            if (spec.bidirectional()) {
                out = new Bidirectional(rnn).applyAll(h);
                for (int k = 0; k < per; k++) {
                    layerStates.add(new Concatenate(-1).apply(out.get(1 + k), out.get(1 + per + k)));
                }
            } else {
                rnn.zeroOutputForMask(true);
                out = rnn.applyAll(h);
                layerStates.addAll(out.subList(1, 1 + per));
            }
            states.add(layerStates);
            h = out.get(0);
        }
        return new Encoded(h, states);
    }

    private static List<RecurrentLayer<?>> decoderLayers(ModelSpec spec) {
        List<RecurrentLayer<?>> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            layers.add(cell(spec, spec.decoderUnits()).returnSequences(true).returnState(true));
        }
        return layers;
    }

    /** Runs the decoder stack from {@code input}; adds each layer's new states to {@code newStates}. */
    private static KerasTensor decode(List<RecurrentLayer<?>> layers, KerasTensor input,
                                      List<List<KerasTensor>> initial, List<KerasTensor> newStates) {
        KerasTensor h = input;
        for (int l = 0; l < layers.size(); l++) {
            List<KerasTensor> args = new ArrayList<>();
            args.add(h);
            args.addAll(initial.get(l));
            List<KerasTensor> out = layers.get(l).applyAll(args.toArray(new KerasTensor[0]));
            newStates.addAll(out.subList(1, out.size()));
            h = out.get(0);
        }
        return h;
    }

    /** One input per state of every decoder layer, for the decoder inference model. */
    private static List<List<KerasTensor>> stateInputs(ModelSpec spec) {
        List<List<KerasTensor>> inputs = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            List<KerasTensor> layer = new ArrayList<>();
            for (int k = 0; k < spec.statesPerLayer(); k++) {
                layer.add(Input.of(spec.decoderUnits()));
            }
            inputs.add(layer);
        }
        return inputs;
    }

    private static List<KerasTensor> flat(List<List<KerasTensor>> nested) {
        List<KerasTensor> out = new ArrayList<>();
        nested.forEach(out::addAll);
        return out;
    }

    private static TranslationModel lstmSeq2seq(ModelSpec spec) {
        KerasTensor encoderInputs = Input.of("encoder_inputs", DType.FLOAT32, Shape.UNKNOWN, spec.sourceVocabulary());
        Encoded enc = encode(spec, encoderInputs, false);
        KerasTensor decoderInputs = Input.of("decoder_inputs", DType.FLOAT32, Shape.UNKNOWN, spec.targetVocabulary());
        List<RecurrentLayer<?>> decoder = decoderLayers(spec);
        Dense dense = new Dense(spec.targetVocabulary()).activation("softmax");
        KerasTensor outputs = dense.apply(decode(decoder, decoderInputs, enc.states(), new ArrayList<>()));
        Functional training = Model.of(List.of(encoderInputs, decoderInputs), List.of(outputs));
        StepDecoder steps;
        if (spec.layers() == 1 && !spec.bidirectional()) {
            RecurrentLayer<?> encoderLayer = (RecurrentLayer<?>) enc.states().get(0).get(0).node().layer();
            steps = KerasStepDecoder.ofLstmSeq2seq(encoderLayer, decoder.get(0), dense);
        } else {
            Functional encoderModel = Model.of(List.of(encoderInputs), flat(enc.states()));
            List<List<KerasTensor>> stateIn = stateInputs(spec);
            List<KerasTensor> newStates = new ArrayList<>();
            KerasTensor probs = dense.apply(decode(decoder, decoderInputs, stateIn, newStates));
            List<KerasTensor> ins = new ArrayList<>(List.of(decoderInputs));
            ins.addAll(flat(stateIn));
            List<KerasTensor> outs = new ArrayList<>(List.of(probs));
            outs.addAll(newStates);
            steps = KerasStepDecoder.ofModels(encoderModel, Model.of(ins, outs), newStates.size());
        }
        return new TranslationModel(spec, training, steps);
    }

    private static TranslationModel attention(ModelSpec spec) {
        KerasTensor source = Input.of("source", DType.INT32, Shape.UNKNOWN);
        Embedding sourceEmbedding = new Embedding(spec.sourceVocabulary(), spec.embeddingDim()).maskZero(true);
        Encoded enc = encode(spec, sourceEmbedding.apply(source), true);
        KerasTensor target = Input.of("decoder_input", DType.INT32, Shape.UNKNOWN);
        Embedding targetEmbedding = new Embedding(spec.targetVocabulary(), spec.embeddingDim()).maskZero(true);
        List<RecurrentLayer<?>> decoder = decoderLayers(spec);
        BaseDenseAttention<?> attention = spec.attention().equals("luong") ? new Attention() : new AdditiveAttention();
        attention.returnAttentionScores(true);
        Concatenate join = new Concatenate(-1);
        Dense dense = new Dense(spec.targetVocabulary()).activation("softmax");

        KerasTensor seq = decode(decoder, targetEmbedding.apply(target), enc.states(), new ArrayList<>());
        KerasTensor context = attention.applyAll(seq, enc.sequence()).get(0);
        Functional training = Model.of(List.of(source, target), List.of(dense.apply(join.apply(seq, context))));

        List<KerasTensor> encoderOutputs = new ArrayList<>(List.of(enc.sequence()));
        encoderOutputs.addAll(flat(enc.states()));
        Functional encoderModel = Model.of(List.of(source), encoderOutputs);
        KerasTensor previous = Input.of("previous_token", DType.INT32, 1);
        List<List<KerasTensor>> stateIn = stateInputs(spec);
        KerasTensor memory = Input.of("encoder_outputs", Shape.UNKNOWN, spec.decoderUnits());
        List<KerasTensor> newStates = new ArrayList<>();
        KerasTensor step = decode(decoder, targetEmbedding.apply(previous), stateIn, newStates);
        List<KerasTensor> attended = attention.applyAll(step, new Masking(0.0).apply(memory));
        KerasTensor probs = dense.apply(join.apply(step, attended.get(0)));
        List<KerasTensor> ins = new ArrayList<>(List.of(previous));
        ins.addAll(flat(stateIn));
        ins.add(memory);
        List<KerasTensor> outs = new ArrayList<>(List.of(probs));
        outs.addAll(newStates);
        outs.add(attended.get(1));
        StepDecoder steps = KerasStepDecoder.ofModels(encoderModel, Model.of(ins, outs), newStates.size());
        return new TranslationModel(spec, training, steps);
    }
}
