package org.seq2seq4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.ShapeException;
import org.seq2seq4j.autodiff.Variable;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Tensor;

/** Clipping against hand computation, state round trips, configs and error messages. */
class OptimizerTest {
    private static Variable var(String path, float... v) {
        return new Variable(path, Tensor.of(v, v.length), true);
    }

    private static Tensor t(float... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void clipnormScalesEachVariableOnItsOwn() {
        Variable a = var("a", 0, 0);
        Variable b = var("b", 0, 0);
        new SGD().learningRate(1).clipnorm(1).apply(List.of(a, b), List.of(t(3, 4), t(0.1f, 0)));
        assertArrayEquals(new float[] {-0.6f, -0.8f}, a.value().data(), 1e-7f);   // norm 5 -> 1
        assertArrayEquals(new float[] {-0.1f, 0}, b.value().data(), 1e-7f);       // norm 0.1 < 1: unchanged
    }

    @Test
    void globalClipnormScalesAllVariablesTogether() {
        Variable a = var("a", 0, 0);
        Variable b = var("b", 0, 0);
        new SGD().learningRate(1).globalClipnorm(1).apply(List.of(a, b), List.of(t(3, 4), t(0, 12)));
        // joint norm sqrt(9 + 16 + 144) = 13
        assertArrayEquals(new float[] {-3f / 13, -4f / 13}, a.value().data(), 1e-7f);
        assertArrayEquals(new float[] {0, -12f / 13}, b.value().data(), 1e-7f);
    }

    @Test
    void globalClipnormLeavesSmallGradientsAlone() {
        Variable a = var("a", 1, 1);
        new SGD().learningRate(1).globalClipnorm(10).apply(List.of(a), List.of(t(3, 4)));
        assertArrayEquals(new float[] {-2, -3}, a.value().data(), 1e-7f);
    }

    @Test
    void clipvalueClipsEachElement() {
        Variable a = var("a", 0, 0, 0);
        Tensor g = t(3, -4, 0.2f);
        new SGD().learningRate(1).clipvalue(0.5).apply(List.of(a), List.of(g));
        assertArrayEquals(new float[] {-0.5f, 0.5f, -0.2f}, a.value().data(), 1e-7f);
        assertArrayEquals(new float[] {3, -4, 0.2f}, g.data(), "the caller's gradient is not modified");
    }

    @Test
    void clippingComposesWithTheRule() {
        // clipped g = (3, -4) * 1e-3 / 5; Adam step 1: m = 0.1 g, v = 0.001 g^2,
        // p = -alpha m / (sqrt(v) + 1e-7) with alpha = 0.1 * sqrt(0.001) / 0.1
        Variable a = var("a", 0, 0);
        new Adam().learningRate(0.1).clipnorm(1e-3).apply(List.of(a), List.of(t(3, -4)));
        double alpha = Math.sqrt(0.001);
        float[] expected = new float[2];
        double[] g = {0.6e-3, -0.8e-3};
        for (int i = 0; i < 2; i++) {
            expected[i] = (float) (-alpha * 0.1 * g[i] / (Math.sqrt(0.001 * g[i] * g[i]) + 1e-7));
        }
        assertArrayEquals(expected, a.value().data(), 1e-6f);
    }

    @Test
    void onlyOneClippingOption() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Adam().clipnorm(1).clipvalue(1));
        assertEquals("clipvalue", e.argument());
        assertTrue(e.received().contains("clipnorm"), e.getMessage());
        assertThrows(ConfigException.class, () -> new SGD().clipnorm(-1));
    }

    static Stream<Arguments> optimizers() {
        List<Supplier<Optimizer>> list = List.of(
                () -> new SGD().momentum(0.9).nesterov(true),
                () -> new RMSprop().momentum(0.5).centered(true),
                () -> new Adam().amsgrad(true),
                Adagrad::new, Adadelta::new, Adamax::new, Nadam::new);
        return list.stream().map(s -> Arguments.of(s.get().name(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void stateRoundTripGivesTheIdenticalNextStep(String name, Supplier<Optimizer> make) {
        List<Variable> v1 = List.of(var("dense/kernel", 1, -2, 3), var("dense/bias", 0.5f));
        List<Variable> v2 = List.of(var("dense/kernel", 1, -2, 3), var("dense/bias", 0.5f));
        Optimizer first = make.get().learningRate(0.05);
        for (int step = 0; step < 3; step++) {
            first.apply(v1, grads(step));
        }
        Map<String, Tensor> state = first.state();
        for (int i = 0; i < v1.size(); i++) {
            v2.get(i).assign(v1.get(i).value());
        }
        Optimizer second = make.get().learningRate(0.05);
        second.build(v2);
        second.loadState(state);
        assertEquals(3, second.iterations());
        first.apply(v1, grads(3));
        second.apply(v2, grads(3));
        for (int i = 0; i < v1.size(); i++) {
            assertArrayEquals(v1.get(i).value().data(), v2.get(i).value().data(), name + " " + v1.get(i));
        }
        assertTrue(state.containsKey(name + "/" + first.slotNames()[0] + "/dense/kernel"), state.keySet().toString());
    }

    private static List<Tensor> grads(int step) {
        return List.of(t(0.1f * step - 0.2f, 0.3f, -0.05f * step), t(0.2f - 0.1f * step));
    }

    @Test
    void stateNamesFollowKeras() {
        Optimizer adam = new Adam();
        adam.build(List.of(var("dense/bias", 0)));
        assertEquals(List.of("iterations", "adam/momentum/dense/bias", "adam/velocity/dense/bias"),
                new ArrayList<>(adam.state().keySet()));
        Optimizer nadam = new Nadam();
        nadam.build(List.of(var("x", 0)));
        assertTrue(nadam.state().containsKey("nadam/u_product"));
    }

    @Test
    void loadStateValidatesNamesAndShapes() {
        Optimizer adam = new Adam();
        adam.build(List.of(var("w", 0, 0)));
        Map<String, Tensor> missing = new LinkedHashMap<>(adam.state());
        missing.remove("adam/velocity/w");
        ConfigException m = assertThrows(ConfigException.class, () -> adam.loadState(missing));
        assertEquals("missing", m.received());

        Map<String, Tensor> unknown = new LinkedHashMap<>(adam.state());
        unknown.put("adam/momentum/other", t(0));
        ConfigException u = assertThrows(ConfigException.class, () -> adam.loadState(unknown));
        assertEquals("state key 'adam/momentum/other'", u.argument());

        Map<String, Tensor> shape = new LinkedHashMap<>(adam.state());
        shape.put("adam/momentum/w", t(0, 0, 0));
        ShapeException s = assertThrows(ShapeException.class, () -> adam.loadState(shape));
        assertEquals(Tensor.zeros(3).shape(), s.received());

        Optimizer unbuilt = new Adam();
        assertThrows(ConfigException.class, () -> unbuilt.loadState(adam.state()));
    }

    @Test
    void applyValidatesSizesShapesAndVariables() {
        Variable w = var("dense/kernel", 1, 2);
        Optimizer sgd = new SGD();
        ConfigException c = assertThrows(ConfigException.class, () -> sgd.apply(List.of(w), List.of()));
        assertEquals("grads", c.argument());
        ShapeException s = assertThrows(ShapeException.class, () -> sgd.apply(List.of(w), List.of(t(1, 2, 3))));
        assertTrue(s.subject().contains("dense/kernel"), s.getMessage());
        sgd.apply(List.of(w), List.of(t(1, 1)));
        Variable other = var("other", 1, 2);
        assertThrows(ConfigException.class, () -> sgd.apply(List.of(other), List.of(t(1, 1))));
    }

    @Test
    void defaultsAndConfigFollowKeras3() {
        assertEquals(0.01, Optimizers.get("sgd").learningRate());
        for (String n : List.of("rmsprop", "adam", "adagrad", "adadelta", "adamax", "nadam")) {
            assertEquals(0.001, Optimizers.get(n).learningRate(), n);
        }
        LayerConfig adam = Optimizers.get("Adam").getConfig();
        assertEquals(0.9, adam.get("beta_1"));
        assertEquals(0.999, adam.get("beta_2"));
        assertEquals(1e-7, adam.get("epsilon"));
        assertEquals(false, adam.get("amsgrad"));
        assertEquals(0.95, Optimizers.get("adadelta").getConfig().get("rho"));
        assertEquals(0.9, Optimizers.get("rmsprop").getConfig().get("rho"));
        assertEquals(0.1, Optimizers.get("adagrad").getConfig().get("initial_accumulator_value"));
        assertTrue(adam.keys().containsAll(List.of("name", "learning_rate", "clipnorm", "global_clipnorm", "clipvalue")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void configRoundTrips(String name, Supplier<Optimizer> make) {
        Optimizer o = make.get().learningRate(0.02).clipnorm(2);
        Optimizer back = Optimizers.fromConfig(name, o.getConfig());
        assertEquals(o.getConfig(), back.getConfig());
    }

    @Test
    void unknownNamesKeysAndFeaturesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> Optimizers.get("adamw"));
        assertTrue(e.expected().contains("nadam") && e.expected().contains("sgd"), e.getMessage());
        assertThrows(ConfigException.class, () -> Optimizers.fromConfig("adam", new LayerConfig().put("weight_decay", 0.004)));
        assertThrows(ConfigException.class, () -> Optimizers.fromConfig("adam", new LayerConfig().put("betta_1", 0.8)));
        Optimizer ok = Optimizers.fromConfig("adam", new LayerConfig().put("weight_decay", null).put("use_ema", false));
        assertEquals("adam", ok.name());
    }

    @Test
    void applyAllocatesNothingOnceBuilt() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        List<Variable> vars = List.of(var("w", new float[1000]), var("b", new float[10]));
        List<Tensor> g = List.of(Tensor.random(vars.get(0).shape(), 1), Tensor.random(vars.get(1).shape(), 2));
        Optimizer nadam = new Nadam().clipnorm(1);
        for (int i = 0; i < 2000; i++) {
            nadam.apply(vars, g);                             // build and let the JIT settle
        }
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 100; i++) {
            nadam.apply(vars, g);
        }
        long bytes = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(bytes < 100 * 64, "apply allocated " + bytes + " bytes in 100 calls");
    }
}
