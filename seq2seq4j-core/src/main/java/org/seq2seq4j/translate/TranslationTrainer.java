package org.seq2seq4j.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.Seq2Seq4j;
import org.seq2seq4j.TrainingException;
import org.seq2seq4j.callbacks.Callback;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.losses.CategoricalCrossentropy;
import org.seq2seq4j.losses.Loss;
import org.seq2seq4j.losses.SparseCategoricalCrossentropy;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.optimizers.Optimizer;
import org.seq2seq4j.optimizers.Optimizers;
import org.seq2seq4j.optimizers.schedules.CosineDecay;
import org.seq2seq4j.optimizers.schedules.ExponentialDecay;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.text.BLEU;
import org.seq2seq4j.text.BpeTokenizer;
import org.seq2seq4j.text.CharTokenizer;
import org.seq2seq4j.text.DataSplit;
import org.seq2seq4j.text.SentencePair;
import org.seq2seq4j.text.TextTokenizer;
import org.seq2seq4j.text.Vocabulary;
import org.seq2seq4j.text.WordTokenizer;

/**
 * Trains a {@link Translator} on sentence pairs: learns the tokenizers (subword merges) and
 * vocabularies, builds the {@link TranslationModel}, and trains it with teacher forcing on
 * mini-batches ({@code trainOnBatch}), reporting each batch and epoch to the callbacks
 * ({@code loss}, {@code tokens_per_second}, {@code learning_rate}; per epoch also {@code seconds}
 * (training and validation loss),
 * {@code val_loss} and {@code val_bleu}, the corpus BLEU of greedy translations of the first 1,000
 * validation pairs). With a {@link #checkpoint} file, the translator, the optimizer state and
 * the trainer's own state are written there after every epoch (atomically) and when
 * {@link #requestStop()} is called (Ctrl-C), so {@link #resume} continues exactly where it stopped.
 *
 * <p>Options, with their defaults: {@code level} char ({@code word}, {@code subword}: BPE with
 * {@link #bpeMerges} merges on each side), {@code architecture} attention, {@code cell} lstm,
 * {@code units} 64, {@code layers} 1, {@code embeddingDim} 32, {@code bidirectional} true,
 * {@code attention} bahdanau, {@code epochs} 10, {@code batchSize} 64, {@code maxSamples} all,
 * {@code validationSplit} 0.1 (the last fraction for lstm_seq2seq, as Keras; a seeded random one
 * otherwise), {@code optimizer} adam, {@code learningRate} 1e-3, {@code schedule} constant
 * ({@code exponential}: Keras ExponentialDecay by 0.9 per epoch; {@code cosine}: CosineDecay to 0
 * over the run, after {@code warmup} steps of linear warmup), {@code labelSmoothing} 0 (Keras's
 * categorical_crossentropy label_smoothing), {@code clipnorm} none, {@code epsilon} the optimizer's,
 * {@code seed} 42,
 * {@code earlyStopping} 0 (off; else the patience in epochs on val_loss, and the best weights are
 * restored).
 *
 * <pre>{@code
 * List<SentencePair> pairs = List.of(new SentencePair("one", "1", 1), new SentencePair("two", "2", 2));
 * TranslationTrainer trainer = new TranslationTrainer().units(16).embeddingDim(8).epochs(2).validationSplit(0);
 * Translator translator = trainer.train(pairs).translator();
 * }</pre>
 */
public final class TranslationTrainer {
    private static final System.Logger LOG = System.getLogger(TranslationTrainer.class.getName());
    private static final String SUBJECT = "TranslationTrainer";
    /** Validation pairs translated after every epoch for {@code val_bleu}. */
    static final int BLEU_PAIRS = 1000;

