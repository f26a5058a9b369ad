package org.seq2seq4j.testing;

import java.util.List;
import java.util.Optional;

/**
 * What a golden case is, read from what it contains (the schema in {@code ../shared/goldens/README.md}),
 * and the test class that runs every case of that kind. Each runner takes its cases from
 * {@link Goldens#ofKind}, so a new file of a known kind runs without any list to update; a file of no
 * kind fails the coverage tests by name. Functional model configs need the Keras JSON loader, so their
 * runner is in seq2seq4j-keras; core's coverage test leaves them to it, and seq2seq4j-keras's checks
 * that every kind's runner exists.
 *
 * <pre>{@code
 * GoldenKind.of(Goldens.named("lstm_initial_state"))   // -> Optional[LAYER]
 * GoldenKind.LAYER.runner()                           // -> "org.seq2seq4j.layers.LayerGoldenTest"
 * }</pre>
 */
public enum GoldenKind {
    /** A layer config (Keras 3 keys), inputs x/sequence/ids, initial_state_k, mask, and named outputs. */
    LAYER("org.seq2seq4j.layers.LayerGoldenTest"),
    /** A Sequential model config (TF.js / Keras 2 or Keras 3 form) run forward. */
    SEQUENTIAL("org.seq2seq4j.models.SequentialGoldenTest"),
    /** A functional model config ({@code Functional} or Keras 2's {@code Model}) run forward. */
    FUNCTIONAL("org.seq2seq4j.keras.FunctionalGoldenTest"),
    /** An {@code optimizer} and a {@code loss} with a Sequential or a bare layer config: gradients and steps. */
    TRAINING("org.seq2seq4j.models.TrainingGoldenTest"),
    /** An {@code optimizer} and a {@code loss} with a functional model config. */
    FUNCTIONAL_TRAINING("org.seq2seq4j.keras.FunctionalGoldenTest"),
    /** class_name {@code Loss}: one output per reduction / weighting. */
    LOSS("org.seq2seq4j.losses.LossGoldenTest"),
    /** An optimizer config with inputs {@code grads_step_k} and outputs {@code params_after_step_k}. */
    OPTIMIZER_RULE("org.seq2seq4j.optimizers.OptimizerGoldenTest");

    private static final List<String> FUNCTIONAL_CLASSES = List.of("Functional", "Model");

    private final String runner;

    GoldenKind(String runner) {
        this.runner = runner;
    }

    /** The fully qualified name of the test class that runs the cases of this kind. */
    public String runner() {
        return runner;
    }

    /** True when the runner is in seq2seq4j-keras (it needs the Keras JSON loader). */
    public boolean runsInKeras() {
        return runner.startsWith("org.seq2seq4j.keras.");
    }

    /** True when the runner's class is on this test classpath. */
    public boolean runnerPresent() {
        try {
            Class.forName(runner, false, GoldenKind.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The kind of a case, or empty when it has none ({@link #whyNone} says why). */
    public static Optional<GoldenKind> of(Golden g) {
        if (whyNone(g) != null) {
            return Optional.empty();
        }
        if (g.json().has("optimizer")) {
            return Optional.of(isFunctional(g) ? FUNCTIONAL_TRAINING : TRAINING);
        }
        if (g.className().equals("Loss")) {
            return Optional.of(LOSS);
        }
        if (g.hasInput("grads_step_1")) {
            return Optional.of(OPTIMIZER_RULE);
        }
        if (isSequential(g)) {
            return Optional.of(SEQUENTIAL);
        }
        return Optional.of(isFunctional(g) ? FUNCTIONAL : LAYER);
    }

    /** Why a case has no kind, or null when it has one. */
    public static String whyNone(Golden g) {
        if (g.className().isEmpty()) {
            return "keras_config has no class_name";
        }
        if (g.outputs().isEmpty()) {
            return "no outputs";
        }
        return null;
    }

    /** The case's keras_config is a Sequential model. */
    public static boolean isSequential(Golden g) {
        return g.className().equals("Sequential");
    }

    /** The case's keras_config is a functional model ({@code Functional}, or Keras 2 / TF.js {@code Model}). */
    public static boolean isFunctional(Golden g) {
        return FUNCTIONAL_CLASSES.contains(g.className());
    }
}
