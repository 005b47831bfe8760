package dev.parley.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import jakarta.inject.Inject;

import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import dev.parley.support.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A session unused for longer than the idle limit (30 minutes) is over, and its row is deleted. */
@QuarkusTest
class WebSessionExpiryTest {

    @Inject
    Session session;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSessionIdlePastTheLimitNoLongerSignsInAndIsDeleted() {
        String key = Fixtures.analyst("idle-analyst");
        String cookie = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("key", key)
                .post("/workbench/sign-in").then().statusCode(303).extract().cookie("parley_session");
        given().cookie("parley_session", cookie).get("/workbench").then().statusCode(200)
                .body(containsString("Signed in as <strong>idle-analyst</strong>"));

        clock.advance(Duration.ofMinutes(31));

        given().cookie("parley_session", cookie).get("/workbench").then().statusCode(200)
                .body(not(containsString("Signed in as")));
        assertThat(sessionsOf("idle-analyst")).isZero();
    }

    @Test
    void aSessionUsedWithinTheLimitStaysSignedIn() {
        String key = Fixtures.analyst("busy-analyst");
        String cookie = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("key", key)
                .post("/workbench/sign-in").then().statusCode(303).extract().cookie("parley_session");

        clock.advance(Duration.ofMinutes(29));

        given().cookie("parley_session", cookie).get("/workbench").then().statusCode(200)
                .body(containsString("Signed in as <strong>busy-analyst</strong>"));
        assertThat(sessionsOf("busy-analyst")).isEqualTo(1);
    }

    private long sessionsOf(String keyName) {
        return QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "select count(*) from web_session where api_key_id in (select id from api_key where name = :name)",
                Long.class).setParameter("name", keyName).getSingleResult());
    }
}
