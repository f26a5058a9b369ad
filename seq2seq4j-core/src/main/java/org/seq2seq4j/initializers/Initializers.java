package org.seq2seq4j.initializers;

import java.util.Locale;
import java.util.SplittableRandom;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.layers.LayerConfig;
import org.seq2seq4j.tensor.Shape;

/**
 * The Keras 3 initializers: zeros, ones, constant, random uniform/normal, truncated normal,
 * the variance-scaling family (glorot, he, lecun) and orthogonal.
 *
 * <pre>{@code
 * Initializer k = Initializers.glorotUniform();            // Dense and LSTM kernel default
 * Initializer r = Initializers.orthogonal(1.0);            // LSTM recurrent_kernel default
 * Initializer c = Initializers.fromConfig("Constant", new LayerConfig().put("value", 0.01));
 * }</pre>
 */
public final class Initializers {
    private Initializers() {
    }

    public static Initializer zeros() {
        return constant("Zeros", 0.0);
    }

    public static Initializer ones() {
        return constant("Ones", 1.0);
    }

    public static Initializer constant(double value) {
        return constant("Constant", value);
    }

    private static Initializer constant(String cls, double value) {
        return new Simple(cls, cls.equals("Constant") ? new LayerConfig().put("value", value) : new LayerConfig()) {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                java.util.Arrays.fill(out, (float) value);
            }
        };
    }

    public static Initializer randomUniform(double minval, double maxval) {
        return new Simple("RandomUniform", new LayerConfig().put("minval", minval).put("maxval", maxval)) {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (minval + (maxval - minval) * random.nextDouble());
                }
            }
        };
    }

    public static Initializer randomNormal(double mean, double stddev) {
        return new Simple("RandomNormal", new LayerConfig().put("mean", mean).put("stddev", stddev)) {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (mean + stddev * gaussian(random));
                }
            }
        };
    }

    public static Initializer truncatedNormal(double mean, double stddev) {
        return new Simple("TruncatedNormal", new LayerConfig().put("mean", mean).put("stddev", stddev)) {
            @Override
            public void fill(float[] out, Shape shape, SplittableRandom random) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) (mean + stddev * truncated(random));
                }
            }
        };
    }

    public static Initializer glorotUniform() {
        return new VarianceScaling("GlorotUniform", 1.0, "fan_avg", "uniform");
    }

    public static Initializer glorotNormal() {
        return new VarianceScaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal");
    }

    public static Initializer heUniform() {
        return new VarianceScaling("HeUniform", 2.0, "fan_in", "uniform");
    }

    public static Initializer heNormal() {
        return new VarianceScaling("HeNormal", 2.0, "fan_in", "truncated_normal");
    }

    public static Initializer lecunUniform() {
        return new VarianceScaling("LecunUniform", 1.0, "fan_in", "uniform");
    }

    public static Initializer lecunNormal() {
        return new VarianceScaling("LecunNormal", 1.0, "fan_in", "truncated_normal");
    }

    public static Initializer varianceScaling(double scale, String mode, String distribution) {
        return new VarianceScaling("VarianceScaling", scale, mode, distribution);
    }

    public static Initializer orthogonal(double gain) {
        return new Orthogonal(gain);
    }

    /**
     * The initializer for a Keras class name (CamelCase or snake_case, e.g. {@code "GlorotUniform"}
     * or {@code "glorot_uniform"}) and its config; unknown names are a {@link ConfigException}.
     */
    public static Initializer fromConfig(String className, LayerConfig c) {
        LayerConfig cfg = c == null ? new LayerConfig() : c;
        String key = className.replace("_", "").toLowerCase(Locale.ROOT);
        switch (key) {
            case "zeros": return zeros();
            case "ones": return ones();
            case "constant": return constant(cfg.getDouble("Constant", "value", 0));
            case "randomuniform": return randomUniform(cfg.getDouble("RandomUniform", "minval", -0.05),
                    cfg.getDouble("RandomUniform", "maxval", 0.05));
            case "randomnormal": return randomNormal(cfg.getDouble("RandomNormal", "mean", 0),
                    cfg.getDouble("RandomNormal", "stddev", 0.05));
            case "truncatednormal": return truncatedNormal(cfg.getDouble("TruncatedNormal", "mean", 0),
                    cfg.getDouble("TruncatedNormal", "stddev", 0.05));
            case "glorotuniform": return glorotUniform();
            case "glorotnormal": return glorotNormal();
            case "heuniform": return heUniform();
            case "henormal": return heNormal();
            case "lecununiform": return lecunUniform();
            case "lecunnormal": return lecunNormal();
            case "orthogonal": return orthogonal(cfg.getDouble("Orthogonal", "gain", 1.0));
            case "variancescaling": return varianceScaling(cfg.getDouble("VarianceScaling", "scale", 1.0),
                    cfg.getString("mode", "fan_in"), cfg.getString("distribution", "truncated_normal"));
            default:
                throw ConfigException.argument("initializer", "class_name", "a Keras initializer such as "
                        + "GlorotUniform, Orthogonal, Zeros, Constant, RandomUniform", "'" + className + "'");
        }
    }

    /** Keras fans: the last axis is fan_out, the product of the others is fan_in (1-D: both the size). */
    static double[] fans(Shape s) {
        if (s.rank() == 0) {
            return new double[] {1, 1};
        }
        if (s.rank() == 1) {
            return new double[] {s.dim(0), s.dim(0)};
        }
        double receptive = 1;
        for (int i = 0; i < s.rank() - 2; i++) {
            receptive *= s.dim(i);
        }
        return new double[] {s.dim(-2) * receptive, s.dim(-1) * receptive};
    }

    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A standard normal redrawn until within two standard deviations, as Keras's truncated normal. */
    static double truncated(SplittableRandom r) {
        double g;
        do {
            g = gaussian(r);
        } while (Math.abs(g) > 2);
        return g;
    }

    private abstract static class Simple implements Initializer {
        private final String cls;
        private final LayerConfig cfg;

        Simple(String cls, LayerConfig cfg) {
            this.cls = cls;
            this.cfg = cfg;
        }

        @Override
        public String className() {
            return cls;
        }

        @Override
        public LayerConfig config() {
            return cfg;
        }
    }

    private static final class VarianceScaling extends Simple {
        private final double scale;
        private final String mode;
        private final String distribution;

        VarianceScaling(String cls, double scale, String mode, String distribution) {
            super(cls, cls.equals("VarianceScaling")
                    ? new LayerConfig().put("scale", scale).put("mode", mode).put("distribution", distribution)
                    : new LayerConfig());
            if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
                throw ConfigException.argument("VarianceScaling", "mode", "fan_in, fan_out or fan_avg", mode);
            }
            this.scale = scale;
            this.mode = mode;
            this.distribution = distribution;
        }

        @Override
        public void fill(float[] out, Shape shape, SplittableRandom random) {
            double[] f = fans(shape);
            double n = mode.equals("fan_in") ? f[0] : mode.equals("fan_out") ? f[1] : (f[0] + f[1]) / 2;
            double variance = scale / Math.max(1, n);
            switch (distribution) {
                case "uniform": {
                    double limit = Math.sqrt(3 * variance);
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                    }
                    break;
                }
                case "truncated_normal": {
                    // 0.8796... is the stddev of a unit normal truncated to [-2, 2]
                    double std = Math.sqrt(variance) / 0.87962566103423978;
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) (std * truncated(random));
                    }
                    break;
                }
                case "normal":
                case "untruncated_normal": {
                    double std = Math.sqrt(variance);
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) (std * gaussian(random));
                    }
                    break;
                }
                default:
                    throw ConfigException.argument("VarianceScaling", "distribution",
                            "uniform, truncated_normal or untruncated_normal", distribution);
            }
        }
    }

    /** Orthogonal matrix from the QR decomposition (modified Gram-Schmidt) of a normal matrix, as Keras. */
    private static final class Orthogonal extends Simple {
        private final double gain;

        Orthogonal(double gain) {
            super("Orthogonal", new LayerConfig().put("gain", gain));
            this.gain = gain;
        }

        @Override
        public void fill(float[] out, Shape shape, SplittableRandom random) {
            int cols = shape.rank() == 0 ? 1 : shape.last();
            int rows = out.length / Math.max(1, cols);
            // Orthonormalise along the longer side so the result has orthonormal rows or columns.
            boolean transpose = rows < cols;
            int n = transpose ? cols : rows;   // vector length
            int m = transpose ? rows : cols;   // number of vectors
            double[][] q = new double[m][n];
            for (int v = 0; v < m; v++) {
                for (int i = 0; i < n; i++) {
                    q[v][i] = gaussian(random);
                }
                for (int u = 0; u < v; u++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[u][i] * q[v][i];
                    }
                    for (int i = 0; i < n; i++) {
                        q[v][i] -= dot * q[u][i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += q[v][i] * q[v][i];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    q[v][i] /= norm;
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] = (float) (gain * (transpose ? q[r][c] : q[c][r]));
                }
            }
        }
    }
}
