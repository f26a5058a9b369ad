package org.seq2seq4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser: headless Chromium (Debian's chromium, driven by chromium-driver over
 * WebDriver) loads it from the server, a sentence is typed and submitted, and the translation, the
 * n-best list and the heatmap's cells (one per output and source token, values in [0, 1], each row
 * summing to 1, the value on hover) appear. Without the browser the test is skipped, naming the
 * binary, except on CI ({@code CI=true}), where it fails. A screenshot goes to
 * target/serve-page.png (and to $SEQ2SEQ4J_SCREENSHOT when set).
 */
class PageBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void aSentenceGetsItsTranslationsAndHeatmap() throws Exception {
        Optional<Path> chromium = WebDriver.find("/usr/bin/chromium", "chromium", "chromium-browser");
        Optional<Path> driver = WebDriver.find("/usr/bin/chromedriver", "chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = (chromium.isEmpty() ? "chromium (/usr/bin/chromium)" : "")
                    + (chromium.isEmpty() && driver.isEmpty() ? " and " : "")
                    + (driver.isEmpty() ? "chromedriver (/usr/bin/chromedriver)" : "");
            if ("true".equals(System.getenv("CI"))) {
                fail("CI needs " + missing + ": apt-get install chromium chromium-driver (.ci/run does)");
            }
            assumeTrue(false, "skipped: no " + missing + "; apt-get install chromium chromium-driver");
        }
        try (ModelServer server = ModelServer.builder(new ServerOptions().port(0)).model("reverse", ToyModel.get())
                .start();
                WebDriver web = new WebDriver(driver.get(), chromium.get(), tmp)) {
            web.open(server.uri());
            assertEquals(1, web.await("#model option", 1).size(), "the page lists the text model");
            String text = web.findAll("#text").get(0);
            web.type(text, "decaf");
            String beam = web.findAll("#beam").get(0);
            web.clear(beam);
            web.type(beam, "3");
            String nBest = web.findAll("#nbest").get(0);
            web.clear(nBest);
            web.type(nBest, "3");
            web.click(web.findAll("#go").get(0));

            List<String> cells = web.await("table.heatmap td.cell", 30);
            assertEquals(30, cells.size(), "6 output tokens (5 letters and the end) x 5 source letters");
            assertEquals("faced", web.text(web.findAll("#best").get(0)));
            assertEquals(3, web.findAll("#nbest-table tbody tr").size());
            assertEquals(5, web.findAll("table.heatmap th.source").size());
            assertEquals(11, web.findAll("#legend .swatch").size(), "a 0-1 colour scale");
            double rowSum = 0;
            for (int j = 0; j < 5; j++) {
                double v = Double.parseDouble(web.attribute(cells.get(j), "data-value"));
                assertTrue(v >= 0 && v <= 1, "a weight in [0, 1]: " + v);
                rowSum += v;
            }
            assertEquals(1.0, rowSum, 0.01, "the first output token's weights over the source");
            assertTrue(web.attribute(cells.get(0), "style").contains("background"), "cells are coloured");
            web.hover(cells.get(4));
            String tip = web.script("const t = document.getElementById('tip'); return t.hidden ? '' : t.textContent;")
                    .asText();
            assertEquals("f \u2190 f: " + web.attribute(cells.get(4), "data-value"), tip,
                    "the first output letter, the last source letter and its weight");
            assertFalse(web.script("return document.getElementById('status').className;").asText().contains("error"));

            byte[] png = web.screenshot();
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "serve-page.png"), png);
            String copy = System.getenv("SEQ2SEQ4J_SCREENSHOT");
            if (copy != null) {
                Files.write(Path.of(copy), png);
            }
        }
    }
}
