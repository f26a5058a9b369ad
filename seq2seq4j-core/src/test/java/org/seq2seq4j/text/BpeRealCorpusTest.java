package org.seq2seq4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seq2seq4j.testing.Goldens;

/**
 * BPE on the French side of the 76k manythings file against subword-nmt itself (rsennrich/subword-nmt at
 * 92d6139, run here): the lowercased WordTokenizer tokens of each line, joined by spaces, were given to
 * {@code learn_bpe(infile, outfile, 8000, 2)} and the result to {@code BPE(codes).process_line(line)}. The
 * expected values are SHA-256 digests of its codes file and of the segmented corpus, and of the input, so a
 * change of the word tokenizer is told apart from a change of BPE.
 */
class BpeRealCorpusTest {
    private static String sha256(String s) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void learnsAndSegmentsAsSubwordNmt() throws Exception {
        Path file = Goldens.SHARED.resolve("data/dataset-fra-eng-manythings/fra_eng_76k_2col.txt");
        assumeTrue(Files.exists(file), "skipped: no shared data at " + file);
        WordTokenizer words = new WordTokenizer().lower(true);
        List<String> lines = new ArrayList<>();
        try (TsvReader r = TsvReader.open(file)) {
            r.forEach(p -> lines.add(String.join(" ", words.tokenize(p.target())) + "\n"));
        }
        assertEquals("fb33a327155fb9f3ab0402cca8342ad5551d25f2016d8e1475b00af60d96ec7d", sha256(String.join("", lines)),
                "the input given to subword-nmt");
        BpeCodes codes = BpeCodes.learn(lines, 8000, 2);
        assertEquals(8000, codes.merges().size());
        assertEquals("00dc5c88fd6a27131141c5ddfc797c447028616a8ffe084ca0dd1155b972ce98", sha256(codes.toCodesFile()));
        StringBuilder segmented = new StringBuilder();
        lines.forEach(l -> segmented.append(codes.segment(l)));
        assertEquals("7dbfa341753d2fb9c5ddc44374e62ec29c7f6599aa75fe8373723308ed374cf2", sha256(segmented.toString()));
    }
}
