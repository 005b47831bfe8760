package dev.parley.document;

import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.http.BodyLimit;
import dev.parley.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class DocumentResourceTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** Everything a text can hold that a careless store or server would change. */
    static final String HOSTILE = "\uFEFFStatement of the Ministry\r\n\r\n\u200F\u05E9\u05DC\u05D5\u05DD\u200E "
            + "s\u00e9curit\u00e9 and se\u0301curite\u0301,\u00A0\u201Cguarantees\u201D \u2014 \uD835\uDD18nion "
            + "\uD83C\uDDFA\uD83C\uDDE6 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\ttab\u2028line "
            + "<script>alert(1)</script> \"quoted\" \\backslash\\ \u0000-free but \u0007bell \uFFFF end";

    static String source() {
        return api().body(Map.of("name", "Ministry " + unique("src"), "kind", "GOVERNMENT", "reliability", "B"))
                .post("/api/v1/sources").then().statusCode(201).extract().path("id");
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, Object> document(String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Statement " + unique("doc"));
        body.put("url", "https://example.org/statements/" + unique("s"));
        body.put("published_on", "2021-12-17");
        body.put("language", "ru");
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    static String create(Map<String, Object> body) {
        return api().body(body).post("/api/v1/documents").then().statusCode(201).extract().path("id");
    }

    private static String hostile() {
        return HOSTILE.replace("\u0000", "");
    }

    @Test
    void aHeldTextIsFingerprintedCountedAndServedByteForByte() throws Exception {
        String text = hostile();
        String source = source();
        Map<String, Object> body = document(text);
        body.put("source_id", source);
        body.put("archived_url", "https://web.archive.org/web/2021/https://example.org/");
        body.put("retrieved_at", "2021-12-18T08:00:00Z");
        Response created = api().body(body).post("/api/v1/documents");
        created.then().statusCode(201)
                .body("id", matchesPattern("^doc_[0-9a-z]{26}$"))
                .body("text_held", equalTo(true))
                .body("text_sha256", equalTo(sha256(text)))
                .body("text_length", equalTo(text.codePointCount(0, text.length())))
                .body("source_id", equalTo(source))
                .body("published_on_precision", equalTo("DAY"))
                .body("text", nullValue());
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/documents/" + id);

        Response served = raw().accept("text/plain").get("/api/v1/documents/" + id + "/text");
        served.then().statusCode(200);
        assertThat(served.contentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
        assertThat(served.asByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));

        api().get("/api/v1/documents/" + id).then().statusCode(200)
                .body("title", equalTo(body.get("title")))
                .body("text", nullValue())
                .body("retrieved_at", equalTo("2021-12-18T08:00:00Z"));
        List<String> fromSource = api().queryParam("source", source).get("/api/v1/documents").then().statusCode(200)
                .extract().path("items.id");
        assertThat(fromSource).containsExactly(id);
    }

    @Test
    void aFingerprintWithoutTheTextIsADocumentParleyDoesNotHold() throws Exception {
        String sha = sha256("a copyrighted article");
        Map<String, Object> body = document(null);
        body.put("text_sha256", sha);
        String id = api().body(body).post("/api/v1/documents").then().statusCode(201)
                .body("text_held", equalTo(false))
                .body("text_sha256", equalTo(sha))
                .body("text_length", nullValue())
                .extract().path("id");
        raw().accept("text/plain").get("/api/v1/documents/" + id + "/text").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("TEXT_NOT_HELD"));
        api().body(document(null)).post("/api/v1/documents").then().statusCode(201)
                .body("text_held", equalTo(false))
                .body("published_on_precision", equalTo("DAY"));
    }

    @Test
    void aFingerprintThatIsNotTheTextsIsRefusedAndNothingIsCreated() throws Exception {
        String source = source();
        Map<String, Object> body = document("The text.");
        body.put("source_id", source);
        body.put("text_sha256", sha256("Another text."));
        api().body(body).post("/api/v1/documents").then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("TEXT_SHA256_MISMATCH"))
                .body("errors[0].pointer", equalTo("/text_sha256"));
        assertThat(api().queryParam("source", source).get("/api/v1/documents").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        body.put("text_sha256", sha256("The text."));
        api().body(body).post("/api/v1/documents").then().statusCode(201).body("text_held", equalTo(true));
    }

    @Test
    void badMembersArePointedAt() {
        Map<String, Object> body = document("text");
        body.put("source_id", "src_nosuchsource");
        api().body(body).post("/api/v1/documents").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/source_id"));
        body = document(null);
        body.put("text_sha256", "ABC");
        body.put("language", "not a tag");
        api().body(body).post("/api/v1/documents").then().statusCode(400)
                .body("errors.pointer", org.hamcrest.Matchers.contains("/language", "/text_sha256"));
        body = document(null);
        body.put("published_on_precision", "UNKNOWN");
        api().body(body).post("/api/v1/documents").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/published_on_precision"));
        body = document(null);
        body.remove("published_on");
        body.put("published_on_precision", "MONTH");
        api().body(body).post("/api/v1/documents").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/published_on"));
        body.remove("published_on_precision");
        api().body(body).post("/api/v1/documents").then().statusCode(201)
                .body("published_on_precision", equalTo("UNKNOWN"));
        api().body(document("")).post("/api/v1/documents").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/text"));
        api().body("{\"title\":\"x\",\"text\":\"half \\ud800 a pair\"}").post("/api/v1/documents").then()
                .statusCode(400).body("errors[0].pointer", equalTo("/text"));
        api().body("{\"title\":\"x\",\"text\":\"nul \\u0000\"}").post("/api/v1/documents").then().statusCode(400);
        api().body("{\"title\":\"x\",\"text_held\":true}").post("/api/v1/documents").then().statusCode(400);
    }

    @Test
    void metadataChangesButTheTextNever() throws Exception {
        String text = hostile();
        String id = create(document(text));
        String path = "/api/v1/documents/" + id;
        String before = Api.etag(path);
        api().contentType(MERGE_PATCH).body("{\"title\":\"Renamed\",\"url\":null,\"language\":\"en\"}").patch(path)
                .then().statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("url", nullValue())
                .body("language", equalTo("en"))
                .body("text_sha256", equalTo(sha256(text)));
        String after = Api.etag(path);
        assertThat(after).isNotEqualTo(before);
        // The same text again changes nothing; another text, or another fingerprint, is refused.
        api().contentType(MERGE_PATCH + "; charset=UTF-8").body(new ObjectMapper().writeValueAsString(Map.of("text", text)))
                .patch(path)
                .then().statusCode(200);
        for (String patch : List.of("{\"text\":\"Another text.\"}", "{\"text_sha256\":\"" + sha256("x") + "\"}",
                "{\"text_sha256\":null}")) {
            String tag = Api.etag(path);
            api().contentType(MERGE_PATCH).body(patch).patch(path).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("DOCUMENT_TEXT_IMMUTABLE"))
                    .body("errors[0].pointer", startsWith("/text"));
            assertThat(Api.etag(path)).as(patch).isEqualTo(tag);
        }
        Response served = raw().accept("text/plain").get(path + "/text");
        assertThat(served.asByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        api().contentType(MERGE_PATCH).body("{\"text_held\":false}").patch(path).then().statusCode(400);
    }

    @Test
    void aDocumentWithoutItsTextCannotGainOneLater() throws Exception {
        Map<String, Object> body = document(null);
        body.put("text_sha256", sha256("Later."));
        String path = "/api/v1/documents/" + create(body);
        api().contentType(MERGE_PATCH).body("{\"text\":\"Later.\"}").patch(path).then().statusCode(422)
                .body("code", equalTo("DOCUMENT_TEXT_IMMUTABLE"));
        api().get(path).then().body("text_held", equalTo(false));
    }

    @Test
    void theItemAndItsTextAnswer304ToTheirOwnEtagAndAnEditMovesBoth() {
        String path = "/api/v1/documents/" + create(document("Some words."));
        for (String p : List.of(path, path + "/text")) {
            Response first = raw().accept(p.endsWith("/text") ? "text/plain" : "application/json").get(p);
            String tag = first.header("ETag");
            assertThat(tag).isNotNull();
            assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
            raw().accept(p.endsWith("/text") ? "text/plain" : "application/json").header("If-None-Match", tag).get(p)
                    .then().statusCode(304).header("ETag", equalTo(tag));
        }
        String item = Api.etag(path);
        String text = raw().accept("text/plain").get(path + "/text").header("ETag");
        api().contentType(MERGE_PATCH).body("{\"title\":\"Moved\"}").patch(path).then().statusCode(200);
        assertThat(Api.etag(path)).isNotEqualTo(item);
        assertThat(raw().accept("text/plain").get(path + "/text").header("ETag")).isNotEqualTo(text);
    }

    @Test
    void writesNeedIfMatchAndAnAnalyst() {
        String path = "/api/v1/documents/" + create(document("Words."));
        bare().contentType(MERGE_PATCH).body("{\"title\":\"x\"}").patch(path).then().statusCode(428);
        String reader = api().body(Map.of("name", unique("reader"), "role", "READER")).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        anonymous().auth().oauth2(reader).contentType("application/json").body(document("x"))
                .post("/api/v1/documents").then().statusCode(403);
    }

    @Test
    void creationAndEditsReachTheFeed() {
        Map<String, Object> body = document("Feed me.");
        String id = create(body);
        api().contentType(MERGE_PATCH).body("{\"title\":\"Fed\"}").patch("/api/v1/documents/" + id).then()
                .statusCode(200);
        List<Map<String, Object>> changes = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = api().queryParam("type", "document.created").queryParam("type", "document.updated")
                    .queryParam("page_size", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                break;
            }
            items.stream().filter(c -> id.equals(((Map<?, ?>) c.get("subject")).get("id"))).forEach(changes::add);
            cursor = page.getString("next_cursor");
        }
        assertThat(changes).extracting(c -> c.get("type")).containsExactly("document.created", "document.updated");
        assertThat(changes).extracting(c -> (Object) ((Map<?, ?>) c.get("subject")).get("kind"))
                .containsOnly("document");
        assertThat(changes).extracting(c -> (Object) ((Map<?, ?>) c.get("data")).get("title"))
                .containsExactly(body.get("title"), "Fed");
        assertThat(changes).allSatisfy(c -> assertThat(((Map<?, ?>) c.get("data")).containsKey("text")).isFalse());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCreatesNothingNew() {
        Map<String, Object> body = document("Once.");
        String key = unique("idem");
        Response first = api().header("Idempotency-Key", key).body(body).post("/api/v1/documents");
        first.then().statusCode(201);
        Response second = api().header("Idempotency-Key", key).body(body).post("/api/v1/documents");
        second.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat((String) second.path("id")).isEqualTo(first.path("id"));
        body.put("title", "Twice");
        api().header("Idempotency-Key", key).body(body).post("/api/v1/documents").then().statusCode(422);
    }

    @Test
    void aTextUpToTheBodyLimitIsHeldAndOneByteMoreIsRefused() {
        String shell = "{\"title\":\"Big\",\"text\":\"\"}";
        int room = (int) BodyLimit.MAX_BYTES - shell.getBytes(StandardCharsets.UTF_8).length;
        // Three-byte characters, and ASCII to fill: the limit counts UTF-8 bytes.
        String text = "\u20AC".repeat(1000) + "x".repeat(room - 3000);
        String body = "{\"title\":\"Big\",\"text\":\"" + text + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize((int) BodyLimit.MAX_BYTES);
        String id = api().body(body).post("/api/v1/documents").then().statusCode(201)
                .body("text_length", equalTo(text.length()))
                .extract().path("id");
        assertThat(raw().accept("text/plain").get("/api/v1/documents/" + id + "/text").asByteArray())
                .hasSize(room);
        String over = "{\"title\":\"Big\",\"text\":\"" + text + "x\"}";
        api().body(over).post("/api/v1/documents").then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void listsArePagedAndTheirTokensBoundToTheFilter() {
        String source = source();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = document(null);
            body.put("source_id", source);
            ids.add(create(body));
        }
        JsonPath first = api().queryParam("source", source).queryParam("page_size", 2).get("/api/v1/documents")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).containsExactlyElementsOf(ids.subList(0, 2));
        String token = first.getString("next_page_token");
        api().queryParam("source", source).queryParam("page_token", token).get("/api/v1/documents").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(ids.get(2)))
                .body("next_page_token", nullValue());
        api().queryParam("page_token", token).get("/api/v1/documents").then().statusCode(400)
                .body("code", equalTo("INVALID_PAGE_TOKEN"));
        api().get("/api/v1/documents/doc_nosuchdocument").then().statusCode(404);
        raw().accept("text/plain").get("/api/v1/documents/doc_nosuchdocument/text").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
