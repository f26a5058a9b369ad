package org.seq2seq4j.serve;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response before it is sent: status, content type, body and extra headers.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body's bytes
 * @param headers headers beyond the ones every response carries
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";

    static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, body, Map.of());
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
