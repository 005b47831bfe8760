package dev.parley.common;

import static dev.parley.support.Api.ADMIN_KEY;
import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.http.BodyLimit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Body size, media types, and the hygiene headers every answer carries. */
@QuarkusTest
class LimitsTest {

    static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** nosniff and the restrictive CSP, whatever the status. */
    static void hygienic(Response response) {
        assertThat(response.header("X-Content-Type-Options")).as(response.statusCode() + " nosniff").isEqualTo("nosniff");
        assertThat(response.header("Content-Security-Policy")).as(response.statusCode() + " CSP").isEqualTo(CSP);
    }

    @Test
    void bodyOverOneMebibyteIsTooLarge() {
        String body = "{\"name\":\"" + "x".repeat((int) BodyLimit.MAX_BYTES) + "\"}";
        Response response = api().body(body).post("/api/v1/parties");
        response.then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .body("status", equalTo(413));
        hygienic(response);
    }

    @Test
    void bodyOfExactlyOneMebibyteIsRead() {
        String slug = unique("big");
        String json = "{\"slug\":\"" + slug + "\",\"name\":\"Party " + slug + "\",\"kind\":\"STATE\"}";
        String body = json + " ".repeat((int) BodyLimit.MAX_BYTES - json.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize((int) BodyLimit.MAX_BYTES);
        api().body(body).post("/api/v1/parties").then().statusCode(201).body("slug", equalTo(slug));
    }

    @Test
    void chunkedBodyOverOneMebibyteIsCutOff() {
        byte[] body = ("{\"name\":\"" + "x".repeat((int) BodyLimit.MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(ADMIN_KEY).contentType("application/json")
                .body(new ByteArrayInputStream(body))
                .post("/api/v1/parties")
                .then().statusCode(413);
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Response response = raw().contentType("text/plain").accept("application/json").body("slug=x")
                .post("/api/v1/parties");
        response.then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        hygienic(response);
    }

    @Test
    void unacceptableAcceptIs406() {
        Response response = raw().accept("text/html").get("/api/v1/parties");
        response.then().statusCode(406)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_ACCEPTABLE"));
        hygienic(response);
    }

    @Test
    void everyAnswerIsNosniffWithARestrictiveCsp() {
        String slug = unique("hygiene");
        api().body(Map.of("slug", slug, "name", "Party " + slug, "kind", "STATE")).post("/api/v1/parties")
                .then().statusCode(201);
        String path = "/api/v1/parties/" + slug;

        Response ok = api().get(path);
        ok.then().statusCode(200);
        hygienic(ok);

        Response notModified = api().header("If-None-Match", etag(path)).get(path);
        notModified.then().statusCode(304);
        hygienic(notModified);

        Response notFound = api().get("/api/v1/parties/" + unique("missing"));
        notFound.then().statusCode(404);
        hygienic(notFound);

        Response noRoute = given().get("/api/v1/" + unique("nowhere"));
        noRoute.then().statusCode(404);
        hygienic(noRoute);

        Response unauthorized = anonymous().get("/api/v1/api-keys");
        unauthorized.then().statusCode(401);
        hygienic(unauthorized);

        Response live = given().get("/q/health/live");
        live.then().statusCode(200);
        hygienic(live);
    }
}
