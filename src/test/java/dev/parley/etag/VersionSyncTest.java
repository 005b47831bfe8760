package dev.parley.etag;

import static dev.parley.support.Api.api;
import static dev.parley.support.Fixtures.party;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.common.Active;
import dev.parley.support.Eventually;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * ETags served from the versions this replica holds in memory follow what other replicas commit
 * to the database, within a sync; and this replica's own writes change them at once.
 */
@QuarkusTest
class VersionSyncTest {

    /** The most the OpenAPI document allows another replica's write to take (PARLEY_VERSIONS_MAX_LAG). */
    private static final long WITHIN_MILLIS = 1_000;

    @Inject
    @Active
    AgroalDataSource dataSource;

    @Test
    void aVersionAnotherReplicaMovesChangesTheETagHereWithinASync() throws Exception {
        String path = "/api/v1/parties/" + party();
        String before = api().get(path).then().statusCode(200).extract().header("ETag");
        api().header("If-None-Match", before).get(path).then().statusCode(304);

        long committed = System.nanoTime();
        moveAsAnotherReplica(Scopes.fill("party:{slug}", path.substring(path.lastIndexOf('/') + 1)));

        // Polled until it moves; a read that starts past the bound is the last, and it must see the move.
        String after = Eventually.poll(Duration.ofMillis(WITHIN_MILLIS).minusNanos(System.nanoTime() - committed),
                "the ETag to move within " + WITHIN_MILLIS + " ms of the commit",
                () -> api().header("If-None-Match", before).get(path).then().extract()
                        .header("ETag"),
                etag -> !before.equals(etag));
        api().header("If-None-Match", after).get(path).then().statusCode(304);
    }

    @Test
    void aWriteOfThisReplicaChangesTheETagOfItsNextRead() {
        String slug = party();
        String path = "/api/v1/parties/" + slug;
        String before = api().get(path).then().statusCode(200).extract().header("ETag");
        api().header("If-None-Match", before).get(path).then().statusCode(304);

        for (int i = 0; i < 20; i++) {
            String written = api().contentType("application/merge-patch+json").body(Map.of("name", "Renamed " + i))
                    .patch(path).then().statusCode(200).extract().header("ETag");

            String read = api().header("If-None-Match", before).get(path).then().statusCode(200).extract()
                    .header("ETag");
            assertThat(read).as("write %d", i).isEqualTo(written).isNotEqualTo(before);
            before = read;
        }
    }

    /**
     * What another replica's change log writes: the next cursor, a change with that cursor listing
     * the scope it moved, and the scope's version, in one commit.
     */
    private void moveAsAnotherReplica(String scope) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long cursor;
            try (PreparedStatement take = connection.prepareStatement("update change_cursor set last_cursor ="
                    + " greatest(last_cursor, (select coalesce(max(l.id), 0) from change_log l)) + 1 where id = 1");
                    PreparedStatement read = connection.prepareStatement(
                            "select last_cursor from change_cursor where id = 1")) {
                take.executeUpdate();
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    cursor = row.getLong(1);
                }
            }
            try (PreparedStatement change = connection.prepareStatement("insert into change_log (id, type,"
                    + " occurred_at, subject_kind, subject_key, data, recorded_by, scopes)"
                    + " values (?, 'party.updated', current_timestamp, 'party', ?, ?, 'another-replica', ?)");
                    PreparedStatement move = connection.prepareStatement(
                            "update resource_version set version = ? where scope = ?")) {
                change.setLong(1, cursor);
                String slug = scope.substring(scope.indexOf(':') + 1);
                change.setString(2, slug);
                change.setString(3, "{\"slug\":\"" + slug + "\"}");
                change.setString(4, scope);
                change.executeUpdate();
                move.setLong(1, cursor);
                move.setString(2, scope);
                assertThat(move.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
    }
}
