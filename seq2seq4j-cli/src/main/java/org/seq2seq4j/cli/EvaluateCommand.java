package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.text.BLEU;
import org.seq2seq4j.text.CHRF;
import org.seq2seq4j.text.ExactMatch;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.text.Score;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Translates the sources of a {@code source<TAB>target} file and scores the translations against the
 * targets: corpus BLEU as sacreBLEU computes it (13a tokenizer, exp smoothing, brevity penalty),
 * chrF (character order 6, beta 2) and exact match.
 *
 * <pre>{@code
 * bin/seq2seq4j evaluate model.s2s --data test.tsv --json
 * }</pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a model on parallel text: corpus BLEU and chrF (as sacreBLEU), exact match.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "<file>", description = "Parallel text, source<TAB>target.")
    Path data;

    @Option(names = "--header", description = "The data file's first line is a header.")
    boolean header;

    @Option(names = "--max-samples", defaultValue = "0", paramLabel = "<n>",
            description = "Only the first n lines (default: 0, all).")
    int maxSamples;

    @Option(names = "--beam", paramLabel = "<k>", description = "Beam size (default: the model's).")
    Integer beam;

    @Option(names = "--json", description = "One JSON array of the scores, as sacreBLEU's --format json.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (beam != null) {
            Arguments.requirePositive(spec, "--beam", beam);
        }
        if (maxSamples < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-samples must be 0 or more");
        }
        List<SentencePair> pairs = Corpus.read(data, header, maxSamples, spec.commandLine().getErr());
        Translator translator = Translator.load(model);
        Decoder decoder = beam == null ? translator.decoder() : (beam == 1 ? Decoder.greedy() : Decoder.beam(beam))
                .maxLength(translator.defaults().maxLengthA(), translator.defaults().maxLengthB());
        List<String> sources = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        pairs.forEach(p -> {
            sources.add(p.source());
            refs.add(p.target());
        });
        List<String> hyps = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Translation t : translator.translate(sources, decoder)) {
            hyps.add(t.text());
            unknown.addAll(t.unknownTokens());
        }
        List<Score> scores = List.of(new BLEU().corpusScore(hyps, List.of(refs)),
                new CHRF().corpusScore(hyps, List.of(refs)), new ExactMatch().corpusScore(hyps, List.of(refs)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("[" + String.join(", ", scores.stream().map(s -> s.toJson(1)).toList()) + "]");
        } else {
            scores.forEach(s -> out.println(s.format(1)));
        }
        out.flush();
        if (!unknown.isEmpty()) {
            spec.commandLine().getErr().println("seq2seq4j evaluate: warning: " + unknown.size()
                    + " source token(s) not in the model's vocabulary were read as unknown: "
                    + Json.write(new ArrayList<>(unknown)));
        }
        return 0;
    }
}
