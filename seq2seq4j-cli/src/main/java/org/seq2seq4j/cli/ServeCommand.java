package org.seq2seq4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.seq2seq4j.ConfigException;
import org.seq2seq4j.serve.ModelServer;
import org.seq2seq4j.serve.ReverseDemo;
import org.seq2seq4j.serve.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Serves models over HTTP until SIGTERM or Ctrl-C, which drain the requests in flight first.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve models over HTTP: the Open Inference Protocol v2 (/v2/...), POST /v1/translate, "
                + "Prometheus metrics at /metrics and a page at / to try a text model and see its attention.",
            "Concurrent requests to a model are decoded together (dynamic batching). SIGTERM or Ctrl-C stops the "
                + "server after the requests in flight are answered."})
final class ServeCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "MODEL",
            description = "Model files (.s2s, .keras, .h5, TF.js model.json); each is served under its file name "
                    + "without "
                    + "the extension unless --name says otherwise.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "The name of the MODEL in the same position "
            + "(repeat for several).")
    List<String> names = new ArrayList<>();

    @Option(names = "--demo", description = "Also serve 'reverse', a small attention model trained at start-up "
            + "(about 5 s) to reverse words of the letters a-f.")
    boolean demo;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "Port (default: ${DEFAULT-VALUE}; "
            + "0: any free port).")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "Request threads: parse and write requests; "
            + "they never wait for a model (default: twice the processors, at least 4).")
    Integer threads;

    @Option(names = "--max-batch", defaultValue = "32", paramLabel = "N",
            description = "Most sentences decoded together (default: ${DEFAULT-VALUE}; 1: no batching).")
    int maxBatch;

    @Option(names = "--max-delay-ms", defaultValue = "5", paramLabel = "MS",
            description = "Longest wait for more requests to fill a batch, only when others are queued "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxDelayMs;

    @Option(names = "--max-queue", defaultValue = "1000", paramLabel = "N",
            description = "Requests that may wait per model; more get 503 with Retry-After "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max-body", defaultValue = "1MB", paramLabel = "SIZE",
            description = "Largest request body, e.g. 1MB, 512KB (default: ${DEFAULT-VALUE}); larger gets 413.")
    String maxBody;

    @Option(names = "--max-texts", defaultValue = "64", paramLabel = "N",
            description = "Most texts per request (default: ${DEFAULT-VALUE}).")
    int maxTexts;

    @Option(names = "--max-text-length", defaultValue = "1000", paramLabel = "N",
            description = "Most characters per text (default: ${DEFAULT-VALUE}).")
    int maxTextLength;

    @Option(names = "--timeout-ms", defaultValue = "30000", paramLabel = "MS",
            description = "Deadline of a request; a client may ask for less with X-Timeout-Ms "
                    + "(default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the API key clients must "
            + "send (Authorization: Bearer KEY or X-API-Key: KEY); health checks need none.")
    Path apiKeyFile;

    @Option(names = "--watch", description = "Reload a model when its file changes (also: POST "
            + "/v2/repository/models/NAME/load).")
    boolean watch;

    @Option(names = "--drain-seconds", defaultValue = "30", paramLabel = "S",
            description = "Longest wait for requests in flight at shutdown (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Spec
    CommandSpec spec;

    /** The options; a bad value is a usage error naming its option. */
    private ServerOptions options() throws IOException {
        try {
            ServerOptions o = new ServerOptions().host(host).port(port).maxBatch(maxBatch).maxDelayMs(maxDelayMs)
                    .maxQueue(maxQueue).maxBody(ServerOptions.parseSize("--max-body", maxBody)).maxTexts(maxTexts)
                    .maxTextLength(maxTextLength).timeoutMs(timeoutMs).watch(watch).drainSeconds(drainSeconds)
                    .apiKey(apiKeyFile == null ? null : Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip());
            return threads == null ? o : o.threads(threads);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.argument() + " must be " + e.expected() + " but was "
                    + e.received());
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (files.isEmpty() && !demo) {
            throw new ParameterException(spec.commandLine(), "give at least one MODEL file, or --demo");
        }
        if (names.size() > files.size()) {
            throw new ParameterException(spec.commandLine(), names.size() + " --name for " + files.size()
                    + " MODEL files");
        }
        ServerOptions o = options();
        ModelServer.Builder b = ModelServer.builder(o);
        for (int i = 0; i < files.size(); i++) {
            if (i < names.size()) {
                b.model(names.get(i), files.get(i));
            } else {
                b.model(files.get(i));
            }
        }
        if (demo) {
            spec.commandLine().getErr().println("seq2seq4j serve: training the demo model 'reverse'...");
            b.model("reverse", ReverseDemo.train());
        }
        ModelServer server = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            spec.commandLine().getOut().println("seq2seq4j serve: stopped");
            stopped.countDown();
        }, "seq2seq4j-shutdown"));
        spec.commandLine().getOut().println("seq2seq4j serve: listening on " + server.uri() + " (models: "
                + String.join(", ", server.models()) + ")");
        stopped.await();
        return 0;
    }
}