    private String level = "char";
    private Architecture architecture = Architecture.ATTENTION;
    private String cell = "lstm";
    private int units = 64;
    private int layers = 1;
    private int embeddingDim = 32;
    private boolean bidirectional = true;
    private String attention = "bahdanau";
    private int bpeMerges = 4000;
    private int maxVocabulary;
    private int epochs = 10;
    private int batchSize = 64;
    private int maxSamples;
    private double validationSplit = 0.1;
    private String optimizer = "adam";
    private double learningRate = 1e-3;
    private String schedule = "constant";
    private int warmup;
    private double labelSmoothing;
    private Double clipnorm;
    private Double epsilon;
    private long seed = 42;
    private int earlyStopping;
    private DecodeSettings decoding = DecodeSettings.defaults();
    private Path checkpoint;
    private boolean resume;
    private final List<Callback> callbacks = new ArrayList<>();
    private volatile boolean stopRequested;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** {@code char}, {@code word} or {@code subword}. */
    public TranslationTrainer level(String level) {
        String l = level == null ? "" : level.toLowerCase(Locale.ROOT);
        if (!List.of("char", "word", "subword").contains(l)) {
            throw ConfigException.argument(SUBJECT, "level", "char, word or subword", level);
        }
        this.level = l;
        return this;
    }

    public TranslationTrainer architecture(Architecture a) {
        if (a == null) {
            throw ConfigException.argument(SUBJECT, "arch", "an Architecture", null);
        }
        this.architecture = a;
        return this;
    }

    /** {@code lstm} or {@code gru}. */
    public TranslationTrainer cell(String cell) {
        this.cell = new ModelSpec(architecture, cell, 1, 1, 1, false, null, 1, 1).cell();
        return this;
    }

    public TranslationTrainer units(int n) {
        units = positive("units", n);
        return this;
    }

    public TranslationTrainer layers(int n) {
        layers = positive("layers", n);
        return this;
    }

    public TranslationTrainer embeddingDim(int n) {
        embeddingDim = positive("embedding_dim", n);
        return this;
    }

    public TranslationTrainer bidirectional(boolean b) {
        bidirectional = b;
        return this;
    }

    /** {@code bahdanau} (AdditiveAttention) or {@code luong} (dot-product Attention). */
    public TranslationTrainer attention(String kind) {
        this.attention = new ModelSpec(architecture, cell, 1, 1, 1, false, kind, 1, 1).attention();
        return this;
    }

    /** The number of BPE merges learned on each side at the subword level. */
    public TranslationTrainer bpeMerges(int n) {
        bpeMerges = positive("bpe_merges", n);
        return this;
    }

    /** At most this many tokens per vocabulary, specials included (0: all). */
    public TranslationTrainer maxVocabulary(int n) {
        if (n < 0) {
            throw ConfigException.argument(SUBJECT, "max_vocabulary", "0 (all) or more", n);
        }
        maxVocabulary = n;
        return this;
    }

    public TranslationTrainer epochs(int n) {
        epochs = positive("epochs", n);
        return this;
    }

    public TranslationTrainer batchSize(int n) {
        batchSize = positive("batch_size", n);
        return this;
    }

    /** Train on the first {@code n} pairs only (0: all). */
    public TranslationTrainer maxSamples(int n) {
        if (n < 0) {
            throw ConfigException.argument(SUBJECT, "max_samples", "0 (all) or more", n);
        }
        maxSamples = n;
        return this;
    }

    public TranslationTrainer validationSplit(double f) {
        if (!(f >= 0 && f < 1)) {
            throw ConfigException.argument(SUBJECT, "validation_split", "in [0, 1)", f);
        }
        validationSplit = f;
        return this;
    }

    /** A Keras optimizer name: adam, rmsprop, sgd, ... */
    public TranslationTrainer optimizer(String name) {
        Optimizers.get(name);
        optimizer = name;
        return this;
    }

