package org.seq2seq4j.cli;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values shared by the commands; a bad value is a usage error (exit code 2). */
final class Arguments {
    private Arguments() {
    }

    /** Throws {@code <option> must be positive but was <value>} unless {@code value > 0}. */
    static void requirePositive(CommandSpec spec, String option, double value) {
        if (!(value > 0)) {
            String shown = value == Math.rint(value) && !Double.isInfinite(value)
                    ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
            throw new ParameterException(spec.commandLine(), option + " must be positive but was " + shown);
        }
    }
}
