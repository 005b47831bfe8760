package dev.parley.common;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

/** Reads the versions that ETags are made of; the change log writes them. */
@ApplicationScoped
public class VersionStore {

    private final Session session;

    VersionStore(Session session) {
        this.session = session;
    }

    /**
     * Each scope's version, 0 for one never written; {@link Scopes#ALL} is the last change cursor and
     * {@link Scopes#RETAINED} the last pruned one.
     */
    public Map<String, Long> versions(List<String> scopes) {
        Map<String, Long> versions = new TreeMap<>();
        scopes.forEach(s -> versions.put(s, 0L));
        if (versions.containsKey(Scopes.ALL) || versions.containsKey(Scopes.RETAINED)) {
            Object[] log = session.createNativeQuery("select last_cursor, pruned_through from change_cursor where id = 1",
                    Object[].class).getSingleResult();
            versions.computeIfPresent(Scopes.ALL, (s, v) -> ((Number) log[0]).longValue());
            versions.computeIfPresent(Scopes.RETAINED, (s, v) -> ((Number) log[1]).longValue());
        }
        List<String> stored = scopes.stream().filter(s -> !Scopes.ALL.equals(s) && !Scopes.RETAINED.equals(s))
                .toList();
        if (!stored.isEmpty()) {
            session.createNativeQuery("select scope, version from resource_version where scope in (:scopes)",
                    Object[].class).setParameterList("scopes", stored).getResultList()
                    .forEach(row -> versions.put((String) row[0], ((Number) row[1]).longValue()));
        }
        return versions;
    }

    public long lastCursor() {
        return session.createNativeQuery("select last_cursor from change_cursor where id = 1", Long.class)
                .getSingleResult();
    }
}
