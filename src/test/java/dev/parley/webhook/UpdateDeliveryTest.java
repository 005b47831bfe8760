package dev.parley.webhook;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.bare;
import static dev.parley.support.Api.unique;
import static dev.parley.support.Fixtures.negotiation;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.common.MergePatch;
import dev.parley.webhook.Receiver.Request;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Updates reach webhook subscribers with what they changed: data gains before and after, the
 * members of the subject's view the update changed, beside the cursor and subject every delivery
 * carries. Delivered to a real receiver on 127.0.0.1 ({@link Receiver}).
 */
@QuarkusTest
class UpdateDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Receiver receiver;
    private String subscription;

    @AfterEach
    void unsubscribe() {
        if (subscription != null) {
            bare().header("If-Match", "*").delete("/api/v1/webhooks/" + subscription);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void partyDemandAndEventUpdatesAreDeliveredWithTheMembersTheyChanged() {
        receiver = new Receiver();
        JsonPath created = api().body(Map.of("url", receiver.url(), "event_types",
                List.of("party.updated", "demand.updated", "event.updated", "party.created")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        subscription = created.getString("webhook.id");
        String secret = created.getString("secret");

        String proposer = party();
        String addressee = party();
        String negotiation = negotiation(unique("talks"), "Talks", "2022-01-01", List.of(proposer, addressee));
        String demand = unique("demand");
        api().body(Map.of("slug", demand, "negotiation", negotiation, "proposer", proposer, "addressees",
                List.of(addressee), "title", "Old title", "text", "Asked for.", "topic", "security", "kind", "DEMAND",
                "tabled_on", "2022-01-10")).post("/api/v1/demands").then().statusCode(201);
        String event = api().body(Map.of("kind", "NOTE", "occurred_on", "2022-01-12", "title", "First round"))
                .post("/api/v1/negotiations/" + negotiation + "/events").then().statusCode(201).extract().path("id");

        patch("/api/v1/parties/" + proposer, Map.of("name", "Renamed"));
        patch("/api/v1/demands/" + demand, Map.of("title", "New title"));
        patch("/api/v1/negotiations/" + negotiation + "/events/" + event, Map.of("title", "First round, Geneva"));

        JsonPath party = only(of("party.updated", "slug", proposer), secret).json();
        assertThat(party.getMap("data")).containsOnlyKeys("cursor", "subject", "before", "after");
        assertThat(party.getMap("data.before")).containsEntry("name", "Party " + proposer).doesNotContainKey("kind");
        assertThat(party.getMap("data.after")).containsEntry("name", "Renamed")
                .containsOnlyKeys(party.getMap("data.before").keySet());

        JsonPath demandUpdate = only(of("demand.updated", "slug", demand), secret).json();
        assertThat(demandUpdate.getMap("data.before")).containsEntry("title", "Old title").doesNotContainKey("text");
        assertThat(demandUpdate.getMap("data.after")).containsEntry("title", "New title");

        JsonPath eventUpdate = only(of("event.updated", "id", event), secret).json();
        assertThat(eventUpdate.getMap("data.before")).containsEntry("title", "First round")
                .doesNotContainKey("occurred_on");
        assertThat(eventUpdate.getMap("data.after")).containsEntry("title", "First round, Geneva");

        // What is not an update stays thin.
        JsonPath creation = only(of("party.created", "slug", addressee), secret).json();
        assertThat(creation.getMap("data")).containsOnlyKeys("cursor", "subject");
    }

    private static void patch(String path, Map<String, Object> body) {
        api().contentType(MergePatch.MEDIA_TYPE).body(body).patch(path).then().statusCode(200);
    }

    /** The one delivery matching, signed with the subscription's secret. */
    private Request only(Predicate<Request> match, String secret) {
        List<Request> got = receiver.await(match, 1, WAIT);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).verify(secret)).as("signature").isNull();
        return got.get(0);
    }

    private static Predicate<Request> of(String type, String member, String key) {
        return r -> type.equals(r.type()) && key.equals(r.json().getString("data.subject." + member));
    }
}
