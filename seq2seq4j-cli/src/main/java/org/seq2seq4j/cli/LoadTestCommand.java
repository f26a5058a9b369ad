package org.seq2seq4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seq2seq4j.serve.LoadGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Bounded closed-loop load on a server running on this machine, one setting per client count. */
@Command(name = "load-test", mixinStandardHelpOptions = true,
        description = {"Load a seq2seq4j server on this machine (loopback only) with POST /v1/translate from "
                + "concurrent clients, each on its own connection, for a bounded time per setting; prints "
                + "requests/s, p50 and p99 latency, errors, and the server's heap and resident memory after each "
                + "setting (from its /metrics). The clients share the machine's cores with the server."})
final class LoadTestCommand implements Callable<Integer> {
    private static final List<String> DEMO_WORDS = List.of("abc", "fed", "cafe", "beef", "decaf", "faded", "bedded",
            "facade", "ace", "dab");

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080/", paramLabel = "URL",
            description = "The server (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--model", paramLabel = "NAME", description = "The text model (default: the only one served).")
    String model;

    @Option(names = "--clients", split = ",", defaultValue = "1,8,64", paramLabel = "N",
            description = "Concurrent clients of each setting (default: ${DEFAULT-VALUE}).")
    List<Integer> clients = new ArrayList<>();

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S",
            description = "Measured time per setting, at most 60 (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--texts", paramLabel = "FILE", description = "Texts to send, one per line (default: words the "
            + "demo model 'reverse' knows).")
    Path texts;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the server's API key.")
    Path apiKeyFile;

    @Option(names = "--json", description = "One JSON object per setting instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || seconds > 60) {
            throw new ParameterException(spec.commandLine(), "--seconds must be in [1, 60] but was " + seconds);
        }
        for (int c : clients) {
            if (c < 1 || c > 1024) {
                throw new ParameterException(spec.commandLine(), "--clients must be in [1, 1024] but was " + c);
            }
        }
        if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "--url must be a server on this machine (loopback), not "
                    + url);
        }
        List<String> lines = texts == null ? DEMO_WORDS
                : Files.readAllLines(texts, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        String key = apiKeyFile == null ? null : Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
        LoadGenerator load = new LoadGenerator(url, model, lines, key);
        ObjectMapper mapper = new ObjectMapper();
        int errors = 0;
        for (int c : clients) {
            LoadGenerator.Result r = load.run(c, Duration.ofSeconds(seconds));
            double[] memory = memory(key);
            errors += r.errors();
            if (json) {
                ObjectNode o = mapper.createObjectNode().put("clients", c).put("requests", r.requests())
                        .put("errors", r.errors()).put("seconds", r.seconds()).put("requests_per_second",
                                r.throughput())
                        .put("p50_ms", r.p50()).put("p99_ms", r.p99()).put("heap_used_mb", memory[0])
                        .put("resident_mb", memory[1]);
                spec.commandLine().getOut().println(mapper.writeValueAsString(o));
            } else {
                spec.commandLine().getOut().println(r + String.format(Locale.ROOT,
                        "; server heap %.0f MB, resident %.0f MB", memory[0], memory[1]));
            }
        }
        return errors == 0 ? 0 : 1;
    }

    /** The server's used heap and resident memory in MB, from its metrics (NaN when it does not say). */
    private double[] memory(String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve("/metrics")).timeout(Duration.ofSeconds(10));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        String text = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        return new double[] {sample(text, "jvm_memory_used_bytes\\{area=\"heap\"\\}") / 1e6,
            sample(text, "process_resident_memory_bytes") / 1e6};
    }

    private static double sample(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
