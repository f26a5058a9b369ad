package org.seq2seq4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seq2seq4j.seq2seq.AttentionMaps;
import org.seq2seq4j.seq2seq.Decoder;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.translate.Candidate;
import org.seq2seq4j.translate.Translation;
import org.seq2seq4j.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Translates the texts given, or the lines of standard input as they come, with a model written by
 * {@code train} or {@code demo --save}.
 *
 * <pre>{@code
 * bin/seq2seq4j translate dates.s2s "3 May 1979" "tuesday june 5 2001"
 * bin/seq2seq4j translate model.s2s --beam 5 --n-best 3 --json < sentences.txt
 * bin/seq2seq4j translate dates.s2s "march 3rd 2010" --attention html map.html
 * bin/seq2seq4j translate model.s2s --spark 'local[*]' --input corpus.txt --output translated/
 * }</pre>
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Translate texts (or lines of standard input) with a trained model.")
final class TranslateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (from train or demo --save).")
    Path model;

    @Parameters(index = "1..*", paramLabel = "TEXT", description = "Texts to translate (default: lines of stdin).")
    List<String> texts = new ArrayList<>();

    @Option(names = "--beam", paramLabel = "<k>", description = "Beam size (default: the model's; 1 is greedy).")
    Integer beam;

    @Option(names = "--n-best", defaultValue = "1", paramLabel = "<n>",
            description = "Candidates per text, best first (at most --beam), printed as 'text number<TAB>"
                    + "log-probability<TAB>translation' (default: 1).")
    int nBest;

    @Option(names = "--attention", arity = "1..2", paramLabel = "ascii|html FILE",
            description = "Print each text's attention map (ascii) or write it as an HTML page (html FILE).")
    List<String> attention;

    @Option(names = "--json", description = "One JSON object per text.")
    boolean json;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Translate --input on this Spark master (e.g. local[*], yarn) into --output.")
    String spark;

    @Option(names = "--input", paramLabel = "<path>", description = "With --spark: the corpus, one sentence a line.")
    String input;

    @Option(names = "--output", paramLabel = "<dir>",
            description = "With --spark: a new directory of id<TAB>log-probability<TAB>translation lines.")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (beam != null) {
            Arguments.requirePositive(spec, "--beam", beam);
        }
        if (spark != null || input != null || output != null) {
            return onSpark();
        }
        Arguments.requirePositive(spec, "--n-best", nBest);
        boolean ascii = false;
        Path html = null;
        if (attention != null) {
            if (attention.get(0).equals("ascii") && attention.size() == 1) {
                ascii = true;
            } else if (attention.get(0).equals("html") && attention.size() == 2) {
                html = Path.of(attention.get(1));
            } else {
                throw new ParameterException(spec.commandLine(), "--attention: expected 'ascii' or 'html FILE' but got "
                        + String.join(" ", attention));
            }
        }
        Translator translator = Translator.load(model);
        int k = beam != null ? beam : translator.defaults().beamSize();
        if (nBest > k) {
            throw new ParameterException(spec.commandLine(), "--n-best " + nBest + " must be at most the beam size "
                    + k);
        }
        boolean withAttention = ascii || html != null;
        Decoder decoder = (k == 1 ? Decoder.greedy() : Decoder.beam(k)).nBest(nBest)
                .maxLength(translator.defaults().maxLengthA(), translator.defaults().maxLengthB())
                .returnAttention(withAttention);
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), ascii, html);
        if (!texts.isEmpty()) {
            output.print(translator.translate(texts, decoder));
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> chunk = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                chunk.add(line);
                if (!in.ready() || chunk.size() >= 64) {         // stream: translate what has arrived
                    output.print(translator.translate(chunk, decoder));
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                output.print(translator.translate(chunk, decoder));
            }
        }
        output.finish();
        return 0;
    }

    /** The corpus translated by the Spark module's translate command on the --spark master. */
    private int onSpark() {
        if (spark == null || input == null || output == null || !texts.isEmpty() || attention != null || json
                || nBest != 1) {
            throw new ParameterException(spec.commandLine(), "--spark MASTER, --input and --output go together, "
                    + "without TEXT, --attention, --json or --n-best");
        }
        List<String> command = new ArrayList<>(List.of("translate", model.toString(), "--input", input,
                "--output", output));
        if (beam != null) {
            command.addAll(List.of("--beam", String.valueOf(beam)));
        }
        return SparkLauncher.run(spark, command, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Prints translations as they come and reports unknown tokens once at the end. */
    private final class Output {
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean ascii;
        private final Path html;
        private final Set<String> unknown = new LinkedHashSet<>();
        private int count;

        Output(PrintWriter out, PrintWriter err, boolean ascii, Path html) {
            this.out = out;
            this.err = err;
            this.ascii = ascii;
            this.html = html;
        }

        void print(List<Translation> translations) {
            for (Translation t : translations) {
                count++;
                unknown.addAll(t.unknownTokens());
                if (json) {
                    out.println(Json.write(json(t)));
                } else {
                    for (Candidate c : t.candidates()) {
                        out.println(nBest == 1 ? c.text()
                                : String.format(Locale.ROOT, "%d\t%.4f\t%s", count, c.score(), c.text()));
                    }
                }
                Candidate best = t.best();
                if (best.attention() != null) {
                    List<String> target = new ArrayList<>(best.tokens());
                    target.add("</s>");
                    float[][] rows = java.util.Arrays.copyOf(best.attention(), Math.min(target.size(),
                            best.attention().length));
                    List<String> shown = target.subList(0, rows.length);
                    List<String> source = t.sourceTokens().isEmpty() ? List.of("") : t.sourceTokens();
                    if (ascii) {
                        out.print(AttentionMaps.ascii(source, shown, rows));
                    } else {
                        AttentionMaps.writeHtml(file(count), t.source(), source, shown, rows);
                    }
                }
            }
            out.flush();
        }

        private Path file(int n) {
            if (n == 1) {
                return html;
            }
            String name = html.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
            return html.resolveSibling(numbered);
        }

        private Map<String, Object> json(Translation t) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("source", t.source());
            o.put("translation", t.text());
            if (nBest > 1) {
                List<Object> cs = new ArrayList<>();
                for (Candidate c : t.candidates()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("text", c.text());
                    m.put("score", c.score());
                    cs.add(m);
                }
                o.put("n_best", cs);
            } else {
                o.put("score", t.best().score());
            }
            if (!t.unknownTokens().isEmpty()) {
                o.put("unknown_tokens", t.unknownTokens());
            }
            return o;
        }

        void finish() {
            if (!unknown.isEmpty()) {
                err.println("seq2seq4j translate: warning: " + unknown.size()
                        + " token(s) not in the model's vocabulary were read as unknown: "
                        + Json.write(new ArrayList<>(unknown)));
                err.flush();
            }
        }
    }
}
