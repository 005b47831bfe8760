package dev.parley.etag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
        cache.current(List.of("party:a"));
        assertThat(cache.known(List.of("party:a"))).as("in use again after a sync").containsEntry("party:a", 0L);
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
    void aNameLongerThanAnyResourcesIsReadFromTheDatabaseEveryTime() {
        cache.sync();
        String longest = "demand:" + "a".repeat(VersionCache.LONGEST_HELD - "demand:".length());
        String longer = longest + "a";

        cache.current(List.of(longest, longer));

        assertThat(cache.known(List.of(longest))).containsEntry(longest, 0L);
        assertThat(cache.known(List.of(longer))).as("a GET of any made-up name would take memory").isNull();
    }

    @Test
    void aSyncIntervalThatIsNotShorterThanTheMaxLagIsRefused() {
        assertThatThrownBy(() -> new VersionCache(database, 0, MAX_LAG, 100, () -> now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionCache(database, 1000, MAX_LAG, 100, () -> now))
                .hasMessageContaining("shorter than parley.versions.max-lag");
    }

    @Test
    void scopesMovedWithoutAChangeInTheLogAreReadFromTheDatabaseEveryTime() {
        cache.sync();
        assertThat(cache.current(List.of(Scopes.API_KEYS))).containsEntry(Scopes.API_KEYS, 0L);

        cache.moved(List.of(Scopes.API_KEYS, Scopes.fill(Scopes.WEBHOOK, "wh_1")), database.touch(Scopes.API_KEYS));

        assertThat(cache.known(List.of(Scopes.API_KEYS))).isNull();
        assertThat(cache.known(List.of(Scopes.fill(Scopes.WEBHOOK, "wh_1")))).isNull();
        assertThat(cache.current(List.of(Scopes.ALL))).containsEntry(Scopes.ALL, 1L);
        assertThat(cache.known(List.of(Scopes.ALL))).isNull();
    }

    @Test
    void afterASyncGapMemoryStartsAgainEmpty() {
        cache.sync();
        cache.current(List.of("party:a"));

        now += MAX_LAG + 1;
        database.move("party:b");
        cache.sync();

        assertThat(cache.size()).isZero();
        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", 0L);
        assertThat(cache.known(List.of("party:a"))).containsEntry("party:a", 0L);
    }

    @Test
    void onlyTheLastChangeOfATransactionMovesItsScopes() {
        cache.sync();
        cache.current(List.of("party:a"));
        database.cursor++;
        database.log.add(new VersionCache.Moved(database.cursor, ""));
        long last = database.move("party:a");

        cache.sync();

        assertThat(cache.known(List.of("party:a"))).containsEntry("party:a", last);
    }

    @Test
    void aChangeWrittenByAnOlderReplicaWithoutItsScopesEmptiesMemory() {
        cache.sync();
        cache.current(List.of("party:a"));
        long cursor = database.touch("party:a");
        database.log.add(new VersionCache.Moved(cursor, null));

        cache.sync();

        assertThat(cache.known(List.of("party:a"))).as("the move is unknown, so nothing held is trusted").isNull();
        assertThat(cache.current(List.of("party:a"))).containsEntry("party:a", cursor);
    }

    @Test
    void aTransactionThatMovedTooManyScopesToListEmptiesMemory() {
        cache.sync();
        cache.current(List.of("party:a"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add("demand:imported-demand-" + i);
        }
        database.move(many.toArray(String[]::new));

        cache.sync();

        assertThat(cache.known(List.of("party:a"))).isNull();
    }

    /** Versions, cursors and the change log as the change log keeps them: every move takes the next cursor. */
    private static final class Database implements VersionCache.Source {
        final Map<String, Long> versions = new HashMap<>();
        final List<VersionCache.Moved> log = new ArrayList<>();
        long cursor;
        int reads;
        Runnable beforeSnapshotAnswers;

        /** A transaction with a change in the log, which lists the scopes it moved. */
        long move(String... scopes) {
            touch(scopes);
            log.add(new VersionCache.Moved(cursor, VersionCache.describe(List.of(scopes))));
            return cursor;
        }

        /** A transaction that moves versions without a change in the log. */
        long touch(String... scopes) {
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
        public List<VersionCache.Moved> movedAfter(long after) {
            return log.stream().filter(m -> m.cursor() > after).toList();
        }

        @Override
        public long lastCursor() {
            return cursor;
        }
    }
}
