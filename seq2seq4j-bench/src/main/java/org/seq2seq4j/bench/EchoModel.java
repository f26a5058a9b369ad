package org.seq2seq4j.bench;

import static org.seq2seq4j.bench.EchoTask.CARDINALITY;
import static org.seq2seq4j.bench.EchoTask.TIMESTEPS;

import java.util.Locale;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.layers.KerasTensor;
import org.seq2seq4j.layers.LSTM;
import org.seq2seq4j.layers.RepeatVector;
import org.seq2seq4j.layers.TimeDistributed;
import org.seq2seq4j.models.Input;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.seq2seq.AttentionDecoder;

/**
 * The two models of the encoder-decoder attention tutorial for the {@link EchoTask}, with
 * {@value #UNITS} units, compiled with Adam and categorical cross-entropy (Keras defaults):
 * <ul>
 * <li>{@link #BASELINE}: {@code LSTM(150) → RepeatVector(5) → LSTM(150, return_sequences) →
 *     TimeDistributed(Dense(50, softmax))}, 308,750 parameters (the PyTorch peer's {@code w1_echo.py});</li>
 * <li>{@link #ATTENTION}: {@code LSTM(150, return_sequences) → AttentionDecoder(150, 50)}, 363,900
 *     parameters (the peer's {@code w7_echo_attention.py}).</li>
 * </ul>
 *
 * <pre>{@code
 * Seq2Seq4j.seed(1);
 * Model m = EchoModel.ATTENTION.build();   // compiled; input (None, 5, 50), output (None, 5, 50)
 * m.countParams();                         // 363900
 * }</pre>
 */
public enum EchoModel {
    BASELINE,
    ATTENTION;

    /** Units of every LSTM and of the attention decoder. */
    public static final int UNITS = 150;

    /** A new compiled model, its weights drawn from the library's random stream. */
    public Model build() {
        Model m = this == BASELINE ? baseline() : attention();
        m.compile("adam", "categorical_crossentropy");
        return m;
    }

    /** The layers, e.g. {@code LSTM(150, return_sequences) -> AttentionDecoder(150, 50)}. */
    public String architecture() {
        return this == BASELINE
                ? "LSTM(150) -> RepeatVector(5) -> LSTM(150, return_sequences) -> TimeDistributed(Dense(50, softmax))"
                : "LSTM(150, return_sequences) -> AttentionDecoder(150, 50)";
    }

    /** The lower-case name: {@code baseline} or {@code attention}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static Model baseline() {
        return new Sequential()
                .add(new LSTM(UNITS).inputShape(TIMESTEPS, CARDINALITY))
                .add(new RepeatVector(TIMESTEPS))
                .add(new LSTM(UNITS).returnSequences(true))
                .add(new TimeDistributed(new Dense(CARDINALITY).activation("softmax")));
    }

    private static Model attention() {
        KerasTensor in = Input.of(TIMESTEPS, CARDINALITY);
        KerasTensor encoded = new LSTM(UNITS).returnSequences(true).apply(in);
        return Model.of(in, new AttentionDecoder(UNITS, CARDINALITY).apply(encoded));
    }
}
