package dev.parley.export;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static dev.parley.support.Fixtures.source;
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
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, addressee));
        String source = source();
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
                "documents.csv", "citations.csv", "demands.csv", "position_changes.csv", "events.csv", "links.csv",
                "revisions.csv");
        assertThat(headers.get("demands.csv")).containsExactly("slug", "negotiation", "proposer", "addressees",
                "title", "text", "topic", "kind", "tabled_on", "status", "co_proposers", "concerned", "inseparable");
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
        JsonLdExport export = JsonLdExport.of(c.negotiation());
        String contextUrl = export.contextUrl();
        assertThat(contextUrl).endsWith("/api/v1/export/context.jsonld");
        List<Object> expanded = export.expanded();

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

    /** A negotiation with structure: a joint, inseparable package, a member, a counter-offer, a round, a revision. */
    record Structured(String negotiation, String proposer, String joint, String addressee, String outsider,
            String pkg, String member, String offer, String event, String link, String oldTitle) {
    }

    static Structured newStructure() {
        String proposer = party();
        String joint = party();
        String addressee = party();
        String outsider = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, joint, addressee));
        String source = source();
        String pkg = unique("package");
        Map<String, Object> body = new LinkedHashMap<>(Map.of("slug", pkg, "negotiation", negotiation, "proposer",
                proposer, "addressees", List.of(addressee), "title", TITLE, "text", "All or nothing.", "topic",
                "security", "kind", "PACKAGE", "tabled_on", "2022-01-10"));
        body.putAll(Map.of("co_proposers", List.of(joint), "concerned", List.of(outsider), "inseparable", true));
        api().body(body).post("/api/v1/demands").then().statusCode(201);
        String member = unique("member");
        api().body(Map.of("slug", member, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "A member", "text", "One part.", "topic", "security", "kind", "DEMAND",
                "tabled_on", "2022-01-10")).post("/api/v1/demands").then().statusCode(201);
        String link = api().body(Map.of("type", "PART_OF", "target", pkg)).post("/api/v1/demands/" + member + "/links")
                .then().statusCode(201).extract().path("id");
        String offer = unique("offer");
        api().body(Map.of("slug", offer, "negotiation", negotiation, "proposer", addressee, "addressees",
                List.of(proposer), "title", "An offer", "text", "Talks instead.", "topic", "security", "kind", "OFFER",
                "tabled_on", "2022-01-26")).post("/api/v1/demands").then().statusCode(201);
        String event = api().body(Map.of("kind", "WRITTEN_REPLY", "occurred_on", "2022-01-26", "title",
                "Written replies", "parties", List.of(addressee)))
                .post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201).extract().path("id");
        Map<String, Object> citation = Map.of("source_id", source, "title", "Reply", "quote", QUOTE, "kind",
                "DIRECT_QUOTE", "relation", "SUPPORTS");
        api().body(Map.of("status", "COUNTER_PROPOSED", "effective_on", "2022-01-26", "counter", offer, "event_id",
                event, "citations", List.of(citation)))
                .put("/api/v1/demands/" + pkg + "/positions/" + addressee).then().statusCode(200);
        api().body(Map.of("status", "CONDITIONALLY_ACCEPTED", "effective_on", "2022-01-27", "conditions",
                List.of(offer), "citations", List.of(citation)))
                .put("/api/v1/demands/" + member + "/positions/" + addressee).then().statusCode(200);
        String tag = api().get("/api/v1/demands/" + pkg).then().statusCode(200).extract().header("ETag");
        raw().contentType("application/merge-patch+json").accept("application/json").header("If-Match", tag)
                .body(Map.of("title", "Guarantees, reworded")).patch("/api/v1/demands/" + pkg).then().statusCode(200);
        return new Structured(negotiation, proposer, joint, addressee, outsider, pkg, member, offer, event, link,
                TITLE);
    }

    @Test
    void theJsonBundleCarriesTheStructureAndImportingItBackChangesNothing() {
        Structured s = newStructure();
        String body = api().queryParam("negotiation", s.negotiation()).get("/api/v1/export").then().statusCode(200)
                .extract().asString();
        JsonPath bundle = JsonPath.from(body);
        String pkg = "demands.find { it.slug == '" + s.pkg() + "' }";
        assertThat(bundle.getList(pkg + ".co_proposers", String.class)).containsExactly(s.joint());
        assertThat(bundle.getList(pkg + ".concerned", String.class)).containsExactly(s.outsider());
        assertThat(bundle.getBoolean(pkg + ".inseparable")).isTrue();
        String reply = pkg + ".positions.find { it.party == '" + s.addressee() + "' }.history[-1]";
        assertThat(bundle.getString(reply + ".counter")).isEqualTo(s.offer());
        assertThat(bundle.getString(reply + ".event_id")).isEqualTo(s.event());
        String accepted = "demands.find { it.slug == '" + s.member() + "' }.positions.find { it.party == '"
                + s.addressee() + "' }.history[-1]";
        assertThat(bundle.getList(accepted + ".conditions", String.class)).containsExactly(s.offer());
        assertThat(bundle.getList("events.id")).containsExactly(s.event());
        assertThat(bundle.getList("events[0].parties", String.class)).containsExactly(s.addressee());
        assertThat(bundle.getList("links.id")).containsExactly(s.link());
        assertThat(bundle.getString("links[0].demand") + " " + bundle.getString("links[0].type") + " "
                + bundle.getString("links[0].target")).isEqualTo(s.member() + " PART_OF " + s.pkg());
        assertThat(bundle.getList("revisions.title")).containsExactly(s.oldTitle());
        assertThat(bundle.getList("parties.slug")).contains(s.outsider());

        String before = api().get("/api/v1/changes?page_size=1&after=" + head()).then().statusCode(200).extract()
                .path("next_cursor");
        api().body(body).post("/api/v1/import").then().statusCode(200);
        JsonPath after = api().queryParam("after", before).get("/api/v1/changes").then().statusCode(200).extract()
                .jsonPath();
        assertThat(after.getList("items")).as("changes written by an import that changed nothing").isEmpty();
    }

    @Test
    void theCsvFilesCarryTheStructure() throws IOException {
        Structured s = newStructure();
        Map<String, List<CSVRecord>> files = unzip(raw().accept("application/zip")
                .queryParam("negotiation", s.negotiation()).get("/api/v1/export").then().statusCode(200).extract()
                .asByteArray()).records();
        assertThat(files.get("demands.csv")).filteredOn(r -> r.get("slug").equals(s.pkg()))
                .extracting(r -> r.get("co_proposers"), r -> r.get("concerned"), r -> r.get("inseparable"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.joint(), s.outsider(), "true"));
        assertThat(files.get("position_changes.csv")).filteredOn(r -> r.get("status").equals("COUNTER_PROPOSED"))
                .extracting(r -> r.get("counter"), r -> r.get("event_id"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.offer(), s.event()));
        assertThat(files.get("position_changes.csv"))
                .filteredOn(r -> r.get("status").equals("CONDITIONALLY_ACCEPTED")).extracting(r -> r.get("conditions"))
                .containsExactly(s.offer());
        assertThat(files.get("events.csv")).extracting(r -> r.get("id"), r -> r.get("kind"), r -> r.get("parties"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.event(), "WRITTEN_REPLY", s.addressee()));
        assertThat(files.get("links.csv")).extracting(r -> r.get("demand"), r -> r.get("type"), r -> r.get("target"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.member(), "PART_OF", s.pkg()));
        assertThat(files.get("revisions.csv")).extracting(r -> r.get("demand"), r -> r.get("title"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(s.pkg(), s.oldTitle()));
    }

    @Test
    void theJsonLdNamesTheRoundsAndTheTermsOfAStance() throws Exception {
        Structured s = newStructure();
        JsonLdExport export = JsonLdExport.of(s.negotiation());
        String contextUrl = export.contextUrl();
        List<Object> expanded = export.expanded();
        String vocab = contextUrl + "#";

        Map<String, Object> event = nodeWithId(expanded, "/events/" + s.event());
        assertThat(event.get("@type")).isEqualTo(List.of("https://schema.org/Event"));
        Map<String, Object> pkg = nodeWithId(expanded, "/demands/" + s.pkg());
        assertThat(ids(pkg, vocab + "coProposer")).containsExactly(nodeId(expanded, "/parties/" + s.joint()));
        Map<String, Object> counter = nodes(expanded, "https://schema.org/Claim").stream()
                .filter(n -> n.containsKey(vocab + "counter")).findFirst().orElseThrow();
        assertThat(ids(counter, vocab + "counter")).containsExactly(nodeId(expanded, "/demands/" + s.offer()));
        assertThat(ids(counter, vocab + "event")).containsExactly(event.get("@id"));
        Map<String, Object> link = nodeWithId(expanded, "/links/" + s.link());
        assertThat(ids(link, vocab + "linkTo")).containsExactly(pkg.get("@id"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> node, String property) {
        return ((List<Map<String, Object>>) node.get(property)).stream().map(v -> v.get("@id")).toList();
    }

    private static Object nodeId(List<Object> expanded, String suffix) {
        return nodeWithId(expanded, suffix).get("@id");
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
