package dev.parley.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Caller;
import dev.parley.common.Clock;
import dev.parley.common.ParleyConfig;
import dev.parley.common.VersionStore;
import dev.parley.common.WritePrecondition;
import io.quarkus.arc.Arc;

/**
 * The change log, and the ETag versions of what each change touched. Every write in Parley records
 * its changes here; they are written in the same transaction, as its last statements, so a change
 * is committed with the data it describes or not at all.
 * <p>
 * At commit the transaction takes its cursors from a counter row, whose lock it holds until the
 * commit completes: writers pass that point one at a time and cursors become visible in commit
 * order, so a reader paging with {@code after} cannot skip a change that commits late. Because the
 * lock is each writer's last step, a writer holding it never waits for a row another writer holds,
 * and writers cannot deadlock on it. The If-Match of the request is checked there too, where no
 * other write can move the versions.
 */
@ApplicationScoped
public class ChangeLog {

    private static final String PENDING = ChangeLog.class.getName() + ".pending";
    /** Bind parameters per IN list, well under every driver's limit. */
    private static final int CHUNK = 500;

    private final Session session;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final WritePrecondition precondition;
    private final VersionStore versions;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<ChangeAppended> appended;
    private final Event<ChangeWritten> written;
    private final boolean postgresql;

    ChangeLog(Session session, ObjectMapper mapper, Caller caller, WritePrecondition precondition,
            VersionStore versions, TransactionSynchronizationRegistry transactions, Event<ChangeAppended> appended,
            Event<ChangeWritten> written, ParleyConfig config) {
        this.postgresql = "postgresql".equals(config.db().kind());
        this.session = session;
        this.mapper = mapper;
        this.caller = caller;
        this.precondition = precondition;
        this.versions = versions;
        this.transactions = transactions;
        this.appended = appended;
        this.written = written;
    }

    /**
     * Records {@code type} (such as {@code demand.updated}) for a subject, with the subject's view as
     * it is now, and moves the version of every scope in {@code scopes} to the change's cursor.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String type, String subjectKind, String subjectKey, Object data, Collection<String> scopes) {
        pending().add(new Entry(type, subjectKind, subjectKey, json(data), callerName(), List.copyOf(scopes)));
    }

    /** Records the deletion of a resource addressed by slug; the data names only the slug. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendDeletion(String type, String subjectKind, String slug, Collection<String> scopes) {
        append(type, subjectKind, slug, Map.of("slug", slug), scopes);
    }

    /**
     * Moves the versions of {@code scopes} without a change in the log: for writes that readers of
     * the feed must not see (API keys, webhooks), which still honour If-Match and change ETags.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Collection<String> scopes) {
        pending().add(new Entry(null, null, null, null, null, List.copyOf(scopes)));
    }

    /** This transaction's entries, registering the commit step on the first one. */
    @SuppressWarnings("unchecked")
    private List<Entry> pending() {
        List<Entry> pending = (List<Entry>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Entry> entries = new ArrayList<>();
            boolean checkPrecondition = requestActive();
            transactions.putResource(PENDING, entries);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        write(entries, checkPrecondition);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // Written with the transaction, or rolled back with it: nothing to undo.
                }
            });
            appended.fire(new ChangeAppended());
            pending = entries;
        }
        return pending;
    }

    /** Writes a transaction's changes under the cursor lock, as its last statements. */
    private void write(List<Entry> entries, boolean checkPrecondition) {
        // Entity changes go to the database before the lock, not while it is held; the statements
        // below name their tables so that Hibernate does not flush again for each.
        session.flush();
        List<Entry> changes = entries.stream().filter(e -> e.type() != null).toList();
        long taken = Math.max(1, changes.size());
        // Never behind the log itself: a counter that a database put back (H2 2.3 was seen to restore
        // an older value on a rollback under contention, RELIABILITY.md) must not hand out a used cursor.
        // One round trip: the lock is held from here to the end of the commit, so every statement
        // under it is paid by all writers (RETURNING on PostgreSQL, a data change delta table on H2).
        String update = "update change_cursor set last_cursor = greatest(last_cursor, pruned_through,"
                + " (select coalesce(max(l.id), 0) from change_log l)) + :n where id = 1";
        long last = ((Number) session.createNativeQuery(postgresql ? update + " returning last_cursor"
                : "select last_cursor from final table (" + update + ")")
                .setParameter("n", taken).addSynchronizedQuerySpace("change_cursor").getSingleResult()).longValue();
        if (checkPrecondition) {
            precondition.verify(versions);
        }
        long cursor = last - taken;
        Instant now = Clock.now();
        Set<String> scopes = new LinkedHashSet<>();
        for (Entry entry : entries) {
            scopes.addAll(entry.scopes());
            if (entry.type() == null) {
                continue;
            }
            cursor++;
            session.createNativeQuery(
                    "insert into change_log (id, type, occurred_at, subject_kind, subject_key, data, recorded_by)"
                            + " values (:id, :type, :at, :kind, :key, :data, :by)")
                    .setParameter("id", cursor)
                    .setParameter("type", entry.type())
                    .setParameter("at", now)
                    .setParameter("kind", entry.subjectKind())
                    .setParameter("key", entry.subjectKey())
                    .setParameter("data", entry.data())
                    .setParameter("by", entry.recordedBy())
                    .addSynchronizedQuerySpace("change_log")
                    .executeUpdate();
            written.fire(new ChangeWritten(cursor, entry.type(), entry.subjectKind(), entry.subjectKey(), now));
        }
        List<String> all = new ArrayList<>(scopes);
        for (int from = 0; from < all.size(); from += CHUNK) {
            bump(new LinkedHashSet<>(all.subList(from, Math.min(all.size(), from + CHUNK))), last);
        }
        if (checkPrecondition) {
            precondition.retag(versions, scopes, last);
        }
    }

    private void bump(Set<String> scopes, long version) {
        int updated = session.createNativeQuery("update resource_version set version = :v where scope in (:scopes)")
                .setParameter("v", version).setParameterList("scopes", scopes)
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
                    .setParameter("s", scope).setParameter("v", version).addSynchronizedQuerySpace("resource_version")
                    .executeUpdate();
        }
    }

    private String callerName() {
        return requestActive() ? caller.name() : "parley";
    }

    private static boolean requestActive() {
        return Arc.container().requestContext().isActive();
    }

    private String json(Object data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A view could not be written as JSON", e);
        }
    }

    /** A change (or, without a type, only versions to move) waiting for its transaction to commit. */
    private record Entry(String type, String subjectKind, String subjectKey, String data, String recordedBy,
            Collection<String> scopes) {
    }
}
