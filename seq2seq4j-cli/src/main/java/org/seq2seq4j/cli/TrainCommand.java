package org.seq2seq4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.io.AtomicFile;
import org.seq2seq4j.kernels.Gemms;
import org.seq2seq4j.text.BLEU;
import org.seq2seq4j.io.Json;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.translate.Architecture;
import org.seq2seq4j.translate.DecodeSettings;
import org.seq2seq4j.translate.TrainingResult;
import org.seq2seq4j.translate.TranslationTrainer;
import org.seq2seq4j.translate.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains a translation model on a file of {@code source<TAB>target} lines and writes it (with a
 * checkpoint after every epoch) to {@code --model}. {@code --arch lstm_seq2seq} takes the Keras
 * example's settings unless given (latent 256, rmsprop, batch 64, validation split 0.2, one-hot
 * characters).
 *
 * <pre>{@code
 * bin/seq2seq4j train --data pairs.tsv --model out.s2s --level subword --epochs 10
 * bin/seq2seq4j train --data fra.txt --model keras.s2s --arch lstm_seq2seq --max-samples 10000 --epochs 40
 * }</pre>
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a translation model on parallel text (source<TAB>target lines).")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "<file>", description = "Parallel text, source<TAB>target.")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "<file>",
            description = "The model file to write (also the checkpoint after every epoch).")
    Path model;

    @Option(names = "--header", description = "The data file's first line is a header.")
    boolean header;

    @Option(names = "--level", paramLabel = "<level>", description = "char, word or subword (default: char).")
    String level;

    @Option(names = "--arch", paramLabel = "<arch>",
            description = "lstm_seq2seq, simple, seq2seq or attention (default: attention).")
    String arch;

    @Option(names = "--cell", defaultValue = "lstm", paramLabel = "<cell>",
            description = "lstm or gru (default: lstm).")
    String cell;

    @Option(names = "--attention-type", defaultValue = "bahdanau", paramLabel = "<kind>",
            description = "bahdanau (AdditiveAttention) or luong (dot-product Attention) (default: bahdanau).")
    String attentionType;

    @Option(names = "--units", paramLabel = "<n>", description = "Recurrent units per encoder direction "
            + "(default: 64; lstm_seq2seq 256).")
    Integer units;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "<n>",
            description = "Stacked recurrent layers (default: 1).")
    int layers;

    @Option(names = "--embedding-dim", defaultValue = "32", paramLabel = "<n>",
            description = "Token embedding size (default: 32).")
    int embeddingDim;

    @Option(names = "--bidirectional", negatable = true, paramLabel = "<b>",
            description = "Bidirectional encoder (default: on; off for lstm_seq2seq).")
    Boolean bidirectional;

    @Option(names = "--bpe-merges", defaultValue = "4000", paramLabel = "<n>",
            description = "BPE merges per side at the subword level (default: 4000).")
    int bpeMerges;

    @Option(names = "--max-vocab", defaultValue = "0", paramLabel = "<n>",
            description = "At most this many tokens per vocabulary (default: 0, all).")
    int maxVocab;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "<n>", description = "Epochs (default: 10).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "<n>", description = "Batch size (default: 64).")
    int batch;

    @Option(names = "--max-samples", defaultValue = "0", paramLabel = "<n>",
            description = "Read only the first n lines (default: 0, all).")
    int maxSamples;

    @Option(names = "--val-split", paramLabel = "<f>", description = "Validation fraction (default: 0.1; "
            + "lstm_seq2seq 0.2, the last lines as Keras).")
    Double valSplit;

    @Option(names = "--hold-out", defaultValue = "0", paramLabel = "<n>",
            description = "Set aside n random pairs (by --seed) before training, for evaluate (default: 0).")
    int holdOut;

    @Option(names = "--hold-out-file", paramLabel = "<file>", description = "Where --hold-out writes its pairs "
            + "(default: the model file + .test.tsv).")
    Path holdOutFile;

    @Option(names = "--optimizer", paramLabel = "<name>", description = "A Keras optimizer (default: adam; "
            + "lstm_seq2seq rmsprop).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "<rate>",
            description = "Learning rate (default: 0.001).")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "constant", paramLabel = "<name>",
            description = "constant, exponential (x0.9 per epoch) or cosine (to 0 over the run) (default: constant).")
    String lrSchedule;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "<steps>",
            description = "Linear warmup steps before the cosine schedule (default: 0).")
    int warmup;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "<s>",
            description = "Keras's categorical_crossentropy label_smoothing (default: 0).")
    double labelSmoothing;

    @Option(names = "--clipnorm", paramLabel = "<norm>", description = "Clip each gradient to this L2 norm.")
    Double clipnorm;

    @Option(names = "--epsilon", paramLabel = "<eps>",
            description = "The optimizer's Keras epsilon (default: its own, 1e-7 for adam and rmsprop).")
    Double epsilon;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<n>", description = "Random seed (default: 42).")
    long seed;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "<n>",
            description = "Stop after n epochs without a better val_loss, keeping the best weights (default: 0, off).")
    int earlyStopping;

    @Option(names = "--beam", defaultValue = "1", paramLabel = "<k>",
            description = "The model's default beam size for translate (default: 1, greedy).")
    int beam;

    @Option(names = {"-t", "--threads"}, paramLabel = "<n>", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--resume", description = "Continue the interrupted run saved in --model.")
    boolean resume;

    @Option(names = "--json", description = "Print the result as one JSON object (progress goes to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Architecture a = arch == null ? Architecture.ATTENTION : architecture(arch);
        boolean keras = a == Architecture.LSTM_SEQ2SEQ;
        checkOptions();
        if (threads != null) {
            Gemms.setThreads(threads);
        }
        TranslationTrainer trainer;
        try {
            trainer = new TranslationTrainer().architecture(a).level(level == null ? "char" : level).cell(cell)
                    .attention(attentionType).units(units != null ? units : keras ? 256 : 64).layers(layers)
                    .embeddingDim(embeddingDim).bidirectional(bidirectional != null ? bidirectional : !keras)
                    .bpeMerges(bpeMerges).maxVocabulary(maxVocab).epochs(epochs).batchSize(batch)
                    .validationSplit(valSplit != null ? valSplit : keras ? 0.2 : 0.1)
                    .optimizer(optimizer != null ? optimizer : keras ? "rmsprop" : "adam").learningRate(lr)
                    .schedule(lrSchedule).warmup(warmup).labelSmoothing(labelSmoothing).seed(seed)
                    .earlyStopping(earlyStopping).decoding(new DecodeSettings(beam, 1, 2.0, 10))
                    .checkpoint(model).resume(resume);
            if (clipnorm != null) {
                trainer.clipnorm(clipnorm);
            }
            if (epsilon != null) {
                trainer.epsilon(epsilon);
            }
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.argument().replace('_', '-') + ": expected "
                    + e.expected() + " but got " + e.received());
        }
        if (resume && !java.nio.file.Files.exists(model)) {
            throw new ParameterException(spec.commandLine(), "--resume: no checkpoint at " + model);
        }
        if ((a == Architecture.SIMPLE || a == Architecture.SEQ2SEQ)) {
            throw new ParameterException(spec.commandLine(), "--arch " + a.cliName()
                    + ": not available yet; use attention or lstm_seq2seq");
        }
        List<SentencePair> pairs = Corpus.read(data, header, maxSamples, spec.commandLine().getErr());
        pairs = holdOut(pairs);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progressOut = json ? spec.commandLine().getErr() : out;
        ProgressBar bar = new ProgressBar(progressOut, System.console() != null && !json);
        trainer.callbacks(bar);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                trainer.awaitStopped(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seq2seq4j-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingResult result;
        try {
            result = trainer.train(pairs);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the checkpoint written above
            }
        }
        if (result.interrupted()) {
            progressOut.println();
            progressOut.println("Interrupted: checkpoint saved to " + model + "; continue with --resume.");
            progressOut.flush();
            return 130;
        }
        report(result, out);
        return 0;
    }

    private void checkOptions() {
        for (String[] o : new String[][] {{"--layers", "" + layers}, {"--embedding-dim", "" + embeddingDim},
                {"--epochs", "" + epochs}, {"--batch", "" + batch}, {"--bpe-merges", "" + bpeMerges},
                {"--beam", "" + beam}}) {
            Arguments.requirePositive(spec, o[0], Double.parseDouble(o[1]));
        }
        if (units != null) {
            Arguments.requirePositive(spec, "--units", units);
        }
        if (threads != null) {
            Arguments.requirePositive(spec, "--threads", threads);
        }
        if (holdOut < 0 || maxSamples < 0 || maxVocab < 0 || warmup < 0 || earlyStopping < 0) {
            throw new ParameterException(spec.commandLine(), "--hold-out, --max-samples, --max-vocab, --warmup and "
                    + "--early-stopping must be 0 or more");
        }
    }

    private Architecture architecture(String name) {
        try {
            return Architecture.of(name);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "--arch: '" + name
                    + "' is not an architecture; use lstm_seq2seq, simple, seq2seq or attention");
        }
    }

    /** Sets aside {@code --hold-out} pairs chosen by the seed and writes them for {@code evaluate}. */
    private List<SentencePair> holdOut(List<SentencePair> pairs) {
        if (holdOut == 0) {
            return pairs;
        }
        if (holdOut >= pairs.size()) {
            throw new ParameterException(spec.commandLine(), "--hold-out " + holdOut
                    + " leaves no training pairs out of " + pairs.size());
        }
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] held = new boolean[pairs.size()];
        for (int i = 0; i < holdOut; i++) {
            held[order[i]] = true;
        }
        List<SentencePair> train = new ArrayList<>();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < pairs.size(); i++) {
            if (held[i]) {
                test.append(pairs.get(i).source()).append('\t').append(pairs.get(i).target()).append('\n');
            } else {
                train.add(pairs.get(i));
            }
        }
        Path file = holdOutFile != null ? holdOutFile : Path.of(model + ".test.tsv");
        byte[] bytes = test.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
        return train;
    }

    private void report(TrainingResult result, PrintWriter out) {
        Translator translator = result.translator();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("epochs", result.history().size());
        List<Map<String, Double>> h = result.history();
        if (!h.isEmpty()) {
            o.put("loss", h.get(h.size() - 1).get("loss"));
            o.put("val_loss", h.get(h.size() - 1).get("val_loss"));
        }
        o.put("history", h);
        if (!result.validation().isEmpty()) {
            List<String> sources = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            result.validation().forEach(p -> {
                sources.add(p.source());
                refs.add(p.target());
            });
            List<String> hyps = new ArrayList<>();
            translator.translate(sources).forEach(t -> hyps.add(t.text()));
            o.put("val_bleu", new BLEU().corpusScore(hyps, List.of(refs)).score());
            o.put("val_pairs", sources.size());
        }
        if (json) {
            out.println(Json.write(o));
        } else {
            out.printf(Locale.ROOT, "Saved %s after %d epochs.", model, result.history().size());
            if (o.containsKey("val_bleu")) {
                out.printf(Locale.ROOT, " Validation BLEU %.1f on %d pairs.", o.get("val_bleu"), o.get("val_pairs"));
            }
            out.println();
        }
        out.flush();
    }
}
