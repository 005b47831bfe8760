package dev.parley.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The seed case is evidence: every quote stands verbatim in one of the news texts in
 * ../shared/seeds. The project carries the quotes, not the articles, so where that folder is absent
 * the check is skipped with a message rather than passed.
 */
class SeedQuotesTest {

    static JsonNode seed() throws IOException {
        try (InputStream in = SeedQuotesTest.class.getClassLoader().getResourceAsStream(SeedLoader.SEED)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static List<String> seedTexts() throws IOException {
        Path dir = Path.of(System.getProperty("seeds.dir", "../shared/seeds"));
        assumeTrue(Files.isDirectory(dir), "Seed texts not found at " + dir.toAbsolutePath()
                + ": the verbatim-quote check needs ../shared/seeds beside the project and is skipped.");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    @Test
    void everyQuoteStandsVerbatimInASeedText() throws IOException {
        List<String> texts = seedTexts();
        List<String> notFound = new ArrayList<>();
        for (JsonNode citation : seed().get("citations")) {
            String quote = citation.get("quote").asText();
            if (texts.stream().noneMatch(t -> t.contains(quote))) {
                notFound.add(citation.get("id").asText() + ": " + quote);
            }
        }
        assertThat(notFound).as("quotes not found verbatim in ../shared/seeds").isEmpty();
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
