package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep versions in memory no older than the database's by more than one sync: what
 * is remembered, what a sync and a local commit move, and when memory is not used at all. The
 * database here is a map that hands out cursors the way the change log does, so that each race can
 * be played in a chosen order.
 */
class VersionCacheTest {

    private static final long MAX_LAG = TimeUnit.SECONDS.toNanos(1);

    private final Database database = new Database();
    private long now = 1_000;
    private VersionCache cache;

    @BeforeEach
    void start() {
        cache = new VersionCache(database, 100, MAX_LAG, 100, () -> now);
    }

    @Test
    void nothingIsAnsweredOrRememberedFromMemoryBeforeTheFirstSync() {
        database.move("party:a");

        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", 1L);
        cache.sync();

        assertThat(cache.known(List.of("party:a"))).as("the read before the first sync was not kept").isNull();
    }

    @Test
    void aReadIsAnsweredFromMemoryUntilAnotherReplicasMoveArrivesWithTheNextSync() {
        database.move("party:a");
        cache.sync();
        assertThat(cache.current(List.of("party:a", "parties"))).containsEntry("party:a", 1L).containsEntry("parties", 0L);
        database.reads = 0;

        database.move("party:a");
        assertThat(cache.known(List.of("party:a", "parties"))).as("not synced yet").containsEntry("party:a", 1L);
        cache.sync();

        assertThat(cache.known(List.of("party:a", "parties"))).containsEntry("party:a", 2L).containsEntry("parties", 0L);
        assertThat(database.reads).as("no version was read but by the sync").isZero();
    }

    @Test
    void aLocalCommitIsSeenAtOnce() {
        cache.sync();
        cache.current(List.of("party:a"));

        cache.moved(List.of("party:a", "parties"), database.move("party:a", "parties"));

        assertThat(cache.known(List.of("party:a", "parties"))).containsEntry("party:a", 1L).containsEntry("parties", 1L);
    }

    @Test
    void aReadOlderThanTheSyncThatOvertookItIsNotRemembered() {
        cache.sync();
        // The read sees party:a at 0; before it is remembered, another replica moves party:a and a
        // sync carries that move while party:a is not held yet.
        database.beforeSnapshotAnswers = () -> {
            database.move("party:a");
            cache.sync();
        };
        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", 0L);

        assertThat(cache.known(List.of("party:a"))).as("0 would stay wrong until party:a moved again").isNull();
        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", 1L);
        assertThat(cache.known(List.of("party:a"))).containsEntry("party:a", 1L);
    }

    @Test
    void aLocalCommitThatASyncPassedAlreadyTakesInNoScope() {
        cache.sync();
        long local = database.move("party:a");
        database.move("party:a");
        cache.sync();

        cache.moved(List.of("party:a"), local);

        assertThat(cache.known(List.of("party:a"))).as("the later move was skipped by the sync").isNull();
    }

    @Test
    void aLocalCommitNeverLowersAHeldVersion() {
        cache.sync();
        long local = database.move("party:a");
        database.move("party:a");
        cache.current(List.of("party:a"));

        cache.moved(List.of("party:a"), local);

        assertThat(cache.known(List.of("party:a"))).containsEntry("party:a", 2L);
    }

    @Test
    void memoryIsNotUsedWhileSyncsFail() {
        cache.sync();
        cache.current(List.of("party:a"));
        assertThat(cache.known(List.of("party:a"))).isNotNull();

        now += MAX_LAG + 1;
        assertThat(cache.known(List.of("party:a"))).isNull();
        database.reads = 0;
        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", 0L);
        assertThat(database.reads).isEqualTo(1);

        cache.sync();
        assertThat(cache.known(List.of("party:a"))).containsEntry("party:a", 0L);
    }

    @Test
    void pastItsBoundMemoryStartsAgainAndAReadFromBeforeIsNotRemembered() {
        cache = new VersionCache(database, 100, MAX_LAG, 2, () -> now);
        cache.sync();
        cache.current(List.of("a", "b"));
        database.beforeSnapshotAnswers = () -> cache.moved(List.of("c"), database.move("c"));

        cache.current(List.of("d"));

        assertThat(cache.size()).as("a, b and c went over the bound of 2").isZero();
        assertThat(cache.known(List.of("d"))).isNull();
    }

    @Test
    void theCursorScopesAreReadFromTheDatabaseEveryTime() {
        cache.sync();
        database.move("party:a");

        assertThat(cache.current(List.of(Scopes.ALL))).containsEntry(Scopes.ALL, 1L);
        assertThat(cache.known(List.of(Scopes.ALL))).isNull();
    }

    /** Versions and a cursor as the change log keeps them: every move takes the next cursor. */
    private static final class Database implements VersionCache.Source {
        final Map<String, Long> versions = new HashMap<>();
        long cursor;
        int reads;
        Runnable beforeSnapshotAnswers;

        long move(String... scopes) {
            cursor++;
            for (String scope : scopes) {
                versions.put(scope, cursor);
            }
            return cursor;
        }

        @Override
        public Map<String, Long> versions(List<String> scopes) {
            Map<String, Long> read = new TreeMap<>();
            scopes.forEach(s -> read.put(s, Scopes.ALL.equals(s) ? cursor : versions.getOrDefault(s, 0L)));
            return read;
        }

        @Override
        public VersionCache.Snapshot snapshot(List<String> scopes) {
            reads++;
            VersionCache.Snapshot snapshot = new VersionCache.Snapshot(versions(scopes), cursor);
            Runnable hook = beforeSnapshotAnswers;
            beforeSnapshotAnswers = null;
            if (hook != null) {
                hook.run();
            }
            return snapshot;
        }

        @Override
        public VersionCache.Snapshot movedAfter(long after) {
            Map<String, Long> moved = new TreeMap<>();
            versions.forEach((scope, version) -> {
                if (version > after) {
                    moved.put(scope, version);
                }
            });
            return new VersionCache.Snapshot(moved, cursor);
        }
    }
}
