package dev.parley.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Caller;
import dev.parley.common.Clock;
import dev.parley.common.VersionStore;
import dev.parley.common.WritePrecondition;

/**
 * Appends to the change log inside the writing transaction, and bumps the ETag versions of what the
 * change touched. Every write in Parley ends here, so a change is committed with the data it
 * describes, or not at all.
 */
@ApplicationScoped
public class ChangeLog {

    private final Session session;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final Event<ChangeAppended> appended;
    private final WritePrecondition precondition;
    private final VersionStore versions;

    ChangeLog(Session session, ObjectMapper mapper, Caller caller, Event<ChangeAppended> appended,
            WritePrecondition precondition, VersionStore versions) {
        this.session = session;
        this.mapper = mapper;
        this.caller = caller;
        this.appended = appended;
        this.precondition = precondition;
        this.versions = versions;
    }

    /**
     * Records {@code type} (such as {@code demand.updated}) for a subject, with the subject's view as
     * data, and moves the version of every scope in {@code scopes} to the new cursor.
     * <p>
     * Taking the cursor locks the counter row until commit, so writers pass this point one at a
     * time and cursors become visible in commit order: a reader paging with {@code after} cannot
     * skip a change that commits late. The lock is taken last in each transaction to keep it short.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(String type, String subjectKind, String subjectKey, Object data, Collection<String> scopes) {
        long cursor = takeCursor();
        session.createNativeQuery(
                "insert into change_log (id, type, occurred_at, subject_kind, subject_key, data, recorded_by)"
                        + " values (:id, :type, :at, :kind, :key, :data, :by)")
                .setParameter("id", cursor)
                .setParameter("type", type)
                .setParameter("at", Clock.now())
                .setParameter("kind", subjectKind)
                .setParameter("key", subjectKey)
                .setParameter("data", json(data))
                .setParameter("by", caller.name())
                .addSynchronizedQuerySpace("change_log")
                .executeUpdate();
        precondition.verify(versions);
        bump(new LinkedHashSet<>(scopes), cursor);
        precondition.retag(versions);
        appended.fire(new ChangeAppended(cursor, type, subjectKind, subjectKey));
        return cursor;
    }

    /**
     * Moves the versions of {@code scopes} without a change in the log: for writes that readers of
     * the feed must not see (API keys), which still honour If-Match and change ETags.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Collection<String> scopes) {
        long cursor = takeCursor();
        precondition.verify(versions);
        bump(new LinkedHashSet<>(scopes), cursor);
        precondition.retag(versions);
    }

    /** Records the deletion of a resource addressed by slug; the data names only the slug. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long appendDeletion(String type, String subjectKind, String slug, Collection<String> scopes) {
        return append(type, subjectKind, slug, Map.of("slug", slug), scopes);
    }

    /** Takes the next cursor; the counter row stays locked until this transaction ends. */
    private long takeCursor() {
        // Entity changes go to the database before the lock, not at commit while it is held; the
        // statements name their tables so that Hibernate does not flush again for each.
        session.flush();
        session.createNativeQuery("update change_cursor set last_cursor = last_cursor + 1 where id = 1")
                .addSynchronizedQuerySpace("change_cursor").executeUpdate();
        return session.createNativeQuery("select last_cursor from change_cursor where id = 1", Long.class)
                .addSynchronizedQuerySpace("change_cursor").getSingleResult();
    }

    private void bump(Set<String> scopes, long cursor) {
        if (scopes.isEmpty()) {
            return;
        }
        int updated = session.createNativeQuery(
                "update resource_version set version = :v where scope in (:scopes)")
                .setParameter("v", cursor).setParameterList("scopes", scopes)
                .addSynchronizedQuerySpace("resource_version").executeUpdate();
        if (updated == scopes.size()) {
            return;
        }
        // Writers hold the cursor lock here, so no other transaction can insert the same scope meanwhile.
        List<String> known = session.createNativeQuery("select scope from resource_version where scope in (:scopes)",
                String.class).setParameterList("scopes", scopes).addSynchronizedQuerySpace("resource_version")
                .getResultList();
        List<String> missing = new ArrayList<>(scopes);
        missing.removeAll(known);
        for (String scope : missing) {
            session.createNativeQuery("insert into resource_version (scope, version) values (:s, :v)")
                    .setParameter("s", scope).setParameter("v", cursor).addSynchronizedQuerySpace("resource_version")
                    .executeUpdate();
        }
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
    }
}
