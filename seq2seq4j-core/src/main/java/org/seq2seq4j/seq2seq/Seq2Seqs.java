package org.seq2seq4j.seq2seq;

import org.seq2seq4j.ConfigException;
import org.seq2seq4j.kernels.ActivationFunction;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.GRU;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.layers.recurrent.RecurrentLayer;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.tensor.Shape;

/**
 * Plain Keras encoder-decoder models in one call, as the tutorials write them with a Sequential.
 *
 * <pre>{@code
 * Sequential m = Seq2Seqs.repeatVector(CellType.LSTM, Shape.of(6, 10), 64, 6, 10, true, "softmax");
 * // LSTM(64) → Dense(64, relu) → RepeatVector(6) → LSTM(64, return_sequences) → TimeDistributed(Dense(10, softmax))
 * // m.countParams() -> 19,200 + 4,160 + 33,024 + 650 = 57,034
 * }</pre>
 */
public final class Seq2Seqs {
    private Seq2Seqs() {
    }

    /**
     * The RepeatVector form: {@code cell(hidden)} encoder on {@code inputShape (timesteps,
     * features)}, then {@code Dense(hidden, relu)} when {@code denseRelu}, {@code
     * RepeatVector(outputLength)}, a {@code cell(hidden)} decoder returning sequences and
     * {@code TimeDistributed(Dense(outputDim, outputActivation))}; {@code outputActivation} is
     * {@code "linear"} or {@code "softmax"}.
     */
    public static Sequential repeatVector(CellType cell, Shape inputShape, int hidden, int outputLength, int outputDim,
                                          boolean denseRelu, String outputActivation) {
        String subject = "Seq2Seqs.repeatVector";
        if (cell == null) {
            throw ConfigException.argument(subject, "cell", "CellType.LSTM or CellType.GRU", null);
        }
        if (inputShape == null || inputShape.rank() != 2 || inputShape.dim(1) <= 0
                || (inputShape.dim(0) != Shape.UNKNOWN && inputShape.dim(0) <= 0)) {
            throw ConfigException.argument(subject, "inputShape", "(timesteps, features) with positive sizes "
                    + "(timesteps may be Shape.UNKNOWN)", inputShape);
        }
        ReadoutCell.positive(subject, "hidden", hidden);
        ReadoutCell.positive(subject, "outputLength", outputLength);
        ReadoutCell.positive(subject, "outputDim", outputDim);
        ActivationFunction act = ActivationFunction.fromKerasName(outputActivation);
        if (act != ActivationFunction.LINEAR && act != ActivationFunction.SOFTMAX) {
            throw ConfigException.argument(subject, "outputActivation", "\"linear\" or \"softmax\"",
                    "\"" + outputActivation + "\"");
        }
        Sequential m = new Sequential().add(recurrent(cell, hidden).inputShape(inputShape.dims()));
        if (denseRelu) {
            m.add(new Dense(hidden).activation(ActivationFunction.RELU));
        }
        return m.add(new RepeatVector(outputLength))
                .add(recurrent(cell, hidden).returnSequences(true))
                .add(new TimeDistributed(new Dense(outputDim).activation(act)));
    }

    private static RecurrentLayer<?> recurrent(CellType cell, int units) {
        return cell == CellType.LSTM ? new LSTM(units) : new GRU(units);
    }
}
