package dev.parley.etag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one seam between the change log and the ETags: a writer calls it while it holds the cursor
 * lock, where no other write can move a version. {@link #check} verifies the request's If-Match;
 * {@link #move} moves the versions of what the write touched, gives the request its new ETag, and
 * lets this replica's memory see the move once the transaction has committed.
 */
@ApplicationScoped
public class Versions {

    /** Bind parameters per IN list, well under every driver's limit. */
    private static final int CHUNK = 500;

    private final VersionStore store;
    private final VersionCache memory;
    private final IfMatch ifMatch;

    Versions(VersionStore store, VersionCache memory, IfMatch ifMatch) {
        this.store = store;
        this.memory = memory;
        this.ifMatch = ifMatch;
    }

    /**
     * Checks the If-Match of the request, when {@code inRequest} (a write made by a scheduled job
     * has none), before any version moves; a missing or stale one throws 428 or 412.
     */
    public void check(boolean inRequest) {
        if (inRequest) {
            ifMatch.verify(store);
        }
    }

    /**
     * Adds to the request's preconditions the ETag {@code ifMatch} that a GET of {@code path} (versioned
     * by {@code scopes}) must still carry, for a write of many resources that names one in its body; a
     * stale one is refused with 412 pointing at {@code pointer}. Checked with the request's own.
     */
    public void expect(String pointer, String path, List<String> scopes, String ifMatch) {
        this.ifMatch.expectItem(pointer, path, scopes, ifMatch);
    }

    /** How the last change of a transaction records the scopes it moved, for other replicas to follow. */
    public String describe(Collection<String> scopes) {
        return VersionCache.describe(scopes);
    }

    /**
     * Moves {@code scopes} to {@code version} on the transaction's {@code connection}, retags the
     * request and hands {@code afterCommit} the step that tells this replica's memory.
     */
    public void move(Connection connection, Set<String> scopes, long version, boolean inRequest,
            Collection<Runnable> afterCommit) throws SQLException {
        // This replica's conditional GETs see the write before its answer goes out; other replicas
        // read the scopes on its last change (VersionCache).
        afterCommit.add(() -> memory.moved(scopes, version));
        List<String> all = new ArrayList<>(scopes);
        for (int from = 0; from < all.size(); from += CHUNK) {
            bump(connection, new LinkedHashSet<>(all.subList(from, Math.min(all.size(), from + CHUNK))), version);
        }
        if (inRequest) {
            ifMatch.retag(store, scopes, version);
        }
    }

    private static void bump(Connection connection, Set<String> scopes, long version) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(scopes.size(), "?"));
        int updated;
        try (PreparedStatement update = connection.prepareStatement(
                "update resource_version set version = ? where scope in (" + marks + ")")) {
            update.setLong(1, version);
            int i = 2;
            for (String scope : scopes) {
                update.setString(i++, scope);
            }
            updated = update.executeUpdate();
        }
        if (updated == scopes.size()) {
            return;
        }
        // Writers hold the cursor lock here, so no other transaction can insert the same scope meanwhile.
        Set<String> missing = new LinkedHashSet<>(scopes);
        try (PreparedStatement known = connection.prepareStatement(
                "select scope from resource_version where scope in (" + marks + ")")) {
            int i = 1;
            for (String scope : scopes) {
                known.setString(i++, scope);
            }
            try (ResultSet rows = known.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getString(1));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into resource_version (scope, version) values (?, ?)")) {
            for (String scope : missing) {
                insert.setString(1, scope);
                insert.setLong(2, version);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
