package org.seq2seq4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.text.CharTokenizer;

/**
 * A text model whose answers are known by hand: hypothesis k of a text is the text reversed with
 * k '!' after it, score {@code -(length + k)}, normalized score {@code score / length}, attention
 * row i all on source character {@code length - 1 - i}. It records every batch's size, can be made to
 * wait for {@link #gate} permits before each call, and refuses texts containing '#'.
 */
final class Reverser implements TextModel {
    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    final String suffix;

    Reverser() {
        this("");
    }

    Reverser(String suffix) {
        this.suffix = suffix;
    }

    @Override
    public List<TextResult> translate(List<String> texts, TranslateOptions options) {
        gate.acquireUninterruptibly();
        batches.add(texts.size());
        List<TextResult> out = new ArrayList<>();
        for (String t : texts) {
            if (t.contains("#")) {
                throw ConfigException.argument("Reverser", "text", "no '#'", t);
            }
            List<String> source = new CharTokenizer().tokenize(t);
            List<Translation> n = new ArrayList<>();
            for (int k = 0; k < options.nBest(); k++) {
                String text = new StringBuilder(t).reverse() + "!".repeat(k) + suffix;
                float[][] att = null;
                if (options.attention()) {
                    att = new float[source.size()][source.size()];
                    for (int i = 0; i < source.size(); i++) {
                        att[i][source.size() - 1 - i] = 1f;
                    }
                }
                double score = -(source.size() + k);
                n.add(new Translation(text, new CharTokenizer().tokenize(text), score, score / source.size(), att));
            }
            out.add(new TextResult(source, n));
        }
        return out;
    }
}
