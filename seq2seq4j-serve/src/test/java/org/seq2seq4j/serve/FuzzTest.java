package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzed requests over raw sockets, from a fixed seed: malformed and mutated JSON bodies, wrong
 * types, invalid UTF-8, deep nesting, bad headers (lengths, encodings, control characters, sizes),
 * broken chunked encodings and garbage request lines. Every answer is a 4xx (or a 200 where a
 * mutation left a valid request), never a 5xx, and the server still answers correctly afterwards.
 */
class FuzzTest {
    private static final String[] VALID = {
        "{\"model\":\"rev\",\"texts\":[\"abc\",\"de\"],\"beam\":2,\"n_best\":2,\"attention\":true}",
        "{\"model\":\"toy\",\"texts\":[\"cafe\"],\"beam\":2}",
        "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[2],\"data\":[\"ab\",\"cd\"]}],"
                + "\"parameters\":{\"beam\":2,\"n_best\":1}}",
        "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[2,3],\"data\":[[1,0,2],[0,1,-1]]}]}",
    };
    private static final String[] PATHS = {"/v1/translate", "/v1/translate", "/v2/models/rev/infer",
        "/v2/models/affine/infer"};
    private static ModelServer server;

    @BeforeAll
    static void start() {
        server = ModelServer.builder(new ServerOptions().port(0).maxBody(64 * 1024).maxTexts(8).maxTextLength(64))
                .model("rev", new Reverser()).model("toy", ToyModel.get())
                .model("affine", KerasTensorModel.of(ModelServerTest.affine())).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedRequestsGetOnly4xxAndTheServerLives() throws Exception {
        SplittableRandom r = new SplittableRandom(2026);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        int cases = 0;
        int clientErrors = 0;
        for (int i = 0; i < 1400; i++) {
            int k = r.nextInt(PATHS.length);
            byte[] request = switch (i % 7) {
                case 0 -> post(PATHS[k], "", mutate(VALID[k].getBytes(StandardCharsets.UTF_8), r));
                case 1 -> post(PATHS[k], "", truncate(VALID[k].getBytes(StandardCharsets.UTF_8), r));
                case 2 -> post(PATHS[k], "", wrongValue(VALID[k], r).getBytes(StandardCharsets.UTF_8));
                case 3 -> post(PATHS[k], "", randomBytes(r));
                case 4 -> badHeaders(PATHS[k], VALID[k].getBytes(StandardCharsets.UTF_8), r);
                case 5 -> badChunks(PATHS[k], VALID[k].getBytes(StandardCharsets.UTF_8), r);
                default -> badRequestLine(r);
            };
            int status = exchange(request);
            cases++;
            statuses.merge(status < 0 ? "closed" : status / 100 + "xx", 1, Integer::sum);
            if (status >= 400 && status < 500) {
                clientErrors++;
            } else if (status != 200) {
                serverErrors.add(status + " for " + new String(request, 0, Math.min(300, request.length),
                        StandardCharsets.ISO_8859_1));
            }
        }
        System.out.println("fuzz: " + cases + " requests, statuses " + statuses);
        assertEquals(List.of(), serverErrors, "answers other than 4xx or 200");
        assertTrue(clientErrors >= 1000, clientErrors + " malformed requests answered 4xx");
        Http http = new Http(server.uri());
        assertEquals(200, http.get("/v2/health/live").status());
        assertEquals("cba", http.post("/v1/translate", "{\"model\":\"rev\",\"texts\":[\"abc\"]}").json()
                .get("translations").get(0).textValue());
        assertEquals("efac", http.post("/v1/translate", "{\"model\":\"toy\",\"texts\":[\"cafe\"]}").json()
                .get("translations").get(0).textValue());
    }

    private static byte[] post(String path, String extraHeaders, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] body, SplittableRandom r) {
        byte[] b = body.clone();
        int edits = 1 + r.nextInt(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int e = 0; e < edits; e++) {
            b[r.nextInt(b.length)] = (byte) "{}[]\",:\\ 0-eE.\u00ff\u0000x".charAt(r.nextInt(17));
        }
        out.writeBytes(b);
        if (r.nextBoolean()) {
            out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});            // invalid UTF-8 at the end
        }
        return out.toByteArray();
    }

    private static byte[] truncate(byte[] body, SplittableRandom r) {
        return java.util.Arrays.copyOf(body, r.nextInt(body.length));
    }

    private static String wrongValue(String valid, SplittableRandom r) {
        String[] values = {"null", "true", "-1", "0", "1e999999", "99999999999999999999", "\"\"", "[]", "{}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "\"\\ud800\"",
            "\"\\u0000\"", "[\"" + "z".repeat(100) + "\"]", "[" + "\"a\",".repeat(20) + "\"a\"]", "\"\u00e9\u00e9\"",
            "[1.5]", "[\"#\"]", "[\"\\n\"]", "{\"name\":1}", "[{\"name\":\"features\"}]", "-0.0", "NaN"};
        String[] fields = {"\"texts\":", "\"beam\":", "\"n_best\":", "\"attention\":", "\"model\":", "\"inputs\":",
            "\"shape\":", "\"data\":", "\"datatype\":", "\"name\":", "\"parameters\":"};
        String f = fields[r.nextInt(fields.length)];
        int at = valid.indexOf(f);
        if (at < 0) {
            return valid.substring(0, valid.length() - 1) + "," + f + values[r.nextInt(values.length)] + "}";
        }
        int start = at + f.length();
        int end = valueEnd(valid, start);
        return valid.substring(0, start) + values[r.nextInt(values.length)] + valid.substring(end);
    }

    /** Where the JSON value starting at {@code start} ends. */
    private static int valueEnd(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                inString = c != '"' || s.charAt(i - 1) == '\\';
                if (!inString && depth == 0) {
                    return i + 1;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                if (--depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    private static byte[] randomBytes(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(1, 300)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private static byte[] badHeaders(String path, byte[] body, SplittableRandom r) {
        String[] bad = {
            "Content-Length: abc\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999999999999\r\n",
            "Content-Length: 999999999\r\n", "Content-Length: 3\r\n", "Content-Encoding: gzip\r\n",
            "Content-Encoding: br\r\n", "Content-Encoding: \u00ff\u00fe\r\n", "X-Timeout-Ms: soon\r\n",
            "X-Timeout-Ms: -5\r\n", "X-Timeout-Ms: 99999999999999999999\r\n", "X-Request-Id: \u00ff<script>\r\n",
            "Authorization: Bearer \u0000\u0001\r\n", "Content-Type: text/plain; charset=ebcdic\r\n",
            "Content-Type: application/json; charset=utf-32\r\n", "Transfer-Encoding: gzip\r\n",
            "X-Big: " + "b".repeat(20_000) + "\r\n", "NoColonHeader\r\n", " folded continuation\r\n",
            "X-Many: 1\r\n".repeat(250), "Host: another\r\n",
        };
        String h = bad[r.nextInt(bad.length)];
        if (h.startsWith("Content-Length")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + h + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }
        return post(path, h, body);
    }

    private static byte[] badChunks(String path, byte[] body, SplittableRandom r) {
        String[] sizes = {"zz", "-1", "ffffffffffffffffff", "7fffffff", "1;ext=\"x", "", " ", "0x10"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int split = r.nextInt(body.length);
        out.writeBytes((Integer.toHexString(split) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, split);
        out.writeBytes(("\r\n" + sizes[r.nextInt(sizes.length)] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, split, body.length - split);
        return out.toByteArray();
    }

    private static byte[] badRequestLine(SplittableRandom r) {
        String[] lines = {
            "GARBAGE / HTTP/1.1", "GET", "GET /v2/health/live HTTP/9.9", "GET /v2/health/live FTP/1.0",
            "GET /" + "a".repeat(9000) + " HTTP/1.1", "GET /v2/models/..%2f..%2fetc%2fpasswd HTTP/1.1",
            "GET /v2/models/%00/ready HTTP/1.1", "GET /v2/models/rev/../../metrics HTTP/1.1", "POST /v1/translate",
            "GET /page/..%2f..%2fpom.xml HTTP/1.1", "GET http://other.example/ HTTP/1.1", "\u0000\u0001\u0002",
            "GET  /  HTTP/1.1", "PUT /v2/models/rev/infer HTTP/1.1", "GET /v2/models/rev/versions/0/infer HTTP/1.1",
        };
        return (lines[r.nextInt(lines.length)] + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the raw request and reads the status code; -1 when the server closed the connection without a reply. */
    private static int exchange(byte[] request) throws IOException {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before reading everything
            }
            InputStream in = s.getInputStream();
            byte[] head;
            try {
                head = in.readNBytes(12);
            } catch (SocketTimeoutException e) {
                return 999;
            } catch (IOException e) {
                return -1;           // reset by the server
            }
            if (head.length < 12) {
                return -1;           // closed without a reply
            }
            return Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
        }
    }
}
