package org.seq2seq4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import org.seq2seq4j.seq2seq.AttentionDecoder;
import org.seq2seq4j.seq2seq.AttentionDecoderRNN;
import org.seq2seq4j.seq2seq.Seq2SeqDecoder;
import org.seq2seq4j.seq2seq.Seq2SeqEncoder;

/**
 * Builds layers from Keras configs: {@code {"class_name": "Dense", "config": {...}}}. Every layer
 * class registers its {@code fromConfig} here, so {@code deserialize(serialize(layer))} gives an
 * equal layer.
 *
 * <pre>{@code
 * Layer d = Layers.fromConfig("Dense", new LayerConfig().put("units", 4).put("activation", "relu"));
 * LayerConfig again = Layers.serialize(d);   // {class_name=Dense, config={name=dense, ..., units=4, ...}}
 * }</pre>
 */
public final class Layers {
    private static final Map<String, Function<LayerConfig, Layer>> REGISTRY = new LinkedHashMap<>();

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
        REGISTRY.put("AttentionDecoder", AttentionDecoder::fromConfig);
        REGISTRY.put("Seq2SeqEncoder", Seq2SeqEncoder::fromConfig);
        REGISTRY.put("Seq2SeqDecoder", Seq2SeqDecoder::fromConfig);
        REGISTRY.put("AttentionDecoderRNN", AttentionDecoderRNN::fromConfig);
    }

    private Layers() {
    }

    /** True when a Keras class name has a layer here. */
    public static boolean isKnown(String className) {
        return REGISTRY.containsKey(className);
    }

    /** The layer for a Keras class name and its config; unknown class names are a {@link ConfigException}. */
    public static Layer fromConfig(String className, LayerConfig config) {
        Function<LayerConfig, Layer> f = REGISTRY.get(className);
        if (f == null) {
            throw ConfigException.argument("layer config", "class_name", "one of " + REGISTRY.keySet(),
                    "'" + className + "'");
        }
        return f.apply(config);
    }

    /** The layer for {@code {"class_name": ..., "config": {...}}}. */
    public static Layer deserialize(LayerConfig classAndConfig) {
        LayerConfig cfg = classAndConfig.getConfig("config");
        return fromConfig(classAndConfig.getString("class_name", "?"), cfg == null ? new LayerConfig() : cfg);
    }

    /** {@code {"class_name": ..., "config": layer.getConfig()}}. */
    public static LayerConfig serialize(Layer layer) {
        return new LayerConfig().put("class_name", layer.className()).put("config", layer.getConfig());
    }

    /** {@code {"class_name": ..., "config": {...}}} of an initializer. */
    public static LayerConfig initializerConfig(Initializer i) {
        return new LayerConfig().put("class_name", i.className()).put("config", i.config());
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
