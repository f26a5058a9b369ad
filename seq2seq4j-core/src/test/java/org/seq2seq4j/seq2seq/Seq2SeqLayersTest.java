package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.seq2seq4j.testing.TensorAssert.assertAllClose;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.layers.CallContext;
import org.seq2seq4j.layers.InputLayer;
import org.seq2seq4j.layers.Layer;
import org.seq2seq4j.layers.Layers;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.tensor.Shape;
import org.seq2seq4j.tensor.Tensor;

/**
 * The layers and cells of the seq2seq families: config round trips give the same layer (same
 * config, same outputs for the same weights), every layer of every family loads from its config,
 * and the layers' own behaviour (teacher forcing only in training, dropout only in training, a
 * new dropout mask per step).
 */
class Seq2SeqLayersTest {
    static Stream<Layer> layers() {
        return Stream.of(
                new Seq2SeqEncoder(3, 2, CellType.GRU).dropout(0.2).returnState(true).name("enc"),
                new Seq2SeqEncoder(3, 1),
                new Seq2SeqDecoder(4, 3, 5, 2).peek(true).dropout(0.1).outputActivation("softmax").name("dec"),
                new Seq2SeqDecoder(4, 3, 5, 1, CellType.GRU).teacherForce(true),
                new AttentionDecoderRNN(new AttentionDecoderCell(4, 3).outputActivation("softmax"), 5),
                new AttentionDecoderRNN(new AttentionGRUDecoderCell(4, 3), 2),
                new RNN(new LSTMDecoderCell(4, 3)).returnSequences(true),
                new RNN(new GRUDecoderCell(4, 3).outputActivation("softmax")).returnSequences(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void configRoundTripGivesTheSameLayer(Layer layer) {
        Layer again = Layers.deserialize(Layers.serialize(layer));
        assertEquals(Layers.serialize(layer).toString(), Layers.serialize(again).toString());
        List<Tensor> in = inputsFor(layer);
        List<Shape> shapes = in.stream().map(Tensor::shape).toList();
        layer.build(shapes);
        again.build(shapes);
        again.setWeights(layer.getWeights());
        Tensor[] x = in.toArray(new Tensor[0]);
        Tensor[] a = layer.call(CallContext.inference(), x);
        Tensor[] b = again.call(CallContext.inference(), x);
        for (int k = 0; k < a.length; k++) {
            assertAllClose(a[k], b[k], 0, layer + " output " + k);
        }
    }

    private static List<Tensor> inputsFor(Layer layer) {
        SplittableRandom r = new SplittableRandom(2);
        if (layer instanceof Seq2SeqEncoder) {
            return List.of(Seq2SeqCellsTest.random(Shape.of(2, 4, 3), r, 1));
        }
        if (layer instanceof Seq2SeqDecoder d) {
            Tensor c = Seq2SeqCellsTest.random(Shape.of(2, 4), r, 1);
            return d.teacherForce() ? List.of(c, Seq2SeqCellsTest.random(Shape.of(2, 5, 4), r, 1)) : List.of(c);
        }
        return List.of(Seq2SeqCellsTest.random(Shape.of(2, 6, 3), r, 1));
    }

    @Test
    void everyLayerOfEveryFamilyLoadsFromItsConfig() {
        List<Functional> models = List.of(
                new SimpleSeq2Seq.Builder().inputDim(5).hiddenDim(4).outputLength(3).outputDim(5).depth(2).dropout(0.1)
                        .cell(CellType.GRU).outputActivation("softmax").build(),
                new Seq2Seq.Builder().inputDim(5).hiddenDim(4).outputLength(3).outputDim(5).depth(2).peek(true)
                        .teacherForce(true).dropout(0.1).embedding(3, true).build(),
                new AttentionSeq2Seq.Builder().inputDim(5).hiddenDim(4).outputLength(3).outputDim(5).depth(3)
                        .dropout(0.2).build());
        for (Functional m : models) {
            for (Layer l : m.layers()) {
                if (!(l instanceof InputLayer)) {
                    assertEquals(Layers.serialize(l).toString(), Layers.serialize(Layers.deserialize(Layers.serialize(l)))
                            .toString(), m.name() + " " + l.describe());
                }
            }
        }
    }

    @Test
    void teacherForcingAppliesToTrainingCallsOnly() {
        Seq2SeqDecoder forced = new Seq2SeqDecoder(4, 3, 5, 1).teacherForce(true);
        Seq2SeqDecoder free = new Seq2SeqDecoder(4, 3, 5, 1);
        SplittableRandom r = new SplittableRandom(8);
        Tensor c = Seq2SeqCellsTest.random(Shape.of(2, 4), r, 1);
        Tensor targets = Seq2SeqCellsTest.random(Shape.of(2, 5, 4), r, 1);
        forced.build(List.of(c.shape(), targets.shape()));
        free.build(c.shape());
        free.setWeights(forced.getWeights());
        Tensor inference = forced.call(CallContext.inference(), c, targets)[0];
        assertAllClose(free.apply(c), inference, 0, "outside training the targets are not read");
        Tensor training = forced.call(CallContext.training(new SplittableRandom(1)), c, targets)[0];
        float[] first = java.util.Arrays.copyOfRange(training.data(), 0, 4);
        assertAllClose(java.util.Arrays.copyOfRange(inference.data(), 0, 4), first, 0, "step 0 reads C either way");
        assertNotEquals(inference.data()[4], training.data()[4], "step 1 reads the target of step 0 in training");
    }

    @Test
    void dropoutDrawsANewMaskPerStepInTrainingOnly() {
        Seq2SeqEncoder enc = new Seq2SeqEncoder(3, 1).dropout(0.5).returnSequences(true);
        Tensor x = Seq2SeqCellsTest.random(Shape.of(1, 40, 3), new SplittableRandom(4), 1);
        Seq2SeqEncoder plain = new Seq2SeqEncoder(3, 1).returnSequences(true);
        plain.build(x.shape());
        enc.build(x.shape());
        enc.setWeights(plain.getWeights());
        assertAllClose(plain.apply(x), enc.apply(x), 0, "inference: no dropout");
        Tensor y = enc.call(CallContext.training(new SplittableRandom(3)), x)[0];
        int zeros = 0;
        int patterns = 0;
        String previous = "";
        for (int t = 0; t < 40; t++) {
            StringBuilder p = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                boolean dropped = y.data()[t * 3 + j] == 0f;
                zeros += dropped ? 1 : 0;
                p.append(dropped ? '0' : '1');
            }
            patterns += p.toString().equals(previous) ? 0 : 1;
            previous = p.toString();
        }
        // 120 outputs each dropped with probability 1/2: 60 ± 5.5 (one sd); a fixed mask repeats its pattern
        assertEquals(60, zeros, 20, "about half the outputs are dropped");
        assertEquals(true, patterns > 10, "the mask changes from step to step (" + patterns + " changes)");
    }
}