    public TranslationTrainer learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw ConfigException.argument(SUBJECT, "learning_rate", "a finite number > 0", lr);
        }
        learningRate = lr;
        return this;
    }

    /** {@code constant}, {@code exponential} or {@code cosine}. */
    public TranslationTrainer schedule(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (!List.of("constant", "exponential", "cosine").contains(s)) {
            throw ConfigException.argument(SUBJECT, "lr_schedule", "constant, exponential or cosine", name);
        }
        schedule = s;
        return this;
    }

    /** Linear warmup steps before the cosine decay (needs {@code schedule("cosine")}). */
    public TranslationTrainer warmup(int steps) {
        if (steps < 0) {
            throw ConfigException.argument(SUBJECT, "warmup", "0 or more steps", steps);
        }
        warmup = steps;
        return this;
    }

    public TranslationTrainer labelSmoothing(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw ConfigException.argument(SUBJECT, "label_smoothing", "in [0, 1]", s);
        }
        labelSmoothing = s;
        return this;
    }

    public TranslationTrainer clipnorm(double norm) {
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw ConfigException.argument(SUBJECT, "clipnorm", "a finite number > 0", norm);
        }
        clipnorm = norm;
        return this;
    }

    /** The optimizer's Keras {@code epsilon} (default: the optimizer's own, 1e-7 for adam and rmsprop). */
    public TranslationTrainer epsilon(double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw ConfigException.argument(SUBJECT, "epsilon", "a finite number > 0", eps);
        }
        Optimizers.fromConfig(optimizer, new LayerConfig().put("epsilon", eps));
        epsilon = eps;
        return this;
    }

    public TranslationTrainer seed(long s) {
        seed = s;
        return this;
    }

    /** Stop when val_loss has not improved for {@code patience} epochs and keep the best weights (0: off). */
    public TranslationTrainer earlyStopping(int patience) {
        if (patience < 0) {
            throw ConfigException.argument(SUBJECT, "early_stopping", "0 (off) or a patience >= 1", patience);
        }
        earlyStopping = patience;
        return this;
    }

    /** The decoding the trained translator uses by default. */
    public TranslationTrainer decoding(DecodeSettings d) {
        if (d == null) {
            throw ConfigException.argument(SUBJECT, "decoding", "DecodeSettings", null);
        }
        decoding = d;
        return this;
    }

    /** Write a checkpoint (a loadable model file with the training state) here after every epoch. */
    public TranslationTrainer checkpoint(Path file) {
        checkpoint = file;
        return this;
    }

    /** Continue from the {@link #checkpoint} file (its tokenizers, vocabularies and weights). */
    public TranslationTrainer resume(boolean b) {
        resume = b;
        return this;
    }

    public TranslationTrainer callbacks(Callback... cs) {
        callbacks.addAll(List.of(cs));
        return this;
    }

    /**
     * Asks a running {@link #train} to stop after the current batch, write its checkpoint and return
     * (safe from any thread, e.g. a shutdown hook); see {@link #awaitStopped}.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits up to {@code millis} for {@link #train} to return; true if it has. */
    public boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw ConfigException.argument(SUBJECT, name, "an integer >= 1", n);
        }
        return n;
    }

    /** Trains on {@code pairs} (the first {@link #maxSamples} of them). */
    public TrainingResult train(List<SentencePair> pairs) {
        try {
            return run(pairs);
        } finally {
            stopped.countDown();
        }
    }

    private TrainingResult run(List<SentencePair> all) {
        if (schedule.equals("cosine") == false && warmup > 0) {
            throw ConfigException.argument(SUBJECT, "warmup", "0 unless the schedule is cosine", warmup);
        }
        if (resume && (checkpoint == null || !Files.exists(checkpoint))) {
            throw ConfigException.argument(SUBJECT, "resume", "an existing checkpoint file", checkpoint);
        }
        List<SentencePair> pairs = maxSamples > 0 && all.size() > maxSamples ? all.subList(0, maxSamples) : all;
        if (pairs.isEmpty()) {
            throw ConfigException.argument(SUBJECT, "pairs", "at least one sentence pair", 0);
        }
        TranslatorFile.Loaded restored = resume ? TranslatorFile.read(checkpoint, true) : null;
        Seq2Seq4j.seed(seed);
        Translator translator = restored != null ? restored.translator() : fresh(pairs);
        List<SentencePair> train;
        List<SentencePair> validation;
        if (architecture == Architecture.LSTM_SEQ2SEQ) {
            int split = (int) (pairs.size() * (1 - validationSplit));
            train = pairs.subList(0, split);
            validation = pairs.subList(split, pairs.size());
        } else {
            DataSplit<SentencePair> s = DataSplit.of(pairs, validationSplit, seed);
            train = s.train();
            validation = s.validation();
        }
        if (train.isEmpty()) {
            throw ConfigException.argument(SUBJECT, "validation_split", "a split leaving training pairs",
                    validationSplit);
        }
        TranslationModel model = translator.model();
        boolean oneHotTargets = labelSmoothing > 0;
        int[] lengths = model.oneHot() ? new ParallelData(pairs, translator.source(), translator.target(), model,
                oneHotTargets, null).lengths() : null;                 // the example pads to the longest of all
        ParallelData trainData = new ParallelData(train, translator.source(), translator.target(), model, oneHotTargets,
                lengths);
        ParallelData valData = validation.isEmpty() ? null : new ParallelData(validation, translator.source(),
                translator.target(), model, oneHotTargets, lengths);
        int steps = (trainData.size() + batchSize - 1) / batchSize;
        Functional net = model.training();
        Optimizer opt = optimizer(steps);
        net.compile(opt, loss(model));
        Progress progress = restored != null ? Progress.of(restored.training()) : new Progress();
        if (restored != null) {
            net.trainingState(restored.saved().trainingState());
        }
        if (restored != null) {
            restored.restore(opt);
        }
        return loop(translator, trainData, valData, validation, steps, opt, progress);
    }

    /** The trainer's place in the run, kept in checkpoints. */
    private static final class Progress {
        int epoch;
        int step;
        double lossSum;
        int seen;
        double best = Double.POSITIVE_INFINITY;
        int sinceBest;
        final List<Map<String, Double>> history = new ArrayList<>();

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", epoch);
            m.put("step", step);
            m.put("loss_sum", lossSum);
            m.put("seen", seen);
            m.put("best_val_loss", Double.isInfinite(best) ? null : best);
            m.put("epochs_since_best", sinceBest);
            m.put("history", new ArrayList<>(history));
            return m;
        }

        @SuppressWarnings("unchecked")
        static Progress of(Map<String, Object> m) {
            Progress p = new Progress();
            if (m == null) {
                return p;
            }
            p.epoch = ((Number) m.getOrDefault("epoch", 0L)).intValue();
            p.step = ((Number) m.getOrDefault("step", 0L)).intValue();
            p.lossSum = ((Number) m.getOrDefault("loss_sum", 0.0)).doubleValue();
            p.seen = ((Number) m.getOrDefault("seen", 0L)).intValue();
            Object best = m.get("best_val_loss");
            p.best = best instanceof Number b ? b.doubleValue() : Double.POSITIVE_INFINITY;
            p.sinceBest = ((Number) m.getOrDefault("epochs_since_best", 0L)).intValue();
            if (m.get("history") instanceof List<?> h) {
                for (Object e : h) {
                    Map<String, Double> logs = new LinkedHashMap<>();
                    ((Map<String, Object>) e).forEach((k, v) -> logs.put(k, ((Number) v).doubleValue()));
                    p.history.add(logs);
                }
            }
            return p;
        }
    }

    private TrainingResult loop(Translator translator, ParallelData trainData, ParallelData valData,
                                List<SentencePair> validation, int steps, Optimizer opt, Progress p) {
        Functional net = translator.model().training();
        callbacks.forEach(cb -> cb.setModel(net));
        callbacks.forEach(cb -> cb.onTrainBegin(epochs, steps));
        List<Tensor> bestWeights = null;
        boolean interrupted = false;
        Map<String, Double> logs = new LinkedHashMap<>();
        while (p.epoch < epochs && !interrupted) {
            int e = p.epoch;
            callbacks.forEach(cb -> cb.onEpochBegin(e));
            List<int[]> batches = trainData.batches(batchSize, new SplittableRandom(seed * 1_000_003L + e));
            long t0 = System.nanoTime();
            long tokens = 0;
            for (int s = p.step; s < batches.size(); s++) {
                ParallelData.Batch b = trainData.batch(batches.get(s));
                float loss = net.trainOnBatch(b.x(), List.of(b.y()));
                p.lossSum += (double) loss * b.samples();
                p.seen += b.samples();
                p.step = s + 1;
                tokens += b.targetTokens();
                double seconds = (System.nanoTime() - t0) / 1e9;
                logs = new LinkedHashMap<>();
                logs.put("loss", p.lossSum / p.seen);
                logs.put("tokens_per_second", tokens / Math.max(1e-9, seconds));
                logs.put("learning_rate", opt.learningRate());
                Map<String, Double> l = logs;
                int step = s;
                callbacks.forEach(cb -> cb.onBatchEnd(step, l));
                if (stopRequested && p.step < batches.size()) {
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                save(translator, opt, p);
                break;
            }
            if (valData != null) {
                logs.put("val_loss", validationLoss(net, valData));
            }
            logs.put("seconds", (System.nanoTime() - t0) / 1e9);     // training and validation loss, as Keras's epoch
            if (valData != null) {
                logs.put("val_bleu", validationBleu(translator, validation));
            }
            p.history.add(logs);
            p.epoch++;
            p.step = 0;
            p.lossSum = 0;
            p.seen = 0;
            boolean stop = false;
            if (earlyStopping > 0 && valData != null) {
                double v = logs.get("val_loss");
                if (v < p.best) {
                    p.best = v;
                    p.sinceBest = 0;
                    bestWeights = net.getWeights();
                } else if (++p.sinceBest >= earlyStopping) {
                    stop = true;
                    LOG.log(System.Logger.Level.INFO, "early stopping after epoch " + p.epoch + ": val_loss has not "
                            + "improved on " + p.best + " for " + earlyStopping + " epochs");
                }
            }
            Map<String, Double> l = logs;
            callbacks.forEach(cb -> cb.onEpochEnd(e, l));
            if (stop) {
                p.epoch = epochs;
            }
            save(translator, opt, p);
            interrupted = stopRequested && p.epoch < epochs;
        }
        if (bestWeights != null) {
            net.setWeights(bestWeights);
            save(translator, opt, p);
        }
        Map<String, Double> last = logs;
        callbacks.forEach(cb -> cb.onTrainEnd(last));
        return new TrainingResult(translator, List.copyOf(p.history), validation, interrupted);
    }

    private void save(Translator translator, Optimizer opt, Progress p) {
        if (checkpoint != null) {
            Map<String, Object> state = p.toMap();
            state.put("settings", settings());
            TranslatorFile.write(checkpoint, translator, new TranslatorFile.Checkpoint(state));
        }
    }

    /** The loss over the validation pairs, batch losses weighted by batch size (Keras's evaluate). */
    private double validationLoss(Functional net, ParallelData data) {
        double sum = 0;
        for (int[] rows : data.batches(batchSize, null)) {
            ParallelData.Batch b = data.batch(rows);
            sum += net.evaluate(b.x(), List.of(b.y()), b.samples()).get("loss") * b.samples();
        }
        double v = sum / data.size();
        if (!Double.isFinite(v)) {
            throw new TrainingException("validation loss is " + v + "; lower the learning rate or set clipnorm");
        }
        return v;
    }

    /** Corpus BLEU (sacreBLEU's defaults) of greedy translations of the first {@link #BLEU_PAIRS} validation pairs. */
    private static double validationBleu(Translator translator, List<SentencePair> validation) {
        List<SentencePair> some = validation.subList(0, Math.min(BLEU_PAIRS, validation.size()));
        List<String> sources = new ArrayList<>(some.size());
        List<String> refs = new ArrayList<>(some.size());
        for (SentencePair p : some) {
            sources.add(p.source());
            refs.add(p.target());
        }
        List<String> hyps = new ArrayList<>(some.size());
        translator.translate(sources, translator.decoder().beamSize(1)).forEach(t -> hyps.add(t.text()));
        return new BLEU().corpusScore(hyps, List.of(refs)).score();
    }

    private Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer);
        m.put("learning_rate", learningRate);
        m.put("lr_schedule", schedule);
        m.put("warmup", warmup);
        m.put("label_smoothing", labelSmoothing);
        m.put("clipnorm", clipnorm);
        m.put("epsilon", epsilon);
        m.put("seed", seed);
        m.put("validation_split", validationSplit);
        return m;
    }

    private Optimizer optimizer(int stepsPerEpoch) {
        Optimizer opt = epsilon == null ? Optimizers.get(optimizer)
                : Optimizers.fromConfig(optimizer, new LayerConfig().put("epsilon", epsilon));
        long total = (long) stepsPerEpoch * epochs;
        switch (schedule) {
            case "exponential" -> opt.learningRate(new ExponentialDecay(learningRate, stepsPerEpoch, 0.9));
            case "cosine" -> opt.learningRate(warmup > 0
                    ? new CosineDecay(0.0, Math.max(1, total - warmup)).warmupTarget(learningRate).warmupSteps(warmup)
                    : new CosineDecay(learningRate, Math.max(1, total)));
            default -> opt.learningRate(learningRate);
        }
        if (clipnorm != null) {
            opt.clipnorm(clipnorm);
        }
        return opt;
    }

    private Loss loss(TranslationModel model) {
        if (labelSmoothing > 0 || model.oneHot()) {
            return new CategoricalCrossentropy().labelSmoothing(labelSmoothing);
        }
        return new SparseCategoricalCrossentropy();
    }

    /** Tokenizers, vocabularies and an untrained model for {@code pairs}. */
    private Translator fresh(List<SentencePair> pairs) {
        List<String> sources = new ArrayList<>(pairs.size());
        List<String> targets = new ArrayList<>(pairs.size());
        for (SentencePair p : pairs) {
            sources.add(p.source());
            targets.add(p.target());
        }
        TextTokenizer sourceTokenizer = tokenizer(sources);
        TextTokenizer targetTokenizer = tokenizer(targets);
        boolean keras = architecture == Architecture.LSTM_SEQ2SEQ;
        Vocabulary.Builder sb = Vocabulary.builder().maxSize(maxVocabulary);
        Vocabulary.Builder tb = Vocabulary.builder().maxSize(maxVocabulary);
        if (keras) {
            sb.sorted(true);
            tb.sorted(true).startToken("\t").endToken("\n");
        } else {
            sb.padToken("<pad>").oovToken("<unk>");
            tb.padToken("<pad>").startToken("<s>").endToken("</s>").oovToken("<unk>");
        }
        Vocabulary sv = sb.build(tokenized(sourceTokenizer, sources));
        Vocabulary tv = tb.build(tokenized(targetTokenizer, targets));
        ModelSpec spec = new ModelSpec(architecture, cell, units, layers, embeddingDim, bidirectional, attention,
                sv.size(), tv.size());
        return new Translator(new TokenCodec(sourceTokenizer, sv), new TokenCodec(targetTokenizer, tv),
                TranslationModel.build(spec), decoding);
    }

    private TextTokenizer tokenizer(List<String> texts) {
        return switch (level) {
            case "word" -> new WordTokenizer().joiner("\uFFED");
            case "subword" -> BpeTokenizer.learn(texts, bpeMerges, 2, new WordTokenizer().joiner("\uFFED"));
            default -> new CharTokenizer();
        };
    }

    private static List<List<String>> tokenized(TextTokenizer t, List<String> texts) {
        List<List<String>> out = new ArrayList<>(texts.size());
        texts.forEach(s -> out.add(t.tokenize(s)));
        return out;
    }
}
