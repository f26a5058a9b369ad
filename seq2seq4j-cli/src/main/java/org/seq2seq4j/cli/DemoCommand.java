package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.seq2seq.AttentionMaps;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.translate.Candidate;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.TranslationTrainer;
import org.seq2seq4j.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The date demo: generates human-readable dates in many formats ({@link HumanDates}) with their ISO
 * forms, trains a character-level attention model (bidirectional LSTM encoder, LSTM decoder,
 * AdditiveAttention) with a progress bar, then prints sample translations, the attention map of
 * one of them and the exact match on held-out dates. {@code demo reverse} and {@code demo echo}
 * are the other demos.
 *
 * <pre>{@code
 * bin/seq2seq4j demo
 * bin/seq2seq4j demo --save dates.s2s && bin/seq2seq4j translate dates.s2s "march 3rd 2010"
 * }</pre>
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {ReverseDemoCommand.class, EchoDemoCommand.class},
        description = "Train an attention model that reads dates written by people (\"tuesday june 5 2001\", "
                + "\"05/06/01\") and writes them in ISO form; print samples, an attention map and the exact match on "
                + "held-out dates. 'demo reverse' and 'demo echo' are the other demos.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "12000", paramLabel = "<n>",
            description = "Training dates (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--test", defaultValue = "1000", paramLabel = "<n>",
            description = "Held-out dates to score (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "<n>",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--units", defaultValue = "48", paramLabel = "<n>",
            description = "LSTM units per encoder direction (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save", paramLabel = "<file>", description = "Keep the trained model for translate.")
    Path save;

    @Option(names = {"-t", "--threads"}, paramLabel = "<n>", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object (progress goes to stderr).")
    boolean json;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Arguments.requirePositive(spec, "--samples", samples);
        Arguments.requirePositive(spec, "--test", test);
        Arguments.requirePositive(spec, "--epochs", epochs);
        Arguments.requirePositive(spec, "--units", units);
        if (threads != null) {
            Arguments.requirePositive(spec, "--threads", threads);
            Gemms.setThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        if (main.verbose) {
            progress.println("GEMM backend: " + Gemms.get().name());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<SentencePair> train = HumanDates.generate(samples, random);
        Set<String> seen = new HashSet<>();
        train.forEach(p -> seen.add(p.source()));
        List<SentencePair> held = new ArrayList<>();
        while (held.size() < test) {
            for (SentencePair p : HumanDates.generate(test, random)) {
                if (held.size() < test && seen.add(p.source())) {
                    held.add(p);
                }
            }
        }
        if (!json) {
            out.printf(Locale.ROOT, "Task: dates as people write them -> ISO 8601, %,d training and %,d held-out "
                    + "dates, e.g. \"%s\" -> %s%n", samples, test, train.get(0).source(), train.get(0).target());
            out.printf(Locale.ROOT, "Model: characters -> Embedding(mask_zero) -> Bidirectional(LSTM(%d)) -> LSTM(%d) "
                    + "+ AdditiveAttention -> Dense(softmax), Adam 0.003, batch 64, %d epochs%n", units, 2 * units,
                    epochs);
            out.flush();
        }
        TranslationTrainer trainer = new TranslationTrainer().units(units).embeddingDim(units / 2 > 0 ? units / 2 : 1)
                .epochs(epochs).batchSize(64).learningRate(0.003).validationSplit(0.05).seed(seed)
                .callbacks(new ProgressBar(progress, System.console() != null && !json));
        long t0 = System.nanoTime();
        Translator translator = trainer.train(train).translator();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> sources = new ArrayList<>();
        held.forEach(p -> sources.add(p.source()));
        List<Translation> translations = translator.translate(sources);
        int exact = 0;
        for (int i = 0; i < held.size(); i++) {
            exact += translations.get(i).text().equals(held.get(i).target()) ? 1 : 0;
        }
        double percent = 100.0 * exact / held.size();
        List<String> examples = List.of("3 May 1979", "tuesday june 5 2001", "05/06/01", "march 3rd 2010",
                "Sat, Dec 25, 2049", "21.10.64", sources.get(0), sources.get(1));
        List<Translation> shown = translator.translate(examples, translator.decoder().returnAttention(true));
        if (save != null) {
            translator.save(save);
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("task", "dates");
            o.put("exact_match", percent);
            o.put("correct", exact);
            o.put("test", held.size());
            o.put("train_seconds", seconds);
            o.put("samples", samples);
            o.put("epochs", epochs);
            o.put("seed", seed);
            Map<String, Object> ex = new LinkedHashMap<>();
            shown.forEach(t -> ex.put(t.source(), t.text()));
            o.put("examples", ex);
            if (save != null) {
                o.put("model", save.toString());
            }
            out.println(Json.write(o));
            out.flush();
            return 0;
        }
        out.println();
        for (Translation t : shown) {
            out.printf(Locale.ROOT, "  %-28s -> %s%n", t.source(), t.text());
        }
        Translation mapped = shown.get(1);
        Candidate best = mapped.best();
        List<String> target = new ArrayList<>(best.tokens());
        target.add("</s>");
        out.println();
        out.println("Attention of \"" + mapped.source() + "\" (source across, output down):");
        out.print(AttentionMaps.ascii(mapped.sourceTokens(), target.subList(0, best.attention().length),
                best.attention()));
        out.println();
        out.printf(Locale.ROOT, "Exact match on %,d held-out dates: %.1f%% (%d/%d). Trained in %.1f s.%n", held.size(),
                percent, exact, held.size(), seconds);
        if (save != null) {
            out.println("Saved the model to " + save + "; try: bin/seq2seq4j translate " + save
                    + " \"march 3rd 2010\"");
        }
        out.flush();
        return 0;
    }
}
