package dev.parley.common;

import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Every error is RFC 9457 problem+json with a stable code and nothing internal in it. */
@QuarkusTest
class ProblemTest {

    static ExtractableResponse<Response> assertProblem(ExtractableResponse<Response> response, int status,
            String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath body = response.jsonPath();
        assertThat(body.getString("type")).isNotBlank();
        assertThat(body.getString("title")).isNotBlank();
        assertThat(body.getInt("status")).isEqualTo(status);
        assertThat(body.getString("detail")).isNotBlank();
        assertThat(body.getString("code")).isEqualTo(code).matches("^[A-Z][A-Z0-9_]*$");
        String text = response.asString();
        assertThat(text).doesNotContain("Exception", "at dev.parley", "org.hibernate", "SQL", "jackson")
                .doesNotContainIgnoringCase("select ");
        return response;
    }

    static List<String> pointers(ExtractableResponse<Response> response) {
        return response.jsonPath().getList("errors.pointer", String.class);
    }

    static ExtractableResponse<Response> post(String path, String json) {
        return raw().contentType("application/json").accept("application/json").body(json)
                .post(path).then().extract();
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        assertProblem(raw().accept("application/json").get("/api/v1/" + unique("nowhere")).then().extract(),
                404, "NOT_FOUND");
        assertProblem(raw().accept("application/json").get("/api/v1/negotiations/x/" + unique("nowhere"))
                .then().extract(), 404, "NOT_FOUND");
    }

