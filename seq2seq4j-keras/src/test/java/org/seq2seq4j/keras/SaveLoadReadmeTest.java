package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.io.Models;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;
import org.seq2seq4j.testing.LayerExamples;

/** The README's "Save and load" snippet, word for word (paths in a temporary folder). */
class SaveLoadReadmeTest {
    @TempDir
    Path tmp;

    @Test
    void readmeSnippet() throws Exception {
        Model model = LayerExamples.of("LSTM.keras2").model().get();       // uses Keras 2's hard_sigmoid
        byte[] vocabularyJson = "[\"<pad>\", \"a\"]".getBytes(StandardCharsets.UTF_8);
        model.assets().put("vocabulary/target.json", vocabularyJson);    // named entries travel with the model
        model.save(tmp.resolve("model.s2s"));                             // atomic: the old file survives a crash
        Model same = Models.load(tmp.resolve("model.s2s"));               // same predictions, bit for bit
        KerasModels.save(same, tmp.resolve("model.keras"));               // Keras 3 loads it: keras.saving.load_model
        Model back = KerasModels.load(tmp.resolve("model.keras"));        // also .s2s, .h5 and TF.js model.json

        Tensor x = Tensor.random(Shape.of(2, 5, 4), 3);
        assertArrayEquals(model.predict(x).data(), same.predict(x).data(), 0f);
        assertArrayEquals(model.predict(x).data(), back.predict(x).data(), 0f);
        assertArrayEquals(vocabularyJson, same.assets().get("vocabulary/target.json"));
        try (ZipFile z = new ZipFile(tmp.resolve("model.keras").toFile())) {
            String config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(config.contains("\"recurrent_activation\": {\"module\": null, \"class_name\": \"function\", \"config\":"
                    + " \"seq2seq4j>hard_sigmoid_keras2\", \"registered_name\": \"seq2seq4j>hard_sigmoid_keras2\"}"), config);
        }
    }
}
