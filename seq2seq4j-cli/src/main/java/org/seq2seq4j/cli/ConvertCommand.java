package org.seq2seq4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seq2seq4j.keras.KerasModels;
import org.seq2seq4j.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Converts a model file of any supported format to a native {@code .s2s} or a Keras 3 {@code .keras} file. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model (.s2s, .keras, .h5 or TF.js model.json) to a native .s2s or a Keras 3 .keras "
                + "file, chosen by the output's extension; the output is written atomically.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<in>", description = "The model file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "<out>", description = "The file to write: ends in .s2s or .keras.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean keras = name.endsWith(".keras");
        if (!keras && !name.endsWith(".s2s")) {
            throw new ParameterException(spec.commandLine(), "<out> must end in .s2s or .keras but was " + out);
        }
        Model m = ModelFiles.load(in);
        if (keras) {
            KerasModels.save(m, out);
        } else {
            m.save(out);
        }
        spec.commandLine().getOut().println(in + " -> " + out + " (" + m.countParams() + " parameters)");
        return 0;
    }
}
