package org.seq2seq4j.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page at {@code /}: {@code index.html}, {@code app.js} and {@code app.css} from this module's
 * resources, read once. Served with a Content-Security-Policy that lets the page load nothing but
 * its own files and call nothing but this server, so it works offline and fetches nothing.
 */
final class StaticPage {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private static final Map<String, byte[]> FILES = Map.of(
            "index.html", read("index.html"), "app.js", read("app.js"), "app.css", read("app.css"));

    private StaticPage() {
    }

    static Reply index() {
        return asset("index.html");
    }

    /** One of the page's files by name; any other name is a 404. */
    static Reply asset(String name) {
        byte[] body = FILES.get(name);
        if (body == null) {
            throw HttpError.notFound("the page has no file '" + (name.length() > 40 ? name.substring(0, 40) : name)
                    + "'");
        }
        return new Reply(200, TYPES.get(name), body, Map.of("Content-Security-Policy", CSP, "Cache-Control",
                "no-cache"));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticPage.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
