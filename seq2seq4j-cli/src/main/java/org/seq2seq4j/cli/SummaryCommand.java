package org.seq2seq4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seq2seq4j.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the Keras summary table of a model file of any supported format. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras summary table (layers, output shapes, parameter counts) of a model file: "
                + "a native .s2s, a Keras 3 .keras, a Keras 2 full-model .h5 or a TF.js model.json (weights are "
                + "read and checked), or a Keras model JSON config (Sequential or functional).")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<model>", description = "A .s2s, .keras, .h5, model.json (TF.js) or Keras model JSON file.")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Model m = ModelFiles.load(model);
        m.summary(new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8));
        return 0;
    }
}
