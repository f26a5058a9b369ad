package org.seq2seq4j.io;

import java.nio.file.Path;
import java.util.Arrays;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.Dense;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.models.Sequential;

/** Child process of {@link CrashSafetyTest}: saves the same file over and over, every weight set to the save's number. */
public final class SaveLoop {
    private SaveLoop() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Seq2Seq4j.seed(1);
        Model m = new Sequential(new Dense(1000).inputShape(1000), new Dense(500));
        m.save(file);
        for (int n = 1; ; n++) {
            for (Variable v : m.weights()) {
                Arrays.fill(v.value().data(), n);
            }
            m.save(file);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
