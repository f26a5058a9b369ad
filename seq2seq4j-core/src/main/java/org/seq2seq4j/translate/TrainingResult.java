package org.seq2seq4j.translate;

import java.util.List;
import java.util.Map;
import org.seq2seq4j.text.SentencePair;

/**
 * What {@link TranslationTrainer#train} gives back: the translator (with the best weights when early
 * stopping restored them), the logs of every epoch ({@code loss}, {@code val_loss}, {@code val_bleu},
 * {@code seconds}, {@code tokens_per_second}), the validation pairs and whether training stopped early on request.
 *
 * <pre>{@code
 * TrainingResult r = new TranslationTrainer().epochs(5).train(pairs);
 * double last = r.history().get(r.history().size() - 1).get("val_loss");
 * Translator t = r.translator();
 * }</pre>
 */
public record TrainingResult(Translator translator, List<Map<String, Double>> history, List<SentencePair> validation,
                             boolean interrupted) {
}
