package org.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: the expected rows of a shared data folder ({@code expected_*.tsv}, JSON files) and
 * a tally that compares every row, prints {@code name: matched/total} and fails listing the
 * first differences.
 */
final class ReferenceRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> differences = new ArrayList<>();
    private int total;

    ReferenceRows(String name) {
        this.name = name;
    }

    /** The folder {@code ../shared/data/<name>}; the test is skipped when it is absent. */
    static Path folder(String name) {
        Path dir = RealFiles.DATA.resolve(name);
        assumeTrue(Files.isDirectory(dir), "skipped: no shared data at " + dir);
        return dir;
    }

    /** The rows of a TSV file after its header, split on tabs (empty fields kept). */
    static List<String[]> tsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            lines.subList(1, lines.size()).forEach(l -> rows.add(l.split("\t", -1)));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON file as maps, lists, strings and numbers. */
    static Object json(Path file) {
        try {
            return JSON.readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares one row. */
    void check(String what, Object expected, Object actual) {
        total++;
        if (!expected.equals(actual)) {
            differences.add(what + ": expected <" + expected + "> but got <" + actual + ">");
        }
    }

    /** Compares one number within {@code tol}. */
    void check(String what, double expected, double actual, double tol) {
        total++;
        if (!(Math.abs(expected - actual) <= tol)) {
            differences.add(what + ": expected " + expected + " but got " + actual + " (tolerance " + tol + ")");
        }
    }

    /** Prints the tally and fails when a row differs. */
    void assertAllMatch() {
        System.out.println(name + ": " + (total - differences.size()) + "/" + total + " match the reference");
        assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())),
                name + ": " + differences.size() + " of " + total + " differ");
    }
}
