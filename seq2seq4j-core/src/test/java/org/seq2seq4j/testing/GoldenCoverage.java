package org.seq2seq4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which golden cases no test runs: a case of no {@link GoldenKind}, or of a kind whose runner is not
 * on the test classpath. A module without seq2seq4j-keras's tests leaves the kinds they run to them.
 *
 * <pre>{@code
 * assertEquals(List.of(), GoldenCoverage.unclaimed(Goldens.cases(), true));   // in seq2seq4j-core
 * }</pre>
 */
public final class GoldenCoverage {
    private GoldenCoverage() {
    }

    /** Each unclaimed case as "name (reason)"; {@code kerasRunsElsewhere} accepts absent seq2seq4j-keras runners. */
    public static List<String> unclaimed(List<Golden> cases, boolean kerasRunsElsewhere) {
        List<String> out = new ArrayList<>();
        for (Golden g : cases) {
            Optional<GoldenKind> kind = GoldenKind.of(g);
            if (kind.isEmpty()) {
                out.add(g.name() + " (" + GoldenKind.whyNone(g) + ")");
            } else if (!kind.get().runnerPresent() && !(kerasRunsElsewhere && kind.get().runsInKeras())) {
                out.add(g.name() + " (" + kind.get() + ": its runner " + kind.get().runner() + " is missing)");
            }
        }
        return out;
    }

    /** Prints, per kind, how many shared cases and fixtures of this classpath there are, and the runner. */
    public static void printCounts() {
        List<Golden> shared = Goldens.all();
        List<Golden> fixtures = Goldens.fixtures();
        for (GoldenKind k : GoldenKind.values()) {
            System.out.printf("golden kind %s: %d shared cases, %d fixtures; run by %s%n", k, count(shared, k),
                    count(fixtures, k), k.runner());
        }
    }

    private static long count(List<Golden> cases, GoldenKind k) {
        return cases.stream().filter(g -> GoldenKind.of(g).orElse(null) == k).count();
    }
}
