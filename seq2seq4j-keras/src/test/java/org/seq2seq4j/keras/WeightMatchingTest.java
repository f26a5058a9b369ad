package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ModelFormatException;
import org.seq2seq4j.layers.CustomObjects;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Softmax;
import org.seq2seq4j.models.Model;
import org.seq2seq4j.testing.Goldens;

/**
 * How weights files are matched to models, as Keras's {@code load_weights}: by the order of
 * {@code model.layers} (default), by name, and with {@code skip_mismatch}. The layer order itself
 * is checked against what Keras wrote: every real full-model {@code .h5} in the shared data lists
 * its {@code model.layers} in the attribute {@code layer_names}, and the order computed for the
 * imported model must equal it.
 */
class WeightMatchingTest {
    private static final Path DATA = Goldens.SHARED.resolve("data");
    private static final Path KASHDOG = DATA.resolve("keras2-s2s-sql-kashdog/s2s.h5");

    @BeforeAll
    static void needData() {
        assumeTrue(Files.isDirectory(DATA), "skipped: no shared data at " + DATA);
    }

    static Stream<Path> fullModelFiles() {
        return RealFiles.h5Files().stream().filter(RealFiles::isFullModel);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullModelFiles")
    void theLayerOrderIsKerasModelLayers(Path file) {
        Model m = KerasH5.load(file, RealFiles.customObjects(file));
        List<String> expected;
        try (H5File h5 = H5File.open(file)) {
            expected = h5.strings(h5.group(h5.root(), "model_weights"), "layer_names");
        }
        List<String> order = KerasLayerOrder.of(m).stream().map(Layer::name)
                .filter(expected::contains).toList();   // our extra custom-activation layers are not Keras layers
        assertEquals(expected, order);
    }

    @Test
    void aDeeperBranchReachedLaterStillComesFirst() {
        // outputs [c(a), big(small(a))]: a depth-first trace meets c first, but Keras orders by depth
        // (small is one call deeper than c and big), then by first visit: [a, small, c, big]
        String json = """
                {"class_name": "Model", "keras_version": "2.4.0", "config": {"name": "m", "layers": [
                  {"name": "a", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 2], "name": "a"},
                   "inbound_nodes": []},
                  {"name": "c", "class_name": "Dense", "config": {"name": "c", "units": 1},
                   "inbound_nodes": [[["a", 0, 0, {}]]]},
                  {"name": "small", "class_name": "Dense", "config": {"name": "small", "units": 3},
                   "inbound_nodes": [[["a", 0, 0, {}]]]},
                  {"name": "big", "class_name": "Dense", "config": {"name": "big", "units": 4},
                   "inbound_nodes": [[["small", 0, 0, {}]]]}],
                  "input_layers": [["a", 0, 0]], "output_layers": [["c", 0, 0], ["big", 0, 0]]}}
                """;
        Model m = KerasJson.model(json, "m.json");
        assertEquals(List.of("a", "small", "c", "big"), KerasLayerOrder.of(m).stream().map(Layer::name).toList());
    }

    @Test
    void layersAreMatchedByOrderSoRenamedLayersStillLoad() {
        Model reference = KerasH5.load(KASHDOG);
        Model renamed = KerasJson.model(FunctionalConfigTest.KERAS2_S2S.replace("dense_1", "dense_9"), "s2s.json");
        KerasH5.loadWeights(renamed, KASHDOG);
        assertArrayEquals(reference.getLayer("dense_1").weights().get(0).value().data(),
                renamed.getLayer("dense_9").weights().get(0).value().data());
    }

    @Test
    void byNameLeavesWhatDoesNotMatchAndReportsIt() {
        Model renamed = KerasJson.model(FunctionalConfigTest.KERAS2_S2S.replace("dense_1", "dense_9"), "s2s.json");
        float[] before = renamed.getLayer("dense_9").weights().get(0).value().data().clone();
        LoadReport r = KerasH5.loadWeights(renamed, KASHDOG, true, false);
        assertEquals(List.of("lstm_1", "lstm_2"), r.loaded());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith("dense_1: in the file (/model_weights/dense_1/)"), r.skipped().get(0));
        assertTrue(r.skipped().get(1).startsWith("dense_9: the file has no weights"), r.skipped().get(1));
        assertArrayEquals(before, renamed.getLayer("dense_9").weights().get(0).value().data());
    }

    @Test
    void skipMismatchLeavesMismatchedLayersAndReportsThem() {
        Model m = KerasJson.model(FunctionalConfigTest.KERAS2_S2S.replace("\"units\": 16", "\"units\": 15")
                .replace("[null, null, 16]", "[null, null, 15]"), "s2s.json");
        LoadReport r = KerasH5.loadWeights(m, KASHDOG, false, true);
        assertEquals(List.of("lstm_1"), r.loaded());
        assertEquals(2, r.skipped().size(), r.skipped().toString());
        assertTrue(r.skipped().get(0).startsWith("lstm_2: weight 0 (/model_weights/lstm_2/lstm_2/kernel:0) has shape"
                + " (16, 128) but LSTM 'lstm_2' expects (15, 128)"), r.skipped().get(0));
        assertTrue(r.skipped().get(1).startsWith("dense_1: weight 0"), r.skipped().get(1));
        assertArrayEquals(KerasH5.load(KASHDOG).getLayer("lstm_1").weights().get(1).value().data(),
                m.getLayer("lstm_1").weights().get(1).value().data());
    }

    @Test
    void aDifferentNumberOfLayersByOrderNamesBoth() {
        Model other = KerasJson.model(FunctionalConfigTest.KERAS2_S2S, "s2s.json");
        Path date = DATA.resolve("keras2-date-attention-deeplearningai/model.h5");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasH5.loadWeights(other, date));
        assertTrue(e.getMessage().contains("the file has 5 layers with weights [bidirectional_10, dense_36, dense_37,"
                + " lstm_20, dense_38] but the model has 3 [lstm_1, lstm_2, dense_1]"), e.getMessage());
    }

    @Test
    void aCustomActivationIsScopedToTheImportThatNamesIt() {
        Path date = DATA.resolve("keras2-date-attention-deeplearningai/model.h5");
        Model withCustom = KerasH5.load(date, new CustomObjects().activation("softmax", () -> new Softmax(1)));
        assertTrue(withCustom.getLayer("attention_weights") instanceof Softmax);
        Model plain = KerasH5.load(date);
        assertEquals("Activation", plain.getLayer("attention_weights").className());
    }
}
