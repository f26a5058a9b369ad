package org.seq2seq4j.seq2seq;

import java.util.List;
import java.util.Set;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.layers.recurrent.RecurrentCell;
import org.seq2seq4j.layers.recurrent.StepBuffers;
import org.seq2seq4j.tensor.Shape;

/**
 * The original library's decoder cell as a {@link RecurrentCell}: a Keras LSTM or GRU step on the
 * input, then a readout Dense {@code y = act(h'·W_o + b_o)} of {@code outputDim} values, the
 * step's output ({@link DecoderLevel}). States {@code [h, c]} (LSTM) or {@code [h]} (GRU) of
 * {@code hiddenDim}; see {@link LSTMDecoderCell} and {@link GRUDecoderCell}.
 */
abstract class ReadoutCell<C extends ReadoutCell<C>> extends RecurrentCell {
    static final Set<String> KEYS = Set.of("name", "trainable", "output_dim", "hidden_dim", "output_activation");

    private final CellType type;
    private final int outputDim;
    private final int hiddenDim;
    private ActivationFunction outputActivation = ActivationFunction.TANH;
    /** The core and readout, made at build. */
    DecoderLevel level;

    ReadoutCell(CellType type, int outputDim, int hiddenDim) {
        this.type = type;
        this.outputDim = positive(className(), "output_dim", outputDim);
        this.hiddenDim = positive(className(), "hidden_dim", hiddenDim);
    }

    static int positive(String subject, String argument, int value) {
        if (value <= 0) {
            throw ConfigException.argument(subject, argument, "a positive integer", value);
        }
        return value;
    }

    public int outputDim() {
        return outputDim;
    }

    public int hiddenDim() {
        return hiddenDim;
    }

    public ActivationFunction outputActivation() {
        return outputActivation;
    }

    /** Sets the readout activation: tanh (the original's, default) or softmax (for classification). */
    public C outputActivation(ActivationFunction a) {
        checkNotBuilt("outputActivation");
        outputActivation = DecoderLevel.checkActivation(describe(), a);
        return self();
    }

    /** The readout activation by Keras name: {@code "tanh"} (default, the original's) or {@code "softmax"}. */
    public C outputActivation(String kerasName) {
        return outputActivation(ActivationFunction.fromKerasName(kerasName));
    }

    @SuppressWarnings("unchecked")
    private C self() {
        return (C) this;
    }

    CellType type() {
        return type;
    }

    @Override
    public int[] stateSizes() {
        return type == CellType.LSTM ? new int[] {hiddenDim, hiddenDim} : new int[] {hiddenDim};
    }

    @Override
    public int outputSize() {
        return outputDim;
    }

    @Override
    protected void doBuild(int features, List<Shape> constantShapes, WeightFactory weights) {
        buildLevel(features, false, weights);
    }

    /** Makes the core and readout for inputs of {@code in} values and creates their weights (first). */
    void buildLevel(int in, boolean twoBiases, WeightFactory weights) {
        level = new DecoderLevel(GatedCore.of(type, hiddenDim), in, outputDim, outputActivation, twoBiases, 0);
        level.addWeights(weights, "");
    }

    @Override
    public int cacheWidth(List<Shape> constantShapes) {
        return level.width();
    }

    /** The blocks of one step (used when no cache is kept: stepping) and the backward scratch. */
    @Override
    public int workspaceSize(int batch, List<Shape> constantShapes) {
        return batch * (level.width() + level.scratchWidth());
    }

    @Override
    protected void forward(StepBuffers s) {
        int bsz = s.batch;
        float[] buf = s.cache != null ? s.cache : s.workspace;
        int base = s.cache != null ? s.cacheOffset : 0;
        float[] c = type == CellType.LSTM ? s.states[1] : null;
        level.forward(Gemms.get(), bsz, s.input, 0, s.inputSize, s.weights, s.states[0], 0, c, 0, buf, base);
        emit(s, buf, base);
    }

    /** Copies the level's new states and output at {@code base} into the step's. */
    void emit(StepBuffers s, float[] buf, int base) {
        int bsz = s.batch;
        int n = bsz * hiddenDim;
        System.arraycopy(buf, level.hOff(base, bsz), s.newStates[0], 0, n);
        if (type == CellType.LSTM) {
            System.arraycopy(buf, level.cOff(base, bsz), s.newStates[1], 0, n);
        }
        System.arraycopy(buf, level.yOff(base, bsz), s.output, 0, bsz * outputDim);
    }

    @Override
    protected void backward(StepBuffers s) {
        boolean lstm = type == CellType.LSTM;
        level.backward(Gemms.get(), s.batch, s.input, 0, s.inputSize, s.weights, s.dWeights, s.states[0], 0,
                lstm ? s.states[1] : null, 0, s.cache, s.cacheOffset, s.dOutput, 0, s.dNewStates[0], 0,
                lstm ? s.dNewStates[1] : null, 0, s.dInput, 0, s.inputSize, s.dStates[0], 0,
                lstm ? s.dStates[1] : null, 0, s.workspace, s.batch * level.width());
    }

    @Override
    public LayerConfig getConfig() {
        return super.getConfig().put("output_dim", outputDim).put("hidden_dim", hiddenDim)
                .put("output_activation", outputActivation.kerasName());
    }

    /** Checks the keys of a cell config and reads {@code output_activation} into {@code cell}. */
    static <T extends ReadoutCell<T>> T configured(T cell, LayerConfig c) {
        ConfigKeys.check(cell.className(), c, KEYS);
        return cell.outputActivation(c.activation("output_activation", ActivationFunction.TANH));
    }
}
