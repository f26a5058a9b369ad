package org.seq2seq4j.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.initializers.Initializer;
import org.seq2seq4j.initializers.Initializers;
import org.seq2seq4j.layers.attention.AdditiveAttention;
import org.seq2seq4j.layers.attention.Attention;
import org.seq2seq4j.layers.merging.Add;
import org.seq2seq4j.layers.merging.Average;
import org.seq2seq4j.layers.merging.Concatenate;
import org.seq2seq4j.layers.merging.Dot;
import org.seq2seq4j.layers.merging.Multiply;
import org.seq2seq4j.layers.recurrent.RNN;
import org.seq2seq4j.models.Functional;
import org.seq2seq4j.models.Sequential;
import org.seq2seq4j.seq2seq.AttentionDecoder;
import org.seq2seq4j.seq2seq.AttentionDecoderRNN;
import org.seq2seq4j.seq2seq.Seq2SeqDecoder;
import org.seq2seq4j.seq2seq.Seq2SeqEncoder;

/**
 * Builds layers from Keras configs: {@code {"class_name": "Dense", "config": {...}}}. Every layer
 * class registers its {@code fromConfig} here, so {@code deserialize(serialize(layer))} gives an
 * equal layer. A user's Java implementation of a custom Keras class is added with
 * {@link #register} (for every import) or {@link CustomObjects} (for one import); the Keras
 * importers find it through {@link #fromConfig}, which asks the active {@link CustomObjects}
 * scopes first.
 *
 * <pre>{@code
 * Layer d = Layers.fromConfig("Dense", new LayerConfig().put("units", 4).put("activation", "relu"));
 * LayerConfig again = Layers.serialize(d);   // {class_name=Dense, config={name=dense, ..., units=4, ...}}
 * Layers.register("ScaledSoftmax", c -> new Softmax(c.getInt("ScaledSoftmax", "axis", -1)));
 * Layer s = Layers.fromConfig("ScaledSoftmax", new LayerConfig().put("axis", 1));   // a Softmax over axis 1
 * }</pre>
 */
public final class Layers {
    private static final Map<String, Function<LayerConfig, ? extends Layer>> REGISTRY = new LinkedHashMap<>();
    /** The Python module of each built-in class that is a Keras class; custom classes have none. */
    private static final Map<String, String> KERAS_MODULES = new LinkedHashMap<>();
    private static final List<String> BUILT_IN;

    static {
        REGISTRY.put("InputLayer", InputLayer::fromConfig);
        REGISTRY.put("Dense", Dense::fromConfig);
        REGISTRY.put("Activation", Activation::fromConfig);
        REGISTRY.put("Dropout", Dropout::fromConfig);
        REGISTRY.put("Flatten", Flatten::fromConfig);
        REGISTRY.put("RepeatVector", RepeatVector::fromConfig);
        REGISTRY.put("TimeDistributed", TimeDistributed::fromConfig);
        REGISTRY.put("Embedding", Embedding::fromConfig);
        REGISTRY.put("LSTM", LSTM::fromConfig);
        REGISTRY.put("Masking", Masking::fromConfig);
        REGISTRY.put("Permute", Permute::fromConfig);
        REGISTRY.put("Reshape", Reshape::fromConfig);
        REGISTRY.put("Softmax", Softmax::fromConfig);
        REGISTRY.put("Concatenate", Concatenate::fromConfig);
        REGISTRY.put("Add", Add::fromConfig);
        REGISTRY.put("Multiply", Multiply::fromConfig);
        REGISTRY.put("Average", Average::fromConfig);
        REGISTRY.put("Dot", Dot::fromConfig);
        REGISTRY.put("Bidirectional", Bidirectional::fromConfig);
        REGISTRY.put("GRU", GRU::fromConfig);
        REGISTRY.put("SimpleRNN", SimpleRNN::fromConfig);
        REGISTRY.put("RNN", RNN::fromConfig);
        REGISTRY.put("Attention", Attention::fromConfig);
        REGISTRY.put("AdditiveAttention", AdditiveAttention::fromConfig);
        REGISTRY.put("Sequential", Sequential::fromConfig);
        REGISTRY.put("Functional", Functional::fromConfig);
        KERAS_MODULES.put("Sequential", "keras");
        KERAS_MODULES.put("Functional", "keras.src.models.functional");
        for (String cls : REGISTRY.keySet()) {
            KERAS_MODULES.putIfAbsent(cls, "keras.layers");
        }
        REGISTRY.put("AttentionDecoder", AttentionDecoder::fromConfig);
        REGISTRY.put("Seq2SeqEncoder", Seq2SeqEncoder::fromConfig);
        REGISTRY.put("Seq2SeqDecoder", Seq2SeqDecoder::fromConfig);
        REGISTRY.put("AttentionDecoderRNN", AttentionDecoderRNN::fromConfig);
        BUILT_IN = List.copyOf(REGISTRY.keySet());
    }

