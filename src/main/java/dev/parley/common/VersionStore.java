package dev.parley.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Reads the versions that ETags are made of; the change log writes them. This is the whole cost of
 * a 304, so it goes to the datasource with plain JDBC rather than through a Hibernate session.
 * Inside a transaction the datasource hands out that transaction's connection, so the change log
 * reads its own writes here.
 */
@ApplicationScoped
public class VersionStore {

    private final AgroalDataSource dataSource;

    VersionStore(@Active AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Each scope's version, 0 for one never written; {@link Scopes#ALL} is the last change cursor and
     * {@link Scopes#RETAINED} the last pruned one.
     */
    public Map<String, Long> versions(List<String> scopes) {
        Map<String, Long> versions = new TreeMap<>();
        scopes.forEach(s -> versions.put(s, 0L));
        List<String> stored = scopes.stream().filter(s -> !Scopes.ALL.equals(s) && !Scopes.RETAINED.equals(s))
                .toList();
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
                String marks = String.join(", ", Collections.nCopies(stored.size(), "?"));
                try (PreparedStatement statement = connection.prepareStatement(
                        "select scope, version from resource_version where scope in (" + marks + ")")) {
                    for (int i = 0; i < stored.size(); i++) {
                        statement.setString(i + 1, stored.get(i));
                    }
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

    public long lastCursor() {
        return versions(List.of(Scopes.ALL)).get(Scopes.ALL);
    }

    private static long read(ResultSet row, int column) {
        try {
            return row.getLong(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
