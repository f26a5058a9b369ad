package org.seq2seq4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of the W3C WebDriver protocol to drive Debian's headless Chromium through its
 * chromedriver: start a session, open a page, find elements, type, click, hover, run a script and
 * take a screenshot. The chromedriver process is started here and ended by {@link #close()}.
 */
final class WebDriver implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private final Process driver;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String session;

    /** An executable from the list that exists, or one of the names on the PATH. */
    static Optional<Path> find(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (p.isAbsolute() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, c))) {
                    return Optional.of(Path.of(dir, c));
                }
            }
        }
        return Optional.empty();
    }

    WebDriver(Path chromedriver, Path chromium, Path profile) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                if (call("GET", "status", null).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > until) {
                    driver.destroyForcibly();
                    throw new IOException("chromedriver did not start: "
                            + Files.readString(profile.resolve("chromedriver.log")), e);
                }
            }
            Thread.sleep(50);
        }
        ObjectNode caps = JsonRequests.MAPPER.createObjectNode();
        ObjectNode chrome = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .putObject("goog:chromeOptions").put("binary", chromium.toString());
        ArrayNode args = chrome.putArray("args");
        List<String> flags = new ArrayList<>(List.of("--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,860", "--user-data-dir=" + profile.resolve("profile")));
        if ("root".equals(System.getProperty("user.name"))) {
            flags.add("--no-sandbox");
        }
        flags.forEach(args::add);
        JsonNode s = call("POST", "session", caps);
        session = s.path("value").path("sessionId").asText(null);
        if (session == null) {
            driver.destroyForcibly();
            throw new IOException("no WebDriver session: " + s);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JsonRequests.bytes(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode out = JsonRequests.MAPPER.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return out;
    }

    private JsonNode command(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return call(method, "session/" + session + "/" + path, body).path("value");
    }

    void open(URI page) throws IOException, InterruptedException {
        command("POST", "url", JsonRequests.MAPPER.createObjectNode().put("url", page.toString()));
    }

    List<String> findAll(String css) throws IOException, InterruptedException {
        JsonNode v = command("POST", "elements", JsonRequests.MAPPER.createObjectNode().put("using", "css selector")
                .put("value", css));
        List<String> ids = new ArrayList<>();
        v.forEach(e -> ids.add(e.get(ELEMENT).asText()));
        return ids;
    }

    /** Waits until at least {@code n} elements match. */
    List<String> await(String css, int n) throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        List<String> found = findAll(css);
        while (found.size() < n && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            found = findAll(css);
        }
        return found;
    }

    String text(String element) throws IOException, InterruptedException {
        return command("GET", "element/" + element + "/text", null).asText();
    }

    String attribute(String element, String name) throws IOException, InterruptedException {
        JsonNode v = command("GET", "element/" + element + "/attribute/" + name, null);
        return v.isNull() ? null : v.asText();
    }

    void clear(String element) throws IOException, InterruptedException {
        command("POST", "element/" + element + "/clear", JsonRequests.MAPPER.createObjectNode());
    }

    void type(String element, String text) throws IOException, InterruptedException {
        command("POST", "element/" + element + "/value", JsonRequests.MAPPER.createObjectNode().put("text", text));
    }

    void click(String element) throws IOException, InterruptedException {
        command("POST", "element/" + element + "/click", JsonRequests.MAPPER.createObjectNode());
    }

    /** Moves the mouse over the element's centre. */
    void hover(String element) throws IOException, InterruptedException {
        ObjectNode body = JsonRequests.MAPPER.createObjectNode();
        ObjectNode pointer = body.putArray("actions").addObject().put("type", "pointer").put("id", "mouse");
        pointer.putObject("parameters").put("pointerType", "mouse");
        ObjectNode move = pointer.putArray("actions").addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put(ELEMENT, element);
        command("POST", "actions", body);
    }

    JsonNode script(String js) throws IOException, InterruptedException {
        ObjectNode body = JsonRequests.MAPPER.createObjectNode().put("script", js);
        body.putArray("args");
        return command("POST", "execute/sync", body);
    }

    byte[] screenshot() throws IOException, InterruptedException {
        return Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
    }

    @Override
    public void close() {
        try {
            call("DELETE", "session/" + session, null);
        } catch (IOException | InterruptedException e) {
            // the browser is ended with its driver below
        } finally {
            driver.destroy();
        }
    }
}
