package dev.parley.demand;

import static dev.parley.support.Api.api;
import static dev.parley.support.Api.etag;
import static dev.parley.support.Fixtures.createDemand;
import static dev.parley.support.Fixtures.scene;
import static dev.parley.support.Fixtures.stance;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.parley.support.Fixtures;
import dev.parley.support.Statements;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one stance PUT asks of the database through Hibernate, counted on whichever database runs
 * (also under -Ppostgres): every statement is a round trip whose CPU PostgreSQL spends too, and
 * writes are bound by that CPU (BENCHMARKS.md, W). The change log's own statements under the cursor
 * lock (cursor, If-Match versions, log, outbox, versions: five round trips) are plain JDBC and fixed.
 */
@QuarkusTest
class StanceWriteCostTest {

    /** Tables a stance write touches; the service's own jobs read none of them. */
    private static final Pattern WRITE_TABLES = Pattern.compile("(?i)\\b(demand|demand_addressee|demand_position"
            + "|position_change|position_change_citation|citation|source|party|negotiation|demand_link"
            + "|demand_co_proposer|demand_concerned|document)\\b");

    private static List<String> statementsOf(String path, Map<String, Object> body) {
        String etag = etag(path);
        return Statements.during(() -> api().header("If-Match", etag).body(body).put(path).then().statusCode(200),
                sql -> WRITE_TABLES.matcher(sql).find());
    }

    @Test
    void aStanceCitingAnExistingCitationTakesEightStatements() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        String path = "/api/v1/demands/" + demand + "/positions/" + scene.first();
        String citation = api().body(stance("REJECTED", "2022-01-20", scene.source())).put(path).then()
                .statusCode(200).extract().path("citations[0].id");
        Map<String, Object> body = Map.of("status", "OPEN_TO_DISCUSSION", "effective_on", "2022-01-21",
                "citation_ids", List.of(citation));

        List<String> seen = statementsOf(path, body);

        // The demand (with its negotiation, parties and own links), its positions, the citation; the
        // change and its citation link; the links to the demand, for its view in the log; the position
        // and the demand.
        assertThat(seen).as("statements of one stance PUT").hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void aStanceWithANewCitationTakesNineStatements() {
        Fixtures.Scene scene = scene();
        String demand = createDemand(scene);
        String path = "/api/v1/demands/" + demand + "/positions/" + scene.first();
        api().body(stance("REJECTED", "2022-01-20", scene.source())).put(path).then().statusCode(200);

        List<String> seen = statementsOf(path, stance("OPEN_TO_DISCUSSION", "2022-01-21", scene.source()));

        // As above, with the source read and the citation inserted instead of the citation read.
        assertThat(seen).as("statements of one stance PUT").hasSizeLessThanOrEqualTo(9);
    }
}
