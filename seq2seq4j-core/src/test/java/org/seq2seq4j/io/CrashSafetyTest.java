package org.seq2seq4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seq2seq4j.models.Model;

/**
 * A child JVM saves a 1.5M-parameter model to the same file in a loop and is killed (SIGKILL) at
 * random points, many times; after every kill the file still loads, holding either the save in
 * progress or the last completed one, never a mix.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void killedMidSaveLeavesTheLastCompleteFile() throws Exception {
        Path file = dir.resolve("model.s2s");
        SplittableRandom random = new SplittableRandom(5);
        String java = ProcessHandle.current().info().command().orElse("java");
        int kills = 8;
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(),
                    file.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();                          // one complete save of the loop exists now
            assertTrue(first != null && first.startsWith("saved "), "child said: " + first);
            AtomicInteger completed = new AtomicInteger(1);
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        completed.set(Integer.parseInt(line.substring("saved ".length())));
                    }
                } catch (IOException e) {
                    // the stream closes when the child is killed
                }
            });
            reader.start();
            Thread.sleep(random.nextInt(400));
            int before = completed.get();
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "child did not die");
            reader.join(5000);
            int last = Math.max(before, completed.get());
            Model m = Models.load(file);
            float v = m.weights().get(0).value().data()[0];
            assertTrue(v == last || v == last + 1, "after kill " + k + " the file holds save " + v + " but the child"
                    + " had completed save " + last);
            for (var w : m.weights()) {
                for (float x : w.value().data()) {
                    assertEquals(v, x, 0f, "a file mixing two saves");
                }
            }
        }
        try (var files = Files.list(dir)) {
            List<Path> left = files.filter(f -> !f.equals(file)).toList();
            assertTrue(left.stream().allMatch(f -> f.getFileName().toString().endsWith(".tmp")), left.toString());
        }
    }
}
