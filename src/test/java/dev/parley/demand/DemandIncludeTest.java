package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.record;
import static dev.parley.support.Fixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import dev.parley.support.Statements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class DemandIncludeTest {

    /** Statements that read what a demand page shows; the service's own jobs touch none of these tables. */
    private static final Pattern PAGE_TABLES = Pattern.compile(
            "\\b(demand|demand_addressee|demand_position|position_change|position_change_citation|citation|source|party|negotiation)\\b");

    static JsonPath page(String negotiation, int size, String include) {
        var spec = api().queryParam("negotiation", negotiation).queryParam("page_size", size);
        if (include != null) {
            spec.queryParam("include", include);
        }
        return spec.get("/api/v1/demands").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void positionsAreEmbeddedAsCellsAndCitationsOnlyWhenAskedFor() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());

        JsonPath lean = page(scene.negotiation(), 10, "positions");
        List<Map<String, Object>> positions = lean.getList("items[0].positions");
        assertThat(positions).extracting(p -> p.get("party"), p -> p.get("role"), p -> p.get("status"),
                p -> p.get("citation_count"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(scene.proposer(), "PROPOSER", "TABLED", 0),
                        org.assertj.core.groups.Tuple.tuple(scene.first(), "ADDRESSEE", "REJECTED", 1),
                        org.assertj.core.groups.Tuple.tuple(scene.second(), "ADDRESSEE", "UNASSESSED", 0));
        assertThat(positions).allSatisfy(p -> assertThat(p).doesNotContainKey("citations"));

        JsonPath full = page(scene.negotiation(), 10, "positions,citations");
        assertThat(full.getList("items[0].positions[1].citations.quote"))
                .containsExactly("We have said so on the record.");
        assertThat(full.getList("items[0].positions[0].citations")).isEmpty();

        assertThat(page(scene.negotiation(), 10, null).getMap("items[0]")).doesNotContainKey("positions");
    }

    @Test
    void aStanceChangesTheEtagOfAListThatEmbedsIt() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        String etag = api().queryParam("negotiation", scene.negotiation()).queryParam("include", "positions")
                .get("/api/v1/demands").then().statusCode(200).extract().header("ETag");
        // Not a move of the derived status: only the embedded position shows it.
        record(demand, scene.second(), "NO_RESPONSE", "2022-01-20", scene.source());
        api().header("If-None-Match", etag).queryParam("negotiation", scene.negotiation())
                .queryParam("include", "positions").get("/api/v1/demands").then().statusCode(200);
        // Without include= the list shows no positions, and keeps its tag (ConditionalGetTest).
    }

    @Test
    void aPageCostsTheSameStatementsWhateverItsSize() {
        Fixtures.Scene scene = scene();
        for (int i = 0; i < 12; i++) {
            String demand = createDemand(scene);
            record(demand, scene.first(), "REJECTED", "2022-01-20", scene.source());
        }
        for (String include : List.of("positions", "positions,citations")) {
            List<String> small = Statements.during(() -> page(scene.negotiation(), 2, include),
                    sql -> PAGE_TABLES.matcher(sql).find());
            List<String> large = Statements.during(() -> page(scene.negotiation(), 12, include),
                    sql -> PAGE_TABLES.matcher(sql).find());
            System.out.printf("DemandIncludeTest: include=%s: %d statements for 2 demands, %d for 12%n", include,
                    small.size(), large.size());
            assertThat(large).as("statements for a page of 12 with include=%s", include).hasSameSizeAs(small);
            assertThat(large.size()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void anUnknownIncludeIsRefused() {
        api().queryParam("include", "positions,explain").get("/api/v1/demands").then().statusCode(400)
                .body("errors[0].pointer", equalTo("include"));
    }
}
