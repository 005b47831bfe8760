package dev.parley.feed;

import static dev.parley.feed.ChangeFeedTest.head;
import static dev.parley.support.Api.api;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.common.MergePatch;
import io.quarkus.test.junit.QuarkusTest;

/** Updates in the feed carry what they replaced beside the view after them; other changes do not. */
@QuarkusTest
class UpdateChangesTest {

    @Test
    void aPartyUpdateCarriesTheMembersItChangedWithTheirValuesBefore() {
        String cursor = head();
        String party = party("party");
        api().contentType(MergePatch.MEDIA_TYPE).body(Map.of("name", "Renamed", "wikidata_id", "Q159"))
                .patch("/api/v1/parties/" + party).then().statusCode(200);

        Map<String, Object> update = change(cursor, "party.updated", "slug", party);
        assertThat(member(update, "before")).containsEntry("name", "Party " + party).containsEntry("wikidata_id", null)
                .doesNotContainKeys("slug", "kind", "created_at");
        assertThat(member(update, "data")).containsEntry("name", "Renamed").containsEntry("wikidata_id", "Q159")
                .containsEntry("slug", party).containsKey("kind");
        assertThat(change(cursor, "party.created", "slug", party)).doesNotContainKey("before");
    }

    @Test
    void aDemandUpdateCarriesWhatAPatchOrAStanceChanged() {
        ScopedChangesTest.Talks talks = ScopedChangesTest.talks();
        String cursor = head();
        api().contentType(MergePatch.MEDIA_TYPE).body(Map.of("title", "A sharper title"))
                .patch("/api/v1/demands/" + talks.demand()).then().statusCode(200);

        Map<String, Object> patched = change(cursor, "demand.updated", "slug", talks.demand());
        assertThat(member(patched, "before")).containsEntry("title", "Demand " + talks.demand())
                .doesNotContainKeys("text", "status", "slug", "addressees");
        assertThat(member(patched, "data")).containsEntry("title", "A sharper title").containsEntry("status", "PENDING");

        // A stance moves the derived status: the demand's update says from what.
        String beforeStance = head();
        ScopedChangesTest.stance(talks, "REJECTED", "2022-01-20");
        Map<String, Object> derived = change(beforeStance, "demand.updated", "slug", talks.demand());
        assertThat(member(derived, "before")).containsEntry("status", "PENDING").containsKey("explain")
                .doesNotContainKeys("title", "text");
        assertThat(member(derived, "data")).containsEntry("status", "REJECTED");
    }

    @Test
    void anEventUpdateCarriesTheMembersItChanged() {
        ScopedChangesTest.Talks talks = ScopedChangesTest.talks();
        String event = api().body(Map.of("kind", "NOTE", "occurred_on", "2022-01-12", "title", "First round",
                "note", "In Geneva."))
                .post("/api/v1/negotiations/" + talks.negotiation() + "/events").then().statusCode(201).extract()
                .path("id");
        String cursor = head();
        api().contentType(MergePatch.MEDIA_TYPE).body(Map.of("title", "First round, Geneva", "occurred_on", "2022-01-11"))
                .patch("/api/v1/negotiations/" + talks.negotiation() + "/events/" + event).then().statusCode(200);

        Map<String, Object> update = change(cursor, "event.updated", "id", event);
        assertThat(member(update, "before")).containsEntry("title", "First round")
                .containsEntry("occurred_on", "2022-01-12").doesNotContainKeys("note", "kind", "id");
        assertThat(member(update, "data")).containsEntry("title", "First round, Geneva")
                .containsEntry("occurred_on", "2022-01-11").containsEntry("note", "In Geneva.");
    }

    /** The one change of {@code type} whose subject's {@code member} is {@code key}, after {@code cursor}. */
    private static Map<String, Object> change(String cursor, String type, String member, String key) {
        List<Map<String, Object>> mine = ScopedChangesTest.scoped(cursor, "type", type).stream()
                .filter(c -> key.equals(((Map<?, ?>) c.get("subject")).get(member))).toList();
        assertThat(mine).as(type + " of " + key).hasSize(1);
        return mine.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> change, String name) {
        return (Map<String, Object>) change.get(name);
    }
}
