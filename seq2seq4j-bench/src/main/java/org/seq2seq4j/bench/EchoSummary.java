package org.seq2seq4j.bench;

import java.util.List;
import java.util.StringJoiner;
import org.seq2seq4j.ConfigException;

/**
 * The repeats of the echo experiment for one model, summed up as the tutorial reports them:
 * the mean exact-match accuracy over the repeats and its spread, and the training time.
 *
 * <pre>{@code
 * EchoSummary s = new EchoSummary(EchoModel.ATTENTION, List.of(        // usually from EchoExperiment.run
 *         new EchoExperiment.Result(0.96, 0.97, 20.0, 5000, 0.01f, 363900),
 *         new EchoExperiment.Result(0.98, 0.98, 30.0, 5000, 0.02f, 363900)));
 * s.toJson();   // {"model":"attention","accuracy":0.97,"accuracy_per_repeat":[0.96,0.98],
 *               //  "train_seconds":25,"ms_per_step":5}
 * }</pre>
 *
 * @param model   the model every repeat trained
 * @param repeats the repeats, at least one
 */
public record EchoSummary(EchoModel model, List<EchoExperiment.Result> repeats) {
    /** Keeps an unmodifiable copy of the repeats. */
    public EchoSummary {
        if (repeats.isEmpty()) {
            throw ConfigException.argument("EchoSummary", "repeats", "at least one", 0);
        }
        repeats = List.copyOf(repeats);
    }

    /** Mean of the repeats' accuracies. */
    public double accuracy() {
        return repeats.stream().mapToDouble(EchoExperiment.Result::accuracy).average().orElseThrow();
    }

    /** Population standard deviation of the repeats' accuracies. */
    public double accuracyStd() {
        double mean = accuracy();
        return Math.sqrt(repeats.stream().mapToDouble(r -> (r.accuracy() - mean) * (r.accuracy() - mean))
                .average().orElseThrow());
    }

    /** Mean training seconds of one repeat. */
    public double trainSeconds() {
        return repeats.stream().mapToDouble(EchoExperiment.Result::trainSeconds).average().orElseThrow();
    }

    /** Milliseconds per training update over every repeat. */
    public double msPerStep() {
        return 1000 * repeats.stream().mapToDouble(EchoExperiment.Result::trainSeconds).sum()
                / repeats.stream().mapToInt(EchoExperiment.Result::steps).sum();
    }

    /**
     * One JSON object on one line with the keys {@code model}, {@code accuracy} (mean),
     * {@code accuracy_per_repeat}, {@code train_seconds} (mean per repeat) and {@code ms_per_step}.
     */
    public String toJson() {
        StringJoiner perRepeat = new StringJoiner(",", "[", "]");
        repeats.forEach(r -> perRepeat.add(Json.number(r.accuracy())));
        return "{\"model\":" + Json.quote(model.label()) + ",\"accuracy\":" + Json.number(accuracy())
                + ",\"accuracy_per_repeat\":" + perRepeat + ",\"train_seconds\":" + Json.number(trainSeconds())
                + ",\"ms_per_step\":" + Json.number(msPerStep()) + "}";
    }
}
