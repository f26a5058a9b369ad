package org.seq2seq4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function2;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.Seq2SeqException;
import org.seq2seq4j.kernels.Gemms;
import scala.Tuple2;

/**
 * One partition's translations, run on an executor: rows are read in windows of {@code window}
 * sentences, each window goes to the executor's translator at once (which sorts it by length into
 * batches), and the results come out in the rows' order. The translator is loaded once per
 * executor JVM. Nothing but the rows decides the output, so a retried task gives the same rows.
 */
final class TranslateTask implements Function2<Integer, Iterator<Tuple2<Long, String>>, Iterator<TranslatedRow>> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, SentenceTranslator> LOADED = new ConcurrentHashMap<>();

    private final TranslatorSource source;
    private final int window;
    private final int computeThreads;

    TranslateTask(TranslatorSource source, int window, int computeThreads) {
        this.source = source;
        this.window = window;
        this.computeThreads = computeThreads;
    }

    @Override
    public Iterator<TranslatedRow> call(Integer partition, Iterator<Tuple2<Long, String>> rows) {
        TaskHook.Installed.run("translate", 0, 0, partition);
        if (!rows.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        if (computeThreads > 0 && Gemms.threads() != computeThreads) {
            Gemms.setThreads(computeThreads);
        }
        SentenceTranslator translator = LOADED.computeIfAbsent(source.key(), k -> source.load());
        return new Iterator<>() {
            private final List<Long> ids = new ArrayList<>(window);
            private final List<String> texts = new ArrayList<>(window);
            private List<SentenceTranslator.Result> results = List.of();
            private int next;
            private long row;

            @Override
            public boolean hasNext() {
                if (next < results.size()) {
                    return true;
                }
                if (!rows.hasNext()) {
                    return false;
                }
                ids.clear();
                texts.clear();
                while (rows.hasNext() && texts.size() < window) {
                    Tuple2<Long, String> r = rows.next();
                    if (r == null || r._1() == null || r._2() == null) {
                        throw new ModelFormatException("SparkTranslate input", "partition " + partition + ", row " + row
                                + (r == null || r._1() == null ? "" : " (id " + r._1() + ")"),
                                r == null ? "is null" : r._1() == null ? "has no id (null)" : "has no text (null)");
                    }
                    ids.add(r._1());
                    texts.add(r._2());
                    row++;
                }
                results = translator.translate(texts);
                if (results.size() != texts.size()) {
                    throw new Seq2SeqException("SparkTranslate: " + source + " gave " + results.size()
                            + " translations for " + texts.size() + " sentences");
                }
                next = 0;
                return true;
            }

            @Override
            public TranslatedRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SentenceTranslator.Result r = results.get(next);
                return new TranslatedRow(ids.get(next++), r.text(), r.score());
            }
        };
    }
}
