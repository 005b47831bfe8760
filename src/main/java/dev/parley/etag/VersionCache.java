package dev.parley.etag;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.parley.common.ParleyConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The versions behind ETags, kept in memory for the scopes this replica serves, so that a
 * conditional GET is answered without a query. The database stays the authority: this replica's
 * own commits move the versions here before their answers go out, and every
 * {@code parley.versions.sync-interval} a sync reads, from the change log, the scopes that the
 * transactions of every replica moved since the last cursor it saw (each transaction lists them on
 * its last change; a change without the list, from a replica of an older version, empties memory).
 * Only {@link Scopes#followed} scopes are held. While the last sync is older than
 * {@code parley.versions.max-lag}, nothing is answered from memory, and the next sync starts memory
 * again empty.
 * <p>
 * Versions only grow, and a transaction moves all its scopes to its last cursor, so memory never
 * holds a version newer than a committed one and merging by maximum is always right. The one hazard
 * is a version read from the database just before a commit moved it and remembered just after the
 * sync that carried the move: a read is therefore remembered only if its snapshot is at least as new
 * as the last sync, and only if memory was not cleared meanwhile; a local move is taken in for a
 * scope not held only if no sync has passed it yet, for the same reason.
 */
@ApplicationScoped
public class VersionCache {

    private static final Logger LOG = Logger.getLogger(VersionCache.class);
    /** Stands for "any scope" when a transaction moved too many to list (an import). */
    private static final String EVERYTHING = "*";
    private static final int LONGEST_LIST = 100_000;
    /**
     * No resource's scope is longer (slugs have at most 80 characters, ids fewer): a GET of any other
     * name is a 404 and stays out of memory, so requests cannot fill it with names of their choosing.
     */
    static final int LONGEST_HELD = 100;

    /** Versions and the last change cursor they are current for, read in one snapshot. */
    public record Snapshot(Map<String, Long> versions, long cursor) {
    }

    /**
     * A change: the last of its transaction lists the scopes the transaction moved to its cursor, the
     * others are empty; null comes from a replica that predates the list (a rolling update).
     */
    public record Moved(long cursor, String scopes) {
    }

    /** Where versions come from: the database ({@link VersionStore}). */
    interface Source {
        /** Exact versions of any scopes, the cursor scopes included. */
        Map<String, Long> versions(List<String> scopes);

        Snapshot snapshot(List<String> scopes);

        List<Moved> movedAfter(long cursor);

        long lastCursor();
    }

    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Source source;
    private final long maxLagNanos;
    private final long syncIntervalMillis;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    /** The last cursor a sync saw: memory holds every move up to it for the scopes it holds. */
    private long synced;
    /** Counts clears, so a read from before one is not remembered after it. */
    private long generation;
    /** When the last successful sync started (System.nanoTime), or 0 before the first one. */
    private volatile long syncedAt;
    private volatile boolean failing;
    private ScheduledExecutorService syncer;

    @Inject
    VersionCache(VersionStore store, ParleyConfig config) {
        this(store, config.versions().syncInterval().toMillis(), config.versions().maxLag().toNanos(),
                config.versions().maxEntries(), System::nanoTime);
    }

    VersionCache(Source source, long syncIntervalMillis, long maxLagNanos, int maxEntries, LongSupplier nanoTime) {
        if (syncIntervalMillis <= 0 || TimeUnit.MILLISECONDS.toNanos(syncIntervalMillis) >= maxLagNanos) {
            throw new IllegalArgumentException("parley.versions.sync-interval must be positive and shorter than"
                    + " parley.versions.max-lag, or memory would never be fresh");
        }
        this.source = source;
        this.syncIntervalMillis = syncIntervalMillis;
        this.maxLagNanos = maxLagNanos;
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** How a transaction's moved scopes are written on its last change. */
    public static String describe(Collection<String> scopes) {
        String listed = String.join(" ", scopes);
        return listed.length() > LONGEST_LIST ? EVERYTHING : listed;
    }

    void start(@Observes StartupEvent event) {
        syncer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "version-sync");
            thread.setDaemon(true);
            return thread;
        });
        syncer.scheduleWithFixedDelay(this::syncQuietly, 0, syncIntervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (syncer != null) {
            syncer.shutdownNow();
        }
    }

    /**
     * Every scope's version from memory, or null if one of them is not held or memory may be behind.
     * Never queries, so it may run on an event loop.
     */
    public Map<String, Long> known(List<String> scopes) {
        if (!fresh()) {
            return null;
        }
        Map<String, Long> found = new TreeMap<>();
        for (String scope : scopes) {
            Long version = versions.get(scope);
            if (version == null) {
                return null;
            }
            found.put(scope, version);
        }
        return found;
    }

    /** Every scope's version: from memory when held there, else from the database, remembering it. */
    public Map<String, Long> current(List<String> scopes) {
        if (!scopes.stream().allMatch(Scopes::followed)) {
            return source.versions(scopes);
        }
        Map<String, Long> known = known(scopes);
        if (known != null) {
            return known;
        }
        long before;
        synchronized (this) {
            before = generation;
        }
        Snapshot read = source.snapshot(scopes);
        remember(read, before);
        return read.versions();
    }

    /** A commit of this replica moved {@code scopes} to {@code version}; called before its answer goes out. */
    public synchronized void moved(Collection<String> scopes, long version) {
        // A scope not held is taken in only if no sync has passed this commit yet: a sync that has
        // may have skipped a later move of it by another replica.
        boolean takeIn = syncedAt != 0 && version >= synced;
        for (String scope : scopes) {
            if (takeIn && Scopes.followed(scope)) {
                versions.merge(scope, version, Math::max);
            } else {
                versions.computeIfPresent(scope, (s, held) -> Math.max(held, version));
            }
        }
        trim();
    }

    /** Applies what every replica moved since the last sync; after a gap, starts memory again empty. */
    void sync() {
        long started = nanoTime.getAsLong();
        if (!fresh()) {
            long cursor = source.lastCursor();
            synchronized (this) {
                clear();
                synced = cursor;
            }
        } else {
            long after;
            synchronized (this) {
                after = synced;
            }
            List<Moved> moves = source.movedAfter(after);
            synchronized (this) {
                for (Moved move : moves) {
                    apply(move);
                }
            }
        }
        syncedAt = Math.max(started, 1);
    }

    /** Whether a sync succeeded recently enough for memory to be answered from. */
    private boolean fresh() {
        long at = syncedAt;
        return at != 0 && nanoTime.getAsLong() - at <= maxLagNanos;
    }

    private void apply(Moved move) {
        if (move.scopes() == null || EVERYTHING.equals(move.scopes())) {
            clear();
        } else if (!move.scopes().isEmpty()) {
            for (String scope : move.scopes().split(" ")) {
                versions.computeIfPresent(scope, (s, held) -> Math.max(held, move.cursor()));
            }
        }
        synced = Math.max(synced, move.cursor());
    }

    private void syncQuietly() {
        try {
            sync();
            if (failing) {
                failing = false;
                LOG.info("Versions are read from memory again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf(e, "Versions could not be synced; conditional requests read the database until they are");
            }
        }
    }

    private synchronized void remember(Snapshot read, long before) {
        if (syncedAt == 0 || generation != before || read.cursor() < synced) {
            return;
        }
        read.versions().forEach((scope, version) -> {
            if (scope.length() <= LONGEST_HELD) {
                versions.merge(scope, version, Math::max);
            }
        });
        trim();
    }

    /** Past the bound, memory starts again empty: what is in use comes back with the next reads. */
    private void trim() {
        if (versions.size() > maxEntries) {
            clear();
        }
    }

    private void clear() {
        versions.clear();
        generation++;
    }

    synchronized int size() {
        return versions.size();
    }
}
