package dev.parley.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The seed case is evidence: every quote stands verbatim where its anchor says, in the text its own
 * document names. The project carries quotes, anchors and each text's SHA-256, not the articles; the
 * texts are the files in ../shared/seeds, matched to documents by hash. Where that folder is absent
 * the check is skipped with a message rather than passed.
 */
class SeedQuotesTest {

    static JsonNode seed() throws IOException {
        try (InputStream in = SeedQuotesTest.class.getClassLoader().getResourceAsStream(SeedLoader.SEED)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** A seed text: its file name and its code points, as anchors count them. */
    record SeedText(String file, int[] codePoints) {

        String slice(int start, int end) {
            return new String(codePoints, start, end - start);
        }

        /** Every offset where the quote starts, as code points. */
        List<Integer> occurrences(String quote) {
            int[] q = quote.codePoints().toArray();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i + q.length <= codePoints.length; i++) {
                if (Arrays.equals(codePoints, i, i + q.length, q, 0, q.length)) {
                    at.add(i);
                }
            }
            return at;
        }
    }

    /** The seed texts by the SHA-256 of their bytes; skips the test when ../shared/seeds is absent. */
    static Map<String, SeedText> seedTextsBySha() throws IOException {
        Path dir = Path.of(System.getProperty("seeds.dir", "../shared/seeds"));
        assumeTrue(Files.isDirectory(dir), "Seed texts not found at " + dir.toAbsolutePath()
                + ": the verbatim-quote check needs ../shared/seeds beside the project and is skipped.");
        Map<String, SeedText> texts = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                texts.put(sha256(bytes), new SeedText(file.getFileName().toString(), text.codePoints().toArray()));
            }
        }
        return texts;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, JsonNode> documents(JsonNode seed) {
        Map<String, JsonNode> documents = new HashMap<>();
        seed.get("documents").forEach(d -> documents.put(d.get("id").asText(), d));
        return documents;
    }

    @Test
    void everyDocumentIsOneOfTheSeedTextsByItsHash() throws IOException {
        Map<String, SeedText> texts = seedTextsBySha();
        Set<String> hashes = new HashSet<>();
        for (JsonNode document : seed().get("documents")) {
            String sha = document.get("text_sha256").asText();
            assertThat(texts).as(document.get("id").asText() + ": no seed text has its text_sha256").containsKey(sha);
            hashes.add(sha);
        }
        assertThat(hashes).as("each seed text is one document").containsExactlyInAnyOrderElementsOf(texts.keySet());
    }

    @Test
    void everyQuoteStandsAtItsAnchorInTheTextOfItsOwnDocument() throws IOException {
        Map<String, SeedText> texts = seedTextsBySha();
        JsonNode seed = seed();
        Map<String, JsonNode> documents = documents(seed);
        List<String> wrong = new ArrayList<>();
        for (JsonNode citation : seed.get("citations")) {
            String id = citation.get("id").asText();
            String quote = citation.get("quote").asText();
            JsonNode document = documents.get(citation.path("document_id").asText());
            if (document == null) {
                wrong.add(id + ": no document");
                continue;
            }
            SeedText text = texts.get(document.get("text_sha256").asText());
            if (text == null) {
                wrong.add(id + ": its document's text is not among the seed texts");
                continue;
            }
            JsonNode anchor = citation.get("anchor");
            int start = anchor.get("start").asInt();
            int end = anchor.get("end").asInt();
            String prefix = anchor.get("prefix").asText();
            String suffix = anchor.get("suffix").asText();
            int prefixLength = prefix.codePointCount(0, prefix.length());
            int suffixLength = suffix.codePointCount(0, suffix.length());
            if (start < 0 || end < start || end > text.codePoints().length) {
                wrong.add(id + ": anchor [" + start + "," + end + ") outside " + text.file());
            } else if (!text.slice(start, end).equals(quote) || !anchor.get("exact").asText().equals(quote)) {
                wrong.add(id + ": " + text.file() + " [" + start + "," + end + ") reads '" + text.slice(start, end)
                        + "', not the quote");
            } else if (prefixLength > 32 || suffixLength > 32 || prefixLength > start
                    || end + suffixLength > text.codePoints().length
                    || !text.slice(start - prefixLength, start).equals(prefix)
                    || !text.slice(end, end + suffixLength).equals(suffix)) {
                wrong.add(id + ": prefix or suffix does not match " + text.file() + " around the quote");
            } else if (text.occurrences(quote).stream().filter(at -> at >= prefixLength
                    && text.slice(at - prefixLength, at).equals(prefix)
                    && at + quote.codePointCount(0, quote.length()) + suffixLength <= text.codePoints().length
                    && text.slice(at + quote.codePointCount(0, quote.length()),
                            at + quote.codePointCount(0, quote.length()) + suffixLength).equals(suffix))
                    .count() != 1) {
                wrong.add(id + ": the quote with its prefix and suffix does not choose one place in " + text.file());
            }
        }
        assertThat(wrong).as("citations whose anchor does not hold in ../shared/seeds").isEmpty();
    }

    @Test
    void theCaseHasTheDemandsAndEvidenceItPromises() throws IOException {
        JsonNode seed = seed();
        assertThat(seed.get("citations").size()).isGreaterThanOrEqualTo(20);
        assertThat(seed.get("demands").size()).isGreaterThanOrEqualTo(10);
        Set<String> proposers = new HashSet<>();
        seed.get("demands").forEach(d -> proposers.add(d.get("proposer").asText()));
        assertThat(proposers).contains("russia", "united-states");
        Set<String> parties = new HashSet<>();
        seed.get("parties").forEach(p -> parties.add(p.get("slug").asText()));
        assertThat(parties).contains("russia", "united-states", "nato");
    }

    @Test
    void everyClaimedStanceCitesEvidence() throws IOException {
        List<String> uncited = new ArrayList<>();
        for (JsonNode demand : seed().get("demands")) {
            for (JsonNode position : demand.get("positions")) {
                for (JsonNode stance : position.get("history")) {
                    if (!"UNASSESSED".equals(stance.get("status").asText()) && stance.get("citation_ids").isEmpty()) {
                        uncited.add(demand.get("slug").asText() + "/" + position.get("party").asText());
                    }
                }
            }
        }
        assertThat(uncited).isEmpty();
    }
}
