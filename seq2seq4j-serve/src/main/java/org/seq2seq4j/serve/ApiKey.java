package org.seq2seq4j.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The server's API key, compared in constant time: both sides are hashed (SHA-256) and the digests
 * compared with {@link MessageDigest#isEqual}, so neither the key's characters nor its length show
 * in the time an answer takes.
 */
final class ApiKey {
    private final byte[] digest;

    ApiKey(String key) {
        this.digest = sha256(key);
    }

    /** Whether {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY} carries the key. */
    boolean accepts(String authorization, String xApiKey) {
        String given = xApiKey;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        }
        return given != null && MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
