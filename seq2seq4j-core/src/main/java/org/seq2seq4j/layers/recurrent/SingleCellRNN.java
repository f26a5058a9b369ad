package org.seq2seq4j.layers.recurrent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.LayerConfig;

/**
 * A recurrent layer over one cell of a fixed type whose cell arguments are the layer's own, as
 * Keras's {@code LSTM}, {@code GRU} and {@code SimpleRNN}: the fluent setters of the common cell
 * arguments set the cell's, and the config lists them flat, next to the RNN arguments.
 *
 * <pre>{@code
 * SimpleRNN rnn = new SimpleRNN(4).activation(ActivationFunction.RELU).dropout(0.2).returnSequences(true);
 * // rnn.getConfig().get("dropout") -> 0.2
 * }</pre>
 *
 * @param <L> the concrete layer type
 * @param <C> its cell type
 */
public abstract class SingleCellRNN<L extends SingleCellRNN<L, C>, C extends FusedCell<C>> extends RecurrentLayer<L> {
    private final C cell;

    protected SingleCellRNN(C cell) {
        super(List.of(cell));
        this.cell = cell;
    }

    /** The cell whose arguments this layer sets. */
    public C cell() {
        return cell;
    }

    public ActivationFunction activation() {
        return cell.activation();
    }

    /** Activation of the candidate (and of the LSTM cell output); default tanh; must be elementwise. */
    public L activation(ActivationFunction a) {
        checkNotBuilt("activation");
        cell.activation(a);
        return self();
    }

    /** As {@code activation(ActivationFunction)} with a Keras name: {@code "tanh"}, {@code "relu"}, {@code "sigmoid"}, ... */
    public L activation(String kerasName) {
        return activation(ActivationFunction.fromKerasName(kerasName));
    }

    public L useBias(boolean b) {
        checkNotBuilt("useBias");
        cell.useBias(b);
        return self();
    }

    public L kernelInitializer(Initializer i) {
        checkNotBuilt("kernelInitializer");
        cell.kernelInitializer(i);
        return self();
    }

    public L recurrentInitializer(Initializer i) {
        checkNotBuilt("recurrentInitializer");
        cell.recurrentInitializer(i);
        return self();
    }

    public L biasInitializer(Initializer i) {
        checkNotBuilt("biasInitializer");
        cell.biasInitializer(i);
        return self();
    }

    public double dropout() {
        return cell.dropout();
    }

    /** Fraction of the inputs dropped in training calls, in [0, 1); one mask per sequence (per gate with recurrent dropout). */
    public L dropout(double rate) {
        checkNotBuilt("dropout");
        cell.dropout(rate);
        return self();
    }

    public double recurrentDropout() {
        return cell.recurrentDropout();
    }

    /** Fraction of {@code h} dropped before the recurrent product in training calls, in [0, 1); masks per gate. */
    public L recurrentDropout(double rate) {
        checkNotBuilt("recurrentDropout");
        cell.recurrentDropout(rate);
        return self();
    }

    /** The RNN arguments and the cell's, flat, as Keras writes an LSTM, GRU or SimpleRNN config. */
    @Override
    public LayerConfig getConfig() {
        LayerConfig c = super.getConfig();
        LayerConfig own = cell.getConfig();
        for (String k : own.keys()) {
            if (!k.equals("name") && !k.equals("trainable")) {
                c.put(k, own.get(k));
            }
        }
        return c;
    }

    /** Checks the keys of a flat config, then reads the cell, RNN and base arguments into {@code layer}. */
    protected static <L extends SingleCellRNN<L, C>, C extends FusedCell<C>> L fromFlatConfig(L layer, LayerConfig c) {
        Set<String> own = new HashSet<>(FusedCell.commonKeys());
        own.addAll(layer.cell().ownKeys());
        checkKeys(layer.className(), c, own);
        layer.cell().applyConfig(c);
        return applyRnnConfig(layer, c);
    }
}
