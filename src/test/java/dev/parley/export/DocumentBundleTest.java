package dev.parley.export;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Documents and anchored citations in every export format, and back through import. */
@QuarkusTest
class DocumentBundleTest {

    static final String TEXT = "\uFEFFMinistry statement, \u201Cfinal\u201D:\r\nNo enlargement;\u00A0no strike systems."
            + " S\u00e9curit\u00e9 \uD83D\uDEE1, \"commas\", and a\ttab.";
    static final String QUOTE = "No enlargement; no strike systems.";

    record Scene(String negotiation, String source, String held, String unheld, String anchored, String plain) {
    }

    static Scene scene() {
        String proposer = party();
        String addressee = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2021-12-01", List.of(proposer, addressee));
        String source = api().body(Map.of("name", "Ministry " + unique("src"), "kind", "GOVERNMENT", "reliability",
                "B")).post("/api/v1/sources").then().statusCode(201).extract().path("id");
        String held = api().body(Map.of("title", "Draft treaty", "source_id", source, "published_on", "2021-12-01",
                "published_on_precision", "MONTH", "language", "ru", "text", TEXT)).post("/api/v1/documents").then()
                .statusCode(201).extract().path("id");
        String unheld = api().body(Map.of("title", "Paywalled interview", "text_sha256", "a".repeat(64)))
                .post("/api/v1/documents").then().statusCode(201).extract().path("id");
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Guarantees", "text", "No enlargement.", "topic", "security", "kind",
                "DEMAND", "tabled_on", "2021-12-17")).post("/api/v1/demands").then().statusCode(201);
        Map<String, Object> anchored = new HashMap<>(Map.of("source_id", source, "title", "Draft", "quote", QUOTE,
                "kind", "OFFICIAL_TEXT", "relation", "SUPPORTS", "document_id", held, "via",
                List.of("Foreign Ministry", "TASS"), "language", "en", "translated", true, "credibility", 2));
        anchored.put("original_quote",
                "\u041D\u0438\u043A\u0430\u043A\u043E\u0433\u043E \u0440\u0430\u0441\u0448\u0438\u0440\u0435\u043D\u0438\u044F.");
        Map<String, Object> plain = Map.of("source_id", source, "title", "Interview", "quote", "Words we cannot check.",
                "kind", "DIRECT_QUOTE", "relation", "CONTEXT", "document_id", unheld, "anchor",
                Map.of("start", 10, "end", 32));
        JsonPath stance = api().body(Map.of("status", "TABLED", "effective_on", "2021-12-17", "citations",
                List.of(anchored, plain))).put("/api/v1/demands/" + demand + "/positions/" + proposer).then()
                .statusCode(200).extract().jsonPath();
        return new Scene(negotiation, source, held, unheld, stance.getString("citations[0].id"),
                stance.getString("citations[1].id"));
    }

    @Test
    void theJsonBundleCarriesDocumentsTextsAndAnchorsAndImportingItBackChangesNothing() throws Exception {
        Scene scene = scene();
        String body = api().queryParam("negotiation", scene.negotiation()).get("/api/v1/export").then()
                .statusCode(200).extract().asString();
        JsonNode bundle = new ObjectMapper().readTree(body);
        assertThat(bundle.get("documents")).extracting(d -> d.get("id").asText())
                .containsExactly(scene.held(), scene.unheld());
        JsonNode held = bundle.get("documents").get(0);
        assertThat(held.get("text").asText()).isEqualTo(TEXT);
        assertThat(held.get("text_held").asBoolean()).isTrue();
        assertThat(held.get("published_on_precision").asText()).isEqualTo("MONTH");
        assertThat(bundle.get("documents").get(1).has("text")).isFalse();
        assertThat(bundle.get("documents").get(1).get("text_held").asBoolean()).isFalse();
        JsonNode citation = find(bundle.get("citations"), scene.anchored());
        assertThat(citation.get("document_id").asText()).isEqualTo(scene.held());
        assertThat(citation.get("anchor").get("exact").asText()).isEqualTo("No enlargement;\u00A0no strike systems.");
        assertThat(citation.get("via")).extracting(JsonNode::asText).containsExactly("Foreign Ministry", "TASS");
        assertThat(citation.get("credibility").asInt()).isEqualTo(2);
        assertThat(find(bundle.get("citations"), scene.plain()).get("anchor").get("start").asInt()).isEqualTo(10);
        assertThat(bundle.get("sources")).extracting(s -> s.get("id").asText()).containsExactly(scene.source());

        String before = head();
        api().body(body).post("/api/v1/import").then().statusCode(200).body("documents_created", equalTo(0));
        assertThat(api().queryParam("after", before).get("/api/v1/changes").then().statusCode(200).extract()
                .jsonPath().getList("items")).as("changes written by an import that changed nothing").isEmpty();
    }

    @Test
    void importCreatesDocumentsBeforeTheCitationsAnchoredInThem() throws Exception {
        Scene scene = scene();
        ObjectNode bundle = minimal(scene);
        api().body(bundle.toString()).post("/api/v1/import").then().statusCode(200)
                .body("documents_created", equalTo(1))
                .body("citations_created", equalTo(1));
        String document = bundle.get("documents").get(0).get("id").asText();
        api().get("/api/v1/documents/" + document).then().statusCode(200).body("text_held", equalTo(true));
        assertThat(raw().accept("text/plain").get("/api/v1/documents/" + document + "/text").asByteArray())
                .isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        api().get("/api/v1/citations/" + bundle.get("citations").get(0).get("id").asText()).then().statusCode(200)
                .body("anchor.start", equalTo(bundle.get("citations").get(0).get("anchor").get("start").asInt()));
    }

    @Test
    void anAnchorThatDoesNotFitItsHeldTextImportsNothing() throws Exception {
        Scene scene = scene();
        ObjectNode wrongExact = minimal(scene);
        ((ObjectNode) wrongExact.get("citations").get(0).get("anchor")).put("exact", "No enlargement; no strike");
        refused(wrongExact, "ANCHOR_MISMATCH", "/citations/0/anchor/exact");
        ObjectNode wrongStart = minimal(scene);
        ((ObjectNode) wrongStart.get("citations").get(0).get("anchor")).put("start", 3);
        refused(wrongStart, "QUOTE_NOT_IN_DOCUMENT", "/citations/0/anchor");
        ObjectNode absentQuote = minimal(scene);
        ((ObjectNode) absentQuote.get("citations").get(0)).put("quote", "Enlargement is fine.");
        ((ObjectNode) absentQuote.get("citations").get(0)).remove("anchor");
        refused(absentQuote, "QUOTE_NOT_IN_DOCUMENT", "/citations/0/quote");
        ObjectNode unknown = minimal(scene);
        ((ObjectNode) unknown.get("citations").get(0)).put("document_id", "doc_nosuchdoc");
        refused(unknown, "UNKNOWN_DOCUMENT", "/citations/0/document_id");
    }

    @Test
    void aHeldTextCannotBeReplacedByImport() throws Exception {
        Scene scene = scene();
        String body = api().queryParam("negotiation", scene.negotiation()).get("/api/v1/export").then()
                .statusCode(200).extract().asString();
        ObjectNode bundle = (ObjectNode) new ObjectMapper().readTree(body);
        ObjectNode held = (ObjectNode) bundle.get("documents").get(0);
        held.put("text", TEXT + " Amended.");
        held.remove("text_sha256");
        api().body(bundle.toString()).post("/api/v1/import").then().statusCode(422)
                .body("code", equalTo("DOCUMENT_TEXT_IMMUTABLE"))
                .body("errors[0].pointer", equalTo("/documents/0/text"));
        held.remove("text");
        api().body(bundle.toString()).post("/api/v1/import").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/documents/0/text"));
    }

    @Test
    void theZipHasDocumentsCsvAndTheCitationsTheirNewColumns() throws Exception {
        Scene scene = scene();
        byte[] zip = raw().accept("application/zip").queryParam("negotiation", scene.negotiation())
                .get("/api/v1/export").then().statusCode(200).extract().asByteArray();
        ExportTest.Csvs csvs = ExportTest.unzip(zip);
        assertThat(csvs.headers().get("documents.csv")).containsExactly("id", "title", "url", "archived_url",
                "source_id", "published_on", "published_on_precision", "retrieved_at", "language", "text_held",
                "text_sha256", "text_length");
        List<CSVRecord> documents = csvs.records().get("documents.csv");
        assertThat(documents).extracting(r -> r.get("id"), r -> r.get("text_held"), r -> r.get("text_length"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(scene.held(), "true",
                        String.valueOf(TEXT.codePointCount(0, TEXT.length()))),
                        org.assertj.core.groups.Tuple.tuple(scene.unheld(), "false", ""));
        assertThat(csvs.headers().get("citations.csv")).contains("document_id", "anchor_exact", "anchor_start",
                "anchor_end", "via", "language", "translated", "original_quote", "credibility");
        CSVRecord anchored = csvs.records().get("citations.csv").stream()
                .filter(r -> r.get("id").equals(scene.anchored())).findFirst().orElseThrow();
        assertThat(anchored.get("document_id")).isEqualTo(scene.held());
        assertThat(anchored.get("anchor_exact")).isEqualTo("No enlargement;\u00A0no strike systems.");
        assertThat(anchored.get("via")).isEqualTo("Foreign Ministry;TASS");
        assertThat(anchored.get("credibility")).isEqualTo("2");
    }

    @Test
    void inJsonLdADocumentIsACreativeWorkThatItsCitationsArePartOfAndDerivedFrom() throws Exception {
        Scene scene = scene();
        JsonLdExport export = JsonLdExport.of(scene.negotiation());
        String contextUrl = export.contextUrl();
        List<Object> expanded = export.expanded();
        String documentId = contextUrl.replace("/export/context.jsonld", "/documents/" + scene.held());
        Map<String, Object> work = byId(expanded, documentId);
        assertThat(work.get("@type")).isEqualTo(List.of("https://schema.org/CreativeWork"));
        Map<String, Object> citation = byId(expanded,
                contextUrl.replace("/export/context.jsonld", "/citations/" + scene.anchored()));
        assertThat(citation.get("https://schema.org/isPartOf")).isEqualTo(List.of(Map.of("@id", documentId)));
        assertThat(citation.get("http://www.w3.org/ns/prov#wasDerivedFrom")).isEqualTo(List.of(Map.of("@id", documentId)));
        assertThat(citation.toString()).contains("http://www.w3.org/ns/oa#TextQuoteSelector",
                "http://www.w3.org/ns/oa#TextPositionSelector", "Foreign Ministry");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> byId(List<Object> expanded, String id) {
        return expanded.stream().map(n -> (Map<String, Object>) n).filter(n -> id.equals(n.get("@id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id));
    }

    private static JsonNode find(JsonNode citations, String id) {
        for (JsonNode c : citations) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no citation " + id);
    }

    /** A bundle of one new document holding TEXT and one new citation anchored in it, of the scene's source. */
    private static ObjectNode minimal(Scene scene) throws Exception {
        String suffix = unique("x").replace("-", "");
        ObjectMapper json = new ObjectMapper();
        ObjectNode bundle = json.createObjectNode().put("format", "parley-bundle/1");
        bundle.putArray("parties");
        bundle.putArray("negotiations");
        bundle.putArray("demands");
        bundle.putArray("sources").addObject().put("id", scene.source()).put("name", "Ministry").put("kind",
                "GOVERNMENT").put("reliability", "B");
        // The source exists: importing it again must not rename it, so use what the service holds.
        JsonPath source = api().get("/api/v1/sources/" + scene.source()).then().extract().jsonPath();
        ((ObjectNode) bundle.get("sources").get(0)).put("name", source.getString("name"));
        ArrayNode documents = bundle.putArray("documents");
        documents.addObject().put("id", "doc_" + suffix).put("title", "Imported draft").put("source_id", scene.source())
                .put("text", TEXT).put("text_held", true);
        int start = TEXT.codePointCount(0, TEXT.indexOf("No enlargement"));
        ObjectNode citation = bundle.putArray("citations").addObject().put("id", "cit_" + suffix)
                .put("source_id", scene.source()).put("title", "Draft").put("quote", QUOTE).put("kind", "OFFICIAL_TEXT")
                .put("relation", "SUPPORTS").put("document_id", "doc_" + suffix);
        citation.putObject("anchor").put("exact", "No enlargement;\u00A0no strike systems.").put("start", start)
                .put("end", start + 34);
        return bundle;
    }

    private static void refused(ObjectNode bundle, String code, String pointer) {
        String document = bundle.get("documents").get(0).get("id").asText();
        api().body(bundle.toString()).post("/api/v1/import").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("errors[0].pointer", equalTo(pointer));
        api().get("/api/v1/documents/" + document).then().statusCode(404);
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
}
