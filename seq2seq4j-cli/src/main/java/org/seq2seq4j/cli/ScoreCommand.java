package org.seq2seq4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.text.BLEU;
import org.seq2seq4j.text.CHRF;
import org.seq2seq4j.text.ExactMatch;
import org.seq2seq4j.text.Score;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Scores a hypothesis file against one or more reference files, line by line, with corpus BLEU and/or
 * chrF as sacreBLEU's command line does ({@code sacrebleu REF... -i HYP -m bleu chrf}), and exact match.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a hypothesis file against reference files (one segment per line) with corpus BLEU "
                + "and chrF, as sacreBLEU computes them, and exact match.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = {"-i", "--hyp"}, required = true, paramLabel = "<file>", description = "Hypotheses, one per line.")
    Path hyp;

    @Option(names = {"-r", "--ref"}, required = true, arity = "1..*", paramLabel = "<file>",
            description = "Reference file(s), each with one line per hypothesis; repeat for more references.")
    List<Path> refs = new ArrayList<>();

    @Option(names = {"-m", "--metrics"}, split = ",", paramLabel = "<name>", defaultValue = "bleu",
            description = "Metrics, comma-separated: bleu, chrf, exact (exact match) (default: ${DEFAULT-VALUE}).")
    List<String> metrics = new ArrayList<>();

    @Option(names = {"-tok", "--tokenize"}, defaultValue = "13a", paramLabel = "<name>",
            description = "BLEU tokenizer: 13a, intl, char, none (default: ${DEFAULT-VALUE}).")
    String tokenize;

    @Option(names = {"-cw", "--chrf-word-order"}, defaultValue = "0", paramLabel = "<n>",
            description = "chrF word n-gram order; 2 gives chrF++ (default: ${DEFAULT-VALUE}).")
    int chrfWordOrder;

    @Option(names = {"-lc", "--lowercase"}, description = "Case-insensitive scores.")
    boolean lowercase;

    @Option(names = {"-w", "--width"}, defaultValue = "1", paramLabel = "<n>",
            description = "Decimals shown (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--json", description = "Print JSON as sacreBLEU's --format json: one object per metric.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (width < 0 || width > 16) {
            throw new ParameterException(spec.commandLine(), "--width must be 0 to 16 but was " + width);
        }
        for (String m : metrics) {
            if (!List.of("bleu", "chrf", "exact").contains(m)) {
                throw new ParameterException(spec.commandLine(),
                        "--metrics: '" + m + "' is not a metric; use bleu, chrf, exact");
            }
        }
        BLEU bleu = new BLEU().tokenize(tokenize).lowercase(lowercase);      // bad settings fail before any read
        CHRF chrf = new CHRF().wordOrder(chrfWordOrder).lowercase(lowercase);
        List<String> hypotheses = readLines(hyp);
        List<List<String>> references = new ArrayList<>();
        for (Path r : refs) {
            List<String> lines = readLines(r);
            if (lines.size() != hypotheses.size()) {
                throw new ModelFormatException(r.toString(), "line count", "has " + lines.size()
                        + " lines but the hypotheses " + hyp + " have " + hypotheses.size()
                        + "; every reference file needs one line per hypothesis");
            }
            references.add(lines);
        }
        List<Score> scores = new ArrayList<>();
        for (String m : metrics.stream().distinct().toList()) {
            scores.add(switch (m) {
                case "bleu" -> bleu.corpusScore(hypotheses, references);
                case "chrf" -> chrf.corpusScore(hypotheses, references);
                default -> new ExactMatch().lowercase(lowercase).corpusScore(hypotheses, references);
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<String> objects = scores.stream().map(s -> s.toJson(width)).toList();
            out.println(objects.size() == 1 ? objects.get(0) : "[" + String.join(", ", objects) + "]");
        } else {
            scores.forEach(s -> out.println(s.format(width)));
        }
        out.flush();
        return 0;
    }

    /**
     * The lines of a UTF-8 text file without their line ends ({@code \n} or {@code \r\n}); a final line end
     * does not start another line. A missing, empty or non-text (NUL bytes, invalid UTF-8) file is an error.
     */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file.toString(), "file", "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "file", "cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new ModelFormatException(file.toString(), "file", "is empty; expected one segment per line");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ModelFormatException(file.toString(), "byte " + i, "NUL byte; this is a binary file, "
                        + "not text with one segment per line");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file.toString(), "file", "is not UTF-8 text (" + e.getMessage() + ")");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }
}
