package dev.parley.etag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.Active;
import io.agroal.api.AgroalDataSource;

/**
 * Reads the versions that ETags are made of from the database; the change log writes them, and
 * {@link VersionCache} keeps the ones in use in memory and follows the log for the ones moved.
 * Plain JDBC rather than a Hibernate session, as these reads are on the path of conditional
 * requests. Inside a transaction the datasource hands out that transaction's connection, so the
 * change log reads its own writes here.
 */
@ApplicationScoped
public class VersionStore implements VersionCache.Source {

    /** The last cursor, as one more row of the version queries below (no stored scope is named so). */
    private static final String CURSOR_ROW = "select '" + Scopes.ALL + "', last_cursor from change_cursor where id = 1";

    private final AgroalDataSource dataSource;

    VersionStore(@Active AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Each scope's version, 0 for one never written; {@link Scopes#ALL} is the last change cursor and
     * {@link Scopes#RETAINED} the last pruned one.
     */
    @Override
    public Map<String, Long> versions(List<String> scopes) {
        Map<String, Long> versions = new TreeMap<>();
        scopes.forEach(s -> versions.put(s, 0L));
        List<String> stored = scopes.stream().filter(VersionStore::stored).toList();
        try (Connection connection = dataSource.getConnection()) {
            if (versions.containsKey(Scopes.ALL) || versions.containsKey(Scopes.RETAINED)) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select last_cursor, pruned_through from change_cursor where id = 1");
                        ResultSet row = statement.executeQuery()) {
                    row.next();
                    versions.computeIfPresent(Scopes.ALL, (s, v) -> read(row, 1));
                    versions.computeIfPresent(Scopes.RETAINED, (s, v) -> read(row, 2));
                }
            }
            if (!stored.isEmpty()) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select scope, version from resource_version where scope in (" + marks(stored) + ")")) {
                    bind(statement, stored);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            versions.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Versions could not be read", e);
        }
        return versions;
    }

    @Override
    public long lastCursor() {
        return versions(List.of(Scopes.ALL)).get(Scopes.ALL);
    }

    /**
     * Versions of stored scopes (0 for one never written) and the last cursor, in one statement: a
     * statement sees one snapshot, so the versions are those of the cursor read with them.
     */
    @Override
    public VersionCache.Snapshot snapshot(List<String> scopes) {
        Map<String, Long> versions = new TreeMap<>();
        scopes.forEach(s -> versions.put(s, 0L));
        long cursor = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select scope, version from resource_version"
                        + " where scope in (" + marks(scopes) + ") union all " + CURSOR_ROW)) {
            bind(statement, scopes);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (Scopes.ALL.equals(rows.getString(1))) {
                        cursor = rows.getLong(2);
                    } else {
                        versions.put(rows.getString(1), rows.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Versions could not be read", e);
        }
        return new VersionCache.Snapshot(versions, cursor);
    }

    /**
     * Every change after {@code cursor}, in cursor order, with the scopes its transaction moved on its
     * last one (empty on the others, null on changes written by a replica older than the column).
     */
    @Override
    public List<VersionCache.Moved> movedAfter(long cursor) {
        List<VersionCache.Moved> moved = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select id, scopes from change_log where id > ? order by id")) {
            statement.setLong(1, cursor);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    moved.add(new VersionCache.Moved(rows.getLong(1), rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Moved versions could not be read", e);
        }
        return moved;
    }

    /** Whether a scope has a row of its own; the cursor scopes are read from the cursor row. */
    private static boolean stored(String scope) {
        return !Scopes.ALL.equals(scope) && !Scopes.RETAINED.equals(scope);
    }

    private static String marks(List<String> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private static void bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }

    private static long read(ResultSet row, int column) {
        try {
            return row.getLong(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
