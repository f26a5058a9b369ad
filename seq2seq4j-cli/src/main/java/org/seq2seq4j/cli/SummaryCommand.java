package org.seq2seq4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq2seq4j.keras.KerasJson;
import org.seq2seq4j.keras.TfjsModel;
import org.seq2seq4j.models.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the Keras summary table of a model file: a TF.js {@code model.json} or a Keras model JSON. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras summary table (layers, output shapes, parameter counts) of a model file: "
                + "a TF.js model.json (weights are read and checked) or a Keras Sequential JSON config.")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<model>", description = "model.json (TF.js) or a Keras model JSON file.")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Sequential m = KerasJson.parse(model).has("modelTopology") ? TfjsModel.load(model) : KerasJson.loadSequential(model);
        m.summary(new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8));
        return 0;
    }
}
