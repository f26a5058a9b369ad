package org.seq2seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.ShapeException;

/** The ASCII and HTML attention maps, against hand-drawn expectations. */
class AttentionMapsTest {
    private static final float[][] A = {{0.95f, 0.05f, 0f}, {0.1f, 0.5f, 0.4f}};

    @Test
    void asciiDrawsOneShadePerCellWithALegend() {
        String map = AttentionMaps.ascii(List.of("le", "chat", "."), List.of("the", "cat"), A);
        String expected = ""
                + "    |le|chat|.|\n"
                + "the |@@|    | |\n"
                + "cat |..|++++|=|\n";      // .1 -> shade 1, .5 -> shade 5, .4 -> shade 4
        assertTrue(map.startsWith(expected), map);
        assertTrue(map.contains("legend: ' ' 0.0-0.1 '.' 0.1-0.2 ':' 0.2-0.3"), map);
        assertTrue(map.endsWith("'@' 0.9-1.0\n"), map);
        assertEquals('@', AttentionMaps.shade(1f));
        assertEquals(' ', AttentionMaps.shade(-3f));
    }

    @Test
    void htmlIsSelfContainedWithEveryCellAndItsValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("map.html");
        AttentionMaps.writeHtml(file, "le chat <.>", List.of("le", "chat", "."), List.of("the", "cat"), A);
        String page = Files.readString(file);
        Matcher cells = Pattern.compile("<rect class=\"cell\"[^>]*data-value=\"([0-9.]+)\"").matcher(page);
        int n = 0;
        while (cells.find()) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.3f", A[n / 3][n % 3]), cells.group(1));
            n++;
        }
        assertEquals(6, n);
        assertTrue(page.contains("<title>cat \u2190 chat: 0.500</title>"), page);
        assertTrue(page.contains("le chat &lt;.&gt;"), "title escaped");
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing fetched");
        assertEquals("#ffffff", AttentionMaps.colour(0f));
        assertEquals("#08306b", AttentionMaps.colour(1f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void rowsMustMatchTheTokens() {
        assertThrows(ShapeException.class, () -> AttentionMaps.ascii(List.of("a"), List.of("x", "y"), new float[][] {{1f}}));
        assertThrows(ShapeException.class, () -> AttentionMaps.html("t", List.of("a", "b"), List.of("x"), new float[][] {{1f}}));
    }
}
