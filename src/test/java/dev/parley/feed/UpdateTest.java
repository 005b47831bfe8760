package dev.parley.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class UpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode view(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }

    @Test
    void onlyTheMembersWhoseValueChangedAreListedWithTheirValuesBeforeAndAfter() throws Exception {
        Update update = Update.of(view("{\"slug\": \"ru\", \"name\": \"Russia\", \"tags\": [\"a\"]}"),
                view("{\"slug\": \"ru\", \"name\": \"Russian Federation\", \"tags\": [\"a\"]}"));
        assertThat(update.before()).isEqualTo(view("{\"name\": \"Russia\"}"));
        assertThat(update.after()).isEqualTo(view("{\"name\": \"Russian Federation\"}"));
    }

    @Test
    void aMemberThatAppearsOrDisappearsIsNullOnTheSideItIsAbsent() throws Exception {
        Update update = Update.of(view("{\"slug\": \"ru\", \"note\": \"old\"}"),
                view("{\"slug\": \"ru\", \"wikidata_id\": \"Q159\"}"));
        assertThat(update.before()).isEqualTo(view("{\"wikidata_id\": null, \"note\": \"old\"}"));
        assertThat(update.after()).isEqualTo(view("{\"wikidata_id\": \"Q159\", \"note\": null}"));
    }

    @Test
    void nestedValuesAreComparedWholeAndAnAbsentMemberEqualsANullOne() throws Exception {
        Update update = Update.of(view("{\"links\": [{\"type\": \"PART_OF\"}], \"counter\": null}"),
                view("{\"links\": [{\"type\": \"RESTATES\"}]}"));
        assertThat(update.before()).isEqualTo(view("{\"links\": [{\"type\": \"PART_OF\"}]}"));
        assertThat(update.after()).isEqualTo(view("{\"links\": [{\"type\": \"RESTATES\"}]}"));
    }

    @Test
    void anUpdateThatChangesNothingListsNothing() throws Exception {
        Update update = Update.of(view("{\"name\": \"Russia\"}"), view("{\"name\": \"Russia\"}"));
        assertThat(update.before()).isEmpty();
        assertThat(update.after()).isEmpty();
    }
}
