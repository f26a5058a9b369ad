package org.seq2seq4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/translate}: {@code {"model": name, "texts": [...], "beam": k, "n_best": n,
 * "attention": true}} (model optional when one text model is served; beam 1, n_best 1 and no
 * attention by default) gives
 * {@code {"model": name, "translations": [best per text], "scores": [its log-probability],
 * "results": [{"source_tokens": [...], "n_best": [{"translation", "tokens", "score",
 * "normalized_score", "attention": [[...] per output token]}]}]}}.
 */
final class TranslateEndpoint {
    private static final Set<String> FIELDS = Set.of("model", "texts", "beam", "n_best", "attention");

    private final ServerOptions options;
    private final ModelRepository models;

    TranslateEndpoint(ServerOptions options, ModelRepository models) {
        this.options = options;
        this.models = models;
    }

    /** The model the request names, or the only text model; checked before the body's other fields. */
    ModelEntry model(ObjectNode body) {
        JsonRequests.allowOnly(body, "the translate request", FIELDS);
        String name = JsonRequests.string(body, "model");
        if (name != null) {
            ModelEntry e = models.get(name);
            if (!(e.model() instanceof TextModel)) {
                throw HttpError.badRequest("the model '" + name + "' is a tensor model; use /v2/models/" + name
                        + "/infer");
            }
            return e;
        }
        List<ModelEntry> text = new ArrayList<>();
        models.entries().forEach(e -> {
            if (e.model() instanceof TextModel) {
                text.add(e);
            }
        });
        if (text.size() != 1) {
            throw HttpError.badRequest("say which model: 'model' must be one of the text models "
                    + text.stream().map(ModelEntry::name).toList());
        }
        return text.get(0);
    }

    CompletableFuture<ObjectNode> translate(ModelEntry entry, ObjectNode body, long deadline) {
        List<JsonNode> values = new ArrayList<>();
        JsonRequests.array(body, "texts").forEach(values::add);
        List<String> texts = JsonRequests.texts(values, "texts", options.maxTexts(), options.maxTextLength());
        int beam = JsonRequests.integer(body, "beam", 1, 1, TranslateOptions.MAX_BEAM);
        int nBest = JsonRequests.integer(body, "n_best", 1, 1, beam);
        TranslateOptions o = new TranslateOptions(beam, nBest, JsonRequests.bool(body, "attention", false));
        return entry.translate(texts, o, deadline).thenApply(r -> response(entry.name(), r));
    }

    private static ObjectNode response(String model, List<TextResult> results) {
        ObjectNode out = JsonRequests.MAPPER.createObjectNode().put("model", model);
        ArrayNode translations = out.putArray("translations");
        ArrayNode scores = out.putArray("scores");
        ArrayNode detail = out.putArray("results");
        for (TextResult r : results) {
            Translation best = r.nBest().get(0);
            translations.add(best.text());
            scores.add(best.score());
            ObjectNode d = detail.addObject();
            ArrayNode source = d.putArray("source_tokens");
            r.sourceTokens().forEach(source::add);
            ArrayNode nBest = d.putArray("n_best");
            for (Translation t : r.nBest()) {
                ObjectNode h = nBest.addObject().put("translation", t.text());
                ArrayNode tokens = h.putArray("tokens");
                t.tokens().forEach(tokens::add);
                h.put("score", t.score()).put("normalized_score", t.normalizedScore());
                if (t.attention() != null) {
                    ArrayNode rows = h.putArray("attention");
                    for (float[] row : t.attention()) {
                        ArrayNode a = rows.addArray();
                        for (int j = 0; j < r.sourceTokens().size() && j < row.length; j++) {
                            a.add(row[j]);
                        }
                    }
                }
            }
        }
        return out;
    }
}
