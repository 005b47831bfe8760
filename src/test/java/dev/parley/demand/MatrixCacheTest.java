package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Dashboards re-reading an unchanged matrix get the stored body; the first read after a write gets
 * the new one, never what was stored before it.
 */
@QuarkusTest
class MatrixCacheTest {

    @Inject
    MeterRegistry registry;

    private double hits() {
        return registry.counter("parley.response.cache.requests", "result", "hit").count();
    }

    @Test
    void anUnchangedMatrixIsServedFromTheStoredBodyAndAWriteIsSeenAtOnce() {
        String proposer = party();
        String addressee = party();
        String negotiation = unique("cache-talks");
        api().body(Map.of("slug", negotiation, "title", "Talks", "started_on", "2022-01-01",
                "participants", List.of(proposer, addressee)))
                .post("/api/v1/negotiations").then().statusCode(201);
        String demand = unique("cache-demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "A demand", "text", "The proposer asks.", "topic", "security", "kind",
                "DEMAND", "tabled_on", "2022-01-10"))
                .post("/api/v1/demands").then().statusCode(201);
        String path = "/api/v1/negotiations/" + negotiation + "/matrix";

        Response rendered = api().get(path).then().statusCode(200).extract().response();
        double before = hits();
        Response stored = api().get(path).then().statusCode(200).extract().response();

        assertThat(hits()).as("the second read is a cache hit").isEqualTo(before + 1);
        assertThat(stored.asByteArray()).isEqualTo(rendered.asByteArray());
        assertThat(stored.header("ETag")).isEqualTo(rendered.header("ETag"));
        assertThat(stored.contentType()).startsWith("application/json");
        assertThat(stored.jsonPath().getString("rows[0].cells.'" + addressee + "'.status")).isEqualTo("UNASSESSED");

        api().body(Map.of("status", "REJECTED", "effective_on", "2022-01-20", "citations", List.of(Map.of(
                "source_id", api().body(Map.of("name", "Agency " + unique("src"), "kind", "NEWS_AGENCY",
                        "reliability", "B")).post("/api/v1/sources").then().statusCode(201).extract().path("id"),
                "title", "Statement", "url", "https://example.org/statements/1", "published_on", "2022-01-20",
                "quote", "We reject it.", "kind", "DIRECT_QUOTE", "relation", "SUPPORTS"))))
                .put("/api/v1/demands/" + demand + "/positions/" + addressee).then().statusCode(200);

        Response after = api().get(path).then().statusCode(200).extract().response();
        assertThat(after.header("ETag")).isNotEqualTo(rendered.header("ETag"));
        assertThat(after.jsonPath().getString("rows[0].cells.'" + addressee + "'.status")).isEqualTo("REJECTED");
        assertThat(after.jsonPath().getString("rows[0].demand.status")).isEqualTo("REJECTED");
    }
}
