package org.seq2seq4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seq2seq4j.io.Npy;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a model on {@code .npy} inputs and writes its outputs as {@code .npy} files. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Run a model (.s2s, .keras, .h5 or TF.js model.json) on .npy inputs (float32 or int32, one "
                + "--input per model input, in the model's input order) and write output_0.npy, output_1.npy, ... "
                + "(float32, in the model's output order) to the output directory.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<model>", description = "The model file.")
    Path model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "<file.npy>",
            description = "An input array; repeat for each model input, in order.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output-dir"}, required = true, paramLabel = "<dir>",
            description = "Directory for output_<i>.npy (created if needed).")
    Path outputDir;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "<n>",
            description = "Samples per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Arguments.requirePositive(spec, "--batch-size", batchSize);
        Model m = ModelFiles.load(model);
        if (inputs.size() != m.inputCount()) {
            throw new ParameterException(spec.commandLine(), m.describe() + " takes " + m.inputCount()
                    + " input(s), in order, but " + inputs.size() + " --input file(s) were given");
        }
        List<Tensor> x = new ArrayList<>();
        inputs.forEach(p -> x.add(Npy.read(p)));
        List<Tensor> y = m.predictAll(x, batchSize);
        if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new ParameterException(spec.commandLine(), "--output-dir " + outputDir + " is a file, not a directory");
        }
        Files.createDirectories(outputDir);
        for (int i = 0; i < y.size(); i++) {
            Path out = outputDir.resolve("output_" + i + ".npy");
            Npy.write(y.get(i), out);
            spec.commandLine().getOut().println(out + " " + y.get(i).shape());
        }
        return 0;
    }
}
