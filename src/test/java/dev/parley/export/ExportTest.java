package dev.parley.export;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.github.jsonldjava.core.DocumentLoader;
import com.github.jsonldjava.core.JsonLdOptions;
import com.github.jsonldjava.core.JsonLdProcessor;
import com.github.jsonldjava.utils.JsonUtils;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ExportTest {

    /** Words that trip naive CSV and JSON writers: commas, quotes, a line break, non-ASCII. */
    static final String QUOTE = "\"No,\" he said, \"never.\"\nThen: Украина — nothing more.";
    static final String TITLE = "Guarantees, \"legally binding\"";

    record Case(String negotiation, String proposer, String addressee, String demand, String source,
            String citation) {
    }

    static Case newCase() {
        String proposer = party();
        String addressee = party();
        String negotiation = unique("talks");
        api().body(Map.of("slug", negotiation, "title", "Talks", "started_on", "2022-01-01", "participants",
                List.of(proposer, addressee))).post("/api/v1/negotiations").then().statusCode(201);
        String source = api().body(Map.of("name", "Agency " + unique("src"), "kind", "NEWS_AGENCY", "reliability", "B"))
                .post("/api/v1/sources").then().statusCode(201).extract().path("id");
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", TITLE, "text", "The proposer asks for it.", "topic", "security", "kind",
                "DEMAND", "tabled_on", "2022-01-10")).post("/api/v1/demands").then().statusCode(201);
        String citation = api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-20", "citations",
                List.of(Map.of("source_id", source, "title", "Interview", "url", "https://example.org/a",
                        "published_on", "2022-01-20", "quote", QUOTE, "kind", "DIRECT_QUOTE", "relation",
                        "SUPPORTS"))))
                .put("/api/v1/demands/" + demand + "/positions/" + addressee)
                .then().statusCode(200).extract().path("citations[0].id");
        return new Case(negotiation, proposer, addressee, demand, source, citation);
    }

    static String party() {
        String slug = unique("party");
        api().body(Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE"))
                .post("/api/v1/parties").then().statusCode(201);
        return slug;
    }

    /** Each CSV file of a zip, in order: its header row and its records, parsed as RFC 4180. */
    record Csvs(Map<String, List<String>> headers, Map<String, List<CSVRecord>> records) {
    }

    static Csvs unzip(byte[] zip) throws IOException {
        Csvs csvs = new Csvs(new LinkedHashMap<>(), new LinkedHashMap<>());
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Reader text = new InputStreamReader(new ByteArrayInputStream(in.readAllBytes()), StandardCharsets.UTF_8);
                CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
                try (CSVParser parser = CSVParser.parse(text, format)) {
                    csvs.headers().put(entry.getName(), parser.getHeaderNames());
                    csvs.records().put(entry.getName(), new ArrayList<>(parser.getRecords()));
                }
            }
        }
        return csvs;
    }

    @Test
    void anAnalystOpensOneNegotiationAsCsvFiles() throws IOException {
        Case c = newCase();
        Case other = newCase();
        var response = raw().accept("application/zip").queryParam("negotiation", c.negotiation())
                .get("/api/v1/export").then().statusCode(200).contentType("application/zip").extract();
        assertThat(response.header("Content-Disposition")).contains("parley-" + c.negotiation() + ".zip");
        Csvs csvs = unzip(response.asByteArray());
        Map<String, List<String>> headers = csvs.headers();
        Map<String, List<CSVRecord>> files = csvs.records();

        assertThat(headers.keySet()).containsExactly("parties.csv", "negotiations.csv", "sources.csv",
                "citations.csv", "demands.csv", "position_changes.csv");
        assertThat(headers.get("demands.csv")).containsExactly("slug", "negotiation", "proposer", "addressees",
                "title", "text", "topic", "kind", "tabled_on", "status");
        assertThat(files.get("demands.csv")).extracting(r -> r.get("slug"), r -> r.get("title"), r -> r.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c.demand(), TITLE, "REJECTED"));
        assertThat(files.get("citations.csv")).extracting(r -> r.get("id"), r -> r.get("quote"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c.citation(), QUOTE));
        assertThat(files.get("parties.csv")).extracting(r -> r.get("slug"))
                .containsExactlyInAnyOrder(c.proposer(), c.addressee());
        assertThat(files.get("sources.csv")).extracting(r -> r.get("id")).containsExactly(c.source());
        List<CSVRecord> changes = files.get("position_changes.csv");
        assertThat(changes).extracting(r -> r.get("party"), r -> r.get("status"), r -> r.get("citation_ids"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(c.proposer(), "TABLED", ""),
                        org.assertj.core.groups.Tuple.tuple(c.addressee(), "UNASSESSED", ""),
                        org.assertj.core.groups.Tuple.tuple(c.addressee(), "REJECTED", c.citation()));
        assertThat(files.get("demands.csv")).extracting(r -> r.get("slug")).doesNotContain(other.demand());
    }

    @Test
    void theJsonLdExpandsWithAStandardProcessorAndTheServedContext() throws Exception {
        Case c = newCase();
        String body = raw().accept("application/ld+json").queryParam("negotiation", c.negotiation())
                .get("/api/v1/export").then().statusCode(200).contentType("application/ld+json").extract().asString();
        Object document = JsonUtils.fromString(body);
        String contextUrl = (String) ((Map<?, ?>) document).get("@context");
        assertThat(contextUrl).endsWith("/api/v1/export/context.jsonld");
        String context = raw().accept("application/ld+json").get("/api/v1/export/context.jsonld").then()
                .statusCode(200).extract().asString();

        JsonLdOptions options = new JsonLdOptions();
        DocumentLoader loader = new DocumentLoader();
        // The context as this service served it; a deployment's own URL would be fetched the same way.
        loader.addInjectedDoc(contextUrl, context);
        options.setDocumentLoader(loader);
        List<Object> expanded = JsonLdProcessor.expand(document, options);

        Map<String, Object> quotation = node(expanded, "https://schema.org/Quotation");
        assertThat(value(quotation, "https://schema.org/text")).isEqualTo(QUOTE);
        String citationId = (String) quotation.get("@id");
        assertThat(citationId).endsWith("/citations/" + c.citation());

        Map<String, Object> demand = nodeWithId(expanded, "/demands/" + c.demand());
        assertThat(demand.get("@type")).isEqualTo(List.of("https://schema.org/Claim"));
        assertThat(value(demand, "https://schema.org/name")).isEqualTo(TITLE);

        List<Map<String, Object>> stances = nodes(expanded, "https://schema.org/Claim").stream()
                .filter(n -> n.containsKey("http://www.w3.org/ns/prov#wasDerivedFrom")).toList();
        assertThat(stances).hasSize(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> derived = (List<Map<String, Object>>) stances.get(0)
                .get("http://www.w3.org/ns/prov#wasDerivedFrom");
        assertThat(derived).extracting(d -> d.get("@id")).containsExactly(citationId);
    }

    @Test
    void theJsonBundleIsScopedAndImportingItBackChangesNothing() {
        Case c = newCase();
        newCase();
        String body = api().queryParam("negotiation", c.negotiation()).get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        JsonPath bundle = JsonPath.from(body);
        assertThat(bundle.getList("demands.slug")).containsExactly(c.demand());
        assertThat(bundle.getList("negotiations.slug")).containsExactly(c.negotiation());
        assertThat(bundle.getList("citations.quote")).containsExactly(QUOTE);

        String before = api().get("/api/v1/changes?page_size=1&after=" + head()).then().statusCode(200).extract()
                .path("next_cursor");
        api().body(body).post("/api/v1/import").then().statusCode(200);
        JsonPath after = api().queryParam("after", before).get("/api/v1/changes").then().statusCode(200).extract()
                .jsonPath();
        assertThat(after.getList("items")).as("changes written by an import that changed nothing").isEmpty();
    }

    @Test
    void eachFormatHasItsOwnEtag() {
        Case c = newCase();
        String json = api().queryParam("negotiation", c.negotiation()).get("/api/v1/export").then().statusCode(200)
                .extract().header("ETag");
        String zip = raw().accept("application/zip").queryParam("negotiation", c.negotiation()).get("/api/v1/export")
                .then().statusCode(200).extract().header("ETag");
        assertThat(zip).isNotEqualTo(json);
        raw().accept("application/zip").header("If-None-Match", zip).queryParam("negotiation", c.negotiation())
                .get("/api/v1/export").then().statusCode(304);
        raw().accept("application/zip").header("If-None-Match", json).queryParam("negotiation", c.negotiation())
                .get("/api/v1/export").then().statusCode(200);
    }

    @Test
    void anUnknownNegotiationIsNotFound() {
        api().queryParam("negotiation", unique("none")).get("/api/v1/export").then().statusCode(404);
    }

    private static String head() {
        String cursor = null;
        while (true) {
            var spec = api().queryParam("page_size", 500);
            if (cursor != null) {
                spec.queryParam("after", cursor);
            }
            JsonPath page = spec.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            String next = page.getString("next_cursor");
            if (page.getList("items").isEmpty()) {
                return next;
            }
            cursor = next;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(List<Object> expanded, String type) {
        return expanded.stream().map(n -> (Map<String, Object>) n)
                .filter(n -> n.get("@type") instanceof List<?> types && types.contains(type)).toList();
    }

    private static Map<String, Object> node(List<Object> expanded, String type) {
        List<Map<String, Object>> found = nodes(expanded, type);
        assertThat(found).as("nodes of type " + type).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nodeWithId(List<Object> expanded, String suffix) {
        return expanded.stream().map(n -> (Map<String, Object>) n)
                .filter(n -> String.valueOf(n.get("@id")).endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + suffix));
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> node, String property) {
        List<Map<String, Object>> values = (List<Map<String, Object>>) node.get(property);
        assertThat(values).as(property).hasSize(1);
        return values.get(0).get("@value");
    }
}