    private Layers() {
    }

    /**
     * Registers a Java implementation of the Keras layer class {@code className} for every import
     * on every thread; {@code factory} gets the layer's config (apply its name and other base
     * arguments with {@link Layer#applyBase}). Built-in and already registered names are a
     * {@link ConfigException}: use a {@link CustomObjects} scope to override a name for one import.
     */
    public static void register(String className, Function<LayerConfig, ? extends Layer> factory) {
        if (className == null || className.isEmpty() || factory == null) {
            throw ConfigException.argument("Layers.register", className == null || className.isEmpty()
                    ? "className" : "factory", "given", "missing");
        }
        synchronized (REGISTRY) {
            if (REGISTRY.containsKey(className)) {
                throw ConfigException.argument("Layers.register", "className", "a class name not registered yet"
                        + " (to override it for one import use a CustomObjects scope)", "'" + className + "'");
            }
            REGISTRY.put(className, factory);
        }
    }

    /** True when a Keras class name has a layer here or in an active {@link CustomObjects} scope. */
    public static boolean isKnown(String className) {
        return factory(className) != null;
    }

    /**
     * The layer for a Keras class name and its config, from the active {@link CustomObjects}
     * scopes, then the registry. An {@code Activation} naming a custom activation becomes that
     * activation's layer. Unknown class names are a {@link ConfigException} that says how to add one.
     */
    public static Layer fromConfig(String className, LayerConfig config) {
        Function<LayerConfig, ? extends Layer> f = factory(className);
        if (f == null) {
            throw unknown(className);
        }
        if (className.equals("Activation") && config.get("activation") instanceof String a) {
            Supplier<? extends Layer> custom = CustomObjects.activeActivation(a);
            if (custom != null) {
                return Layer.applyBase(custom.get(), config);
            }
        }
        return f.apply(config);
    }

    private static Function<LayerConfig, ? extends Layer> factory(String className) {
        Function<LayerConfig, ? extends Layer> f = CustomObjects.activeLayer(className);
        if (f != null) {
            return f;
        }
        synchronized (REGISTRY) {
            return REGISTRY.get(className);
        }
    }

    private static ConfigException unknown(String className) {
        String hint = className.equals("Lambda")
                ? "a Java layer doing what the Lambda's Python code does (Lambda layers hold Python bytecode, which"
                        + " cannot be imported), registered with Layers.register(\"Lambda\", config -> ...) or"
                        + " CustomObjects.layer(\"Lambda\", ...)"
                : "a built-in layer class or one registered with Layers.register(\"" + className
                        + "\", config -> ...) or CustomObjects.layer(...); built in: " + builtIns();
        return ConfigException.argument("layer config", "class_name", hint, "'" + className + "'");
    }

    private static String builtIns() {
        synchronized (REGISTRY) {
            return String.valueOf(REGISTRY.keySet());
        }
    }

    /** The layer for {@code {"class_name": ..., "config": {...}}}. */
    public static Layer deserialize(LayerConfig classAndConfig) {
        LayerConfig cfg = classAndConfig.getConfig("config");
        return fromConfig(classAndConfig.getString("class_name", "?"), cfg == null ? new LayerConfig() : cfg);
    }

    /** The class names built into the registry (those {@link #register} adds not included), in order. */
    public static List<String> builtIn() {
        return BUILT_IN;
    }

    /**
     * The entry Keras 3 writes for a layer: {@code {"module", "class_name", "config", "registered_name"}};
     * Keras classes name their module ({@code keras.layers}) and no registered name, custom classes
     * (such as {@code AttentionDecoder} or one given to {@link #register}) no module and their class
     * name as the registered name, which Keras resolves through its {@code custom_objects}.
     */
    public static LayerConfig kerasEntry(Layer layer) {
        String module = KERAS_MODULES.get(layer.className());
        return new LayerConfig().put("module", module).put("class_name", layer.className())
                .put("config", layer.getConfig()).put("registered_name", module == null ? layer.className()
                        : layer.className().equals("Functional") ? "Functional" : null);
    }

    /** The layer's Keras 3 entry, {@link #kerasEntry}. */
    public static LayerConfig serialize(Layer layer) {
        return kerasEntry(layer);
    }

    /** {@code {"module": "keras.initializers", "class_name": ..., "config": {...}, "registered_name": null}} of an initializer. */
    public static LayerConfig initializerConfig(Initializer i) {
        return new LayerConfig().put("module", "keras.initializers").put("class_name", i.className())
                .put("config", i.config()).put("registered_name", null);
    }

    /** The initializer under {@code key} (a {class_name, config} object or a bare name), if present. */
    public static Optional<Initializer> initializer(LayerConfig c, String key) {
        Object v = c.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof LayerConfig ic) {
            return Optional.of(Initializers.fromConfig(ic.getString("class_name", "?"), ic.getConfig("config")));
        }
        return Optional.of(Initializers.fromConfig(v.toString(), null));
    }
}
