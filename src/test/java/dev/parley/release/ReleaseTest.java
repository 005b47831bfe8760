package dev.parley.release;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.raw;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReleaseTest {

    static String negotiation() {
        String proposer = party();
        String addressee = party();
        String negotiation = Fixtures.negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, addressee));
        api().body(Map.of("slug", unique("demand"), "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Demand", "text", "The proposer asks for it.", "topic", "security",
                "kind", "DEMAND", "tabled_on", "2022-01-10")).post("/api/v1/demands").then().statusCode(201);
        return negotiation;
    }

    @Test
    void aReleaseServesTheSameBytesForEverWhateverIsWrittenLater() throws Exception {
        String negotiation = negotiation();
        JsonPath release = api().body(Map.of("negotiation", negotiation)).post("/api/v1/releases").then()
                .statusCode(201).extract().jsonPath();
        String id = release.getString("id");
        String sha = release.getString("sha256");

        var first = api().get("/api/v1/releases/" + id + "/export").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("ETag", equalTo("\"" + sha + "\"")).extract();
        byte[] bytes = first.asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(sha);
        assertThat((long) bytes.length).isEqualTo(release.getLong("size_bytes"));
        assertThat(JsonPath.from(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                .getList("negotiations.slug")).containsExactly(negotiation);

        // The live data moves on; the release does not.
        raw().contentType("application/merge-patch+json").accept("application/json")
                .body("{\"title\": \"Talks, renamed\"}").patch("/api/v1/negotiations/" + negotiation).then().statusCode(200);
        byte[] again = api().get("/api/v1/releases/" + id + "/export").then().statusCode(200).extract()
                .asByteArray();
        assertThat(again).isEqualTo(bytes);
        api().header("If-None-Match", "\"" + sha + "\"").get("/api/v1/releases/" + id + "/export").then()
                .statusCode(304);
        assertThat(api().get("/api/v1/releases").then().statusCode(200).extract().jsonPath().getList("items.id"))
                .contains(id);
    }

    @Test
    void aReleaseOfAnUnknownNegotiationIsRefusedAndAnUnknownReleaseIsNotFound() {
        api().body(Map.of("negotiation", unique("none"))).post("/api/v1/releases").then().statusCode(400);
        api().get("/api/v1/releases/rel_nosuchrelease").then().statusCode(404);
        api().get("/api/v1/releases/rel_nosuchrelease/export").then().statusCode(404);
    }

    @Test
    void deletionsOutliveTheFeedAsTombstones() {
        String party = party();
        bare().header("If-Match", "*").delete("/api/v1/parties/" + party).then().statusCode(204);
        JsonPath tombstones = api().queryParam("since", "2000-01-01T00:00:00Z").queryParam("page_size", 500)
                .get("/api/v1/tombstones").then().statusCode(200).extract().jsonPath();
        String token = tombstones.getString("next_page_token");
        List<Map<String, Object>> items = new java.util.ArrayList<>(tombstones.getList("items"));
        while (token != null) {
            JsonPath next = api().queryParam("since", "2000-01-01T00:00:00Z").queryParam("page_size", 500)
                    .queryParam("page_token", token).get("/api/v1/tombstones").then().statusCode(200).extract()
                    .jsonPath();
            items.addAll(next.getList("items"));
            token = next.getString("next_page_token");
        }
        assertThat(items).extracting(t -> (Object) ((Map<?, ?>) t.get("subject")).get("slug")).contains(party);
        api().queryParam("since", "yesterday").get("/api/v1/tombstones").then().statusCode(400);
    }
}
