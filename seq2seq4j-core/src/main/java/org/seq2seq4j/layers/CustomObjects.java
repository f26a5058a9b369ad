package org.seq2seq4j.layers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.seq2seq4j.ConfigException;

/**
 * Java implementations of a model file's custom Keras objects for one import, as Keras's
 * {@code custom_objects} / {@code custom_object_scope}: layer classes by their Keras class name
 * (or Keras 3 {@code registered_name}), and activations by name. While a scope is entered on a
 * thread, {@link Layers#fromConfig} looks here first (innermost scope first, then the global
 * {@link Layers#register} registry), so wrappers such as {@code Bidirectional} find custom inner
 * layers too. A custom activation is a weightless layer: an {@code Activation} layer naming it
 * becomes that layer (keeping the config's name), and the Keras importers put it after a
 * {@code Dense} that names it. Entries here take precedence over built-in names.
 *
 * <pre>{@code
 * CustomObjects custom = new CustomObjects()
 *         .activation("softmax", () -> new Softmax(1));   // the file's 'softmax' was a softmax over axis 1
 * try (CustomObjects.Scope scope = custom.enter()) {
 *     Layer l = Layers.fromConfig("Activation", new LayerConfig().put("name", "attention_weights")
 *             .put("activation", "softmax"));
 *     // l is a Softmax over axis 1 named "attention_weights"
 * }
 * }</pre>
 */
public final class CustomObjects {
    private static final ThreadLocal<Deque<CustomObjects>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private final Map<String, Function<LayerConfig, ? extends Layer>> layers = new LinkedHashMap<>();
    private final Map<String, Supplier<? extends Layer>> activations = new LinkedHashMap<>();

    /** An open scope; closing it restores the scopes that were active before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Builds layers of Keras class {@code className} with {@code factory} (given the layer's config). */
    public CustomObjects layer(String className, Function<LayerConfig, ? extends Layer> factory) {
        layers.put(requireName("layer", className), Objects.requireNonNull(factory, "factory"));
        return this;
    }

    /** Makes the activation {@code name} mean the layer {@code layer} supplies (a new one per use). */
    public CustomObjects activation(String name, Supplier<? extends Layer> layer) {
        activations.put(requireName("activation", name), Objects.requireNonNull(layer, "layer"));
        return this;
    }

    /** Activates these objects on the current thread until the returned scope is closed. */
    public Scope enter() {
        Deque<CustomObjects> stack = ACTIVE.get();
        stack.push(this);
        return () -> {
            if (stack.peek() != this) {
                throw new IllegalStateException("CustomObjects scopes must be closed in reverse order of entering");
            }
            stack.pop();
        };
    }

    /** Runs {@code work} with these objects active and returns its result. */
    public <T> T apply(Supplier<T> work) {
        try (Scope s = enter()) {
            return work.get();
        }
    }

    /** The factory an active scope gives for a layer class, or null. */
    static Function<LayerConfig, ? extends Layer> activeLayer(String className) {
        for (CustomObjects c : ACTIVE.get()) {
            Function<LayerConfig, ? extends Layer> f = c.layers.get(className);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The layer supplier an active scope gives for an activation name, or null. */
    public static Supplier<? extends Layer> activeActivation(String name) {
        for (CustomObjects c : ACTIVE.get()) {
            Supplier<? extends Layer> s = c.activations.get(name);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static String requireName(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw ConfigException.argument("CustomObjects", kind + " name", "a non-empty string", name);
        }
        return name;
    }
}