    @Test
    void unsupportedMethodIsNotAllowed() {
        assertProblem(raw().accept("application/json").delete("/api/v1/negotiations/x").then().extract(), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(raw().contentType("application/json").accept("application/json").body("{}")
                .put("/api/v1/sources").then().extract(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void unacceptableMediaTypeIsRefused() {
        assertProblem(raw().accept("text/csv").get("/api/v1/negotiations").then().extract(), 406,
                "NOT_ACCEPTABLE");
    }

    @Test
    void bodyOfAnotherMediaTypeIsRefused() {
        assertProblem(raw().contentType("text/plain").accept("application/json").body("slug=x")
                .post("/api/v1/negotiations").then().extract(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedJsonIsReported() {
        assertProblem(post("/api/v1/negotiations", "{\"slug\": \"x\", "), 400, "MALFORMED_JSON");
        assertProblem(post("/api/v1/sources", "{name: 'x'}"), 400, "MALFORMED_JSON");
        assertProblem(raw().contentType("application/merge-patch+json").accept("application/json").body("{\"title\"")
                .patch("/api/v1/negotiations/" + unique("talks")).then().extract(), 400, "MALFORMED_JSON");
    }

    @Test
    void bodyJacksonCannotDecodeIsMalformed() {
        // Found by RequestBodyFuzzTest: leading NUL bytes make Jackson read UTF-32, then fail on a character.
        assertProblem(post("/api/v1/negotiations", "\0\0\0\0\0\0\0\0{\"slug\":\"x\",\"title\":\"T\"}"), 400,
                "MALFORMED_JSON");
    }

    @Test
    void memberNamedTwiceIsMalformed() {
        // Found by RequestBodyFuzzTest: Jackson cannot bind a repeated member to a record, which was a 500.
        assertProblem(post("/api/v1/sources", "{\"name\":\"X\",\"kind\":\"OTHER\",\"reliability\":\"B\",\"kind\":\"OTHER\"}"),
                400, "MALFORMED_JSON");
    }

    @Test
    void nulCharacterIsRefusedWhereverItIsSent() {
        // Found by RequestBodyFuzzTest on PostgreSQL, which cannot store U+0000 in text: each was a 500 there.
        var body = assertProblem(post("/api/v1/sources", "{\"name\":\"A\\u0000B\",\"kind\":\"OTHER\",\"reliability\":\"B\"}"),
                400, "VALIDATION_FAILED");
        assertThat(pointers(body)).containsExactly("/name");
        assertProblem(raw().urlEncodingEnabled(false).accept("application/json").get("/api/v1/demands?q=a%00b").then()
                .extract(), 400, "INVALID_PARAMETER");
        assertProblem(raw().urlEncodingEnabled(false).accept("application/json").get("/api/v1/parties/a%00b").then()
                .extract(), 400, "INVALID_PARAMETER");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (Integer.toHexString("parties".hashCode()) + ":a\0b").getBytes(StandardCharsets.UTF_8));
        assertProblem(raw().accept("application/json").queryParam("page_token", forged).get("/api/v1/parties").then()
                .extract(), 400, "INVALID_PAGE_TOKEN");
    }

    @Test
    void dayOutsideTheYearsOneToNineThousandNineHundredNinetyNineIsRefused() {
        // Found by ListQueryFuzzTest on PostgreSQL, whose date range ends before LocalDate's: a 500 there.
        for (String day : List.of("+10000-01-01", "0000-12-31", "+999999999-12-31")) {
            assertProblem(raw().accept("application/json").queryParam("as_of", day)
                    .get("/api/v1/negotiations/" + unique("talks") + "/matrix").then().extract(), 400, "INVALID_PARAMETER");
            var body = assertProblem(post("/api/v1/negotiations", "{\"slug\":\"" + unique("talks") + "\",\"title\":\"T\","
                    + "\"started_on\":\"" + day + "\",\"participants\":[\"x\"]}"), 400, "VALIDATION_FAILED");
            assertThat(pointers(body)).contains("/started_on");
        }
    }

    @Test
    void wrongTypeIsReportedWithItsPointer() {
        var kind = assertProblem(post("/api/v1/sources", "{\"name\":\"X\",\"kind\":5,\"reliability\":\"A\"}"),
                400, "VALIDATION_FAILED");
        assertThat(pointers(kind)).contains("/kind");

        var date = assertProblem(post("/api/v1/negotiations",
                "{\"slug\":\"x\",\"title\":\"X\",\"started_on\":\"yesterday\",\"participants\":[\"russia\"]}"),
                400, "VALIDATION_FAILED");
        assertThat(pointers(date)).contains("/started_on");

        var list = assertProblem(post("/api/v1/negotiations",
                "{\"slug\":\"x\",\"title\":\"X\",\"started_on\":\"2022-01-01\",\"participants\":{\"a\":1}}"),
                400, "VALIDATION_FAILED");
        assertThat(pointers(list)).contains("/participants");
    }

    @Test
    void wrongTypeDeepInTheBodyIsReportedWithItsPointer() {
        var response = assertProblem(post("/api/v1/import", "{\"format\":\"parley-bundle/1\",\"parties\":[],"
                + "\"sources\":[{\"id\":\"src_abcd\",\"name\":\"X\",\"kind\":\"OTHER\",\"reliability\":7}],"
                + "\"citations\":[],\"negotiations\":[],\"demands\":[]}"), 400, "VALIDATION_FAILED");
        assertThat(pointers(response)).contains("/sources/0/reliability");
    }

    @Test
    void jsonNullBodyIsRejected() {
        var response = assertProblem(post("/api/v1/negotiations", "null"), 400, "VALIDATION_FAILED");
        assertThat(pointers(response)).contains("/");
        assertProblem(post("/api/v1/sources", "null"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/sources", ""), 400, "VALIDATION_FAILED");
    }

    @Test
    void bodyThatIsNotAnObjectIsRejected() {
        assertProblem(post("/api/v1/negotiations", "[1, 2]"), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/v1/sources", "\"text\""), 400, "VALIDATION_FAILED");
    }

    @Test
    void mergePatchThatIsNotAnObjectIsRejected() {
        String party = unique("party");
        post("/api/v1/parties", "{\"slug\":\"" + party + "\",\"name\":\"P\",\"kind\":\"STATE\"}");
        String slug = unique("talks");
        assertThat(post("/api/v1/negotiations", "{\"slug\":\"" + slug + "\",\"title\":\"X\","
                + "\"started_on\":\"2022-01-01\",\"participants\":[\"" + party + "\"]}").statusCode())
                .isEqualTo(201);
        for (String body : List.of("null", "[1]", "\"title\"")) {
            assertProblem(raw().contentType("application/merge-patch+json").accept("application/json").body(body)
                    .patch("/api/v1/negotiations/" + slug).then().extract(), 400, "VALIDATION_FAILED");
        }
    }

    @Test
    void validationProblemNamesEveryMemberAtFault() {
        var response = assertProblem(post("/api/v1/negotiations",
                "{\"slug\":\"Not A Slug\",\"title\":\"\",\"started_on\":\"2022-01-01\",\"participants\":[]}"),
                400, "VALIDATION_FAILED");
        assertThat(pointers(response)).containsExactlyInAnyOrder("/participants", "/slug", "/title");
        assertThat(response.jsonPath().getList("errors.message", String.class)).allSatisfy(m -> assertThat(m)
                .isNotBlank());
    }
}
