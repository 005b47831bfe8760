package dev.parley.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Active;
import dev.parley.common.Caller;
import dev.parley.common.Clocks;
import dev.parley.common.Database;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/**
 * The change log. Every write in Parley records
 * its changes here; they are written in the same transaction, as its last statements, so a change
 * is committed with the data it describes or not at all.
 * <p>
 * At commit the transaction takes its cursors from a counter row, whose lock it holds until the
 * commit completes: writers pass that point one at a time and cursors become visible in commit
 * order, so a reader paging with {@code after} cannot skip a change that commits late. Because the
 * lock is each writer's last step, a writer holding it never waits for a row another writer holds,
 * and writers cannot deadlock on it. The If-Match of the request is checked there too, where no
 * other write can move the versions, and the versions of what the changes touched move: both
 * through {@link Versions}, the ETag package's one entry point.
 */
@ApplicationScoped
public class ChangeLog {

    private static final String PENDING = ChangeLog.class.getName() + ".pending";
    private static final String VIEWS = ChangeLog.class.getName() + ".views";

    private final Session session;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final Versions versions;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<ChangesWritten> written;
    private final AgroalDataSource dataSource;
    private final boolean postgresql;

    private final Clock clock;

    ChangeLog(Session session, ObjectMapper mapper, Caller caller, Versions versions,
            TransactionSynchronizationRegistry transactions,
            Event<ChangesWritten> written, @Active AgroalDataSource dataSource, Database database, Clock clock) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.postgresql = database.isPostgres();
        this.session = session;
        this.mapper = mapper;
        this.caller = caller;
        this.versions = versions;
        this.transactions = transactions;
        this.written = written;
    }

    /**
     * Records {@code change} with the subject's view as it is now, and moves the version of every
     * scope it names to the change's cursor.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Change change) {
        JsonNode tree = mapper.valueToTree(change.data());
        Update update = null;
        if (change.type().update()) {
            JsonNode was = views().put(change.subject(), tree);
            update = was == null ? null : Update.of(was, tree);
        }
        pending().entries().add(new Entry(change.type(), change.subject(), json(tree), callerName(), change.scopes(),
                ChangeTags.of(change.type().wire(), change.subject().kind(), change.subject().key(), tree,
                        change.scopes()),
                update == null ? null : json(update.before()), update == null ? null : json(update.after())));
    }

    /**
     * Keeps the subject's view as {@code change} (an update, built before the write) shows it, for the
     * {@code before} of the update recorded later in this transaction. Call it before changing the
     * subject: the first view of a subject in a transaction is kept, and each update recorded replaces
     * it, so every update's before is the view the previous one left.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updating(Change change) {
        if (!change.type().update()) {
            throw new IllegalArgumentException(change.type() + " is not an update");
        }
        views().computeIfAbsent(change.subject(), subject -> mapper.valueToTree(change.data()));
    }

    /** The last view of each subject this transaction updates; kept apart, as keeping one writes nothing. */
    @SuppressWarnings("unchecked")
    private Map<Subject, JsonNode> views() {
        Map<Subject, JsonNode> views = (Map<Subject, JsonNode>) transactions.getResource(VIEWS);
        if (views == null) {
            views = new HashMap<>();
            transactions.putResource(VIEWS, views);
        }
        return views;
    }

    /**
     * Moves the versions of {@code scopes} without a change in the log: for writes that readers of
     * the feed must not see (API keys, webhooks), which still honour If-Match and change ETags.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Collection<String> scopes) {
        pending().entries().add(new Entry(null, null, null, null, List.copyOf(scopes), ChangeTags.NONE, null, null));
    }

    /** The same, and {@code afterCommit} runs once the transaction has committed, before its answer goes out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Collection<String> scopes, Runnable afterCommit) {
        touch(scopes);
        pending().afterCommit().add(afterCommit);
    }

    /** This transaction's entries and after-commit steps, registering the commit step on the first one. */
    private Pending pending() {
        Pending pending = (Pending) transactions.getResource(PENDING);
        if (pending == null) {
            List<Entry> entries = new ArrayList<>();
            List<Runnable> afterCommit = new ArrayList<>();
            boolean checkPrecondition = requestActive();
            pending = new Pending(entries, afterCommit);
            transactions.putResource(PENDING, pending);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        write(entries, checkPrecondition, afterCommit);
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    // Written with the transaction, or rolled back with it: nothing to undo.
                    if (status == Status.STATUS_COMMITTED) {
                        afterCommit.forEach(Runnable::run);
                    }
                }
            });
        }
        return pending;
    }

    /** Writes a transaction's changes under the cursor lock, as its last statements. */
    private void write(List<Entry> entries, boolean checkPrecondition, List<Runnable> afterCommit) {
        // Entity changes go to the database before the lock, not while it is held.
        session.flush();
        // Plain JDBC on the transaction's own connection (the datasource hands it out again) rather than
        // Hibernate queries: the lock is held from the first statement to the end of the commit, so every
        // round trip under it is paid by all writers, and a batch is one round trip on PostgreSQL.
        try (Connection connection = dataSource.getConnection()) {
            List<Entry> changes = entries.stream().filter(e -> e.type() != null).toList();
            if (changes.isEmpty()) {
                // Other replicas follow moves through the log: a move without a change would never reach them.
                entries.stream().flatMap(e -> e.scopes().stream()).filter(Scopes::followed).findAny()
                        .ifPresent(scope -> {
                            throw new IllegalStateException("Scope " + scope + " moved without a change in the log");
                        });
            }
            long last = takeCursors(connection, Math.max(1, changes.size()));
            versions.check(checkPrecondition);
            long cursor = last - Math.max(1, changes.size());
            Instant now = Clocks.now(clock);
            Set<String> scopes = new LinkedHashSet<>();
            List<ChangeWritten> logged = new ArrayList<>();
            for (Entry entry : entries) {
                scopes.addAll(entry.scopes());
                if (entry.type() != null) {
                    logged.add(new ChangeWritten(++cursor, entry.type(), entry.subject(), now, entry.data(),
                            entry.recordedBy(), entry.tags(), entry.before(), entry.after()));
                }
            }
            insert(connection, logged, versions.describe(scopes));
            written.fire(new ChangesWritten(logged, afterCommit));
            versions.move(connection, scopes, last, checkPrecondition, afterCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("The change log could not be written", e);
        }
    }

    /** Takes {@code count} cursors, locking the counter row until the commit; answers the last one. */
    private long takeCursors(Connection connection, long count) throws SQLException {
        // Never behind the log itself: a counter that a database put back (H2 2.3 was seen to restore
        // an older value on a rollback under contention, RELIABILITY.md) must not hand out a used cursor.
        // One round trip: RETURNING on PostgreSQL, a data change delta table on H2.
        String update = "update change_cursor set last_cursor = greatest(last_cursor, pruned_through,"
                + " (select coalesce(max(l.id), 0) from change_log l)) + ? where id = 1";
        try (PreparedStatement statement = connection.prepareStatement(postgresql ? update + " returning last_cursor"
                : "select last_cursor from final table (" + update + ")")) {
            statement.setLong(1, count);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * The changes, in one batch; the last one carries the scopes the transaction moved, the others
     * none (empty: a null is what a replica older than the column writes, which readers cannot trust).
     */
    private static void insert(Connection connection, List<ChangeWritten> changes, String scopes)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into change_log (id, type, occurred_at,"
                + " subject_kind, subject_key, data, recorded_by, scopes, negotiation, demand, parties, to_status,"
                + " before_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChangeWritten change : changes) {
                insert.setLong(1, change.cursor());
                insert.setString(2, change.type().wire());
                insert.setObject(3, change.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setString(4, change.subject().kind());
                insert.setString(5, change.subject().key());
                insert.setString(6, change.data());
                insert.setString(7, change.recordedBy());
                insert.setString(8, change == changes.get(changes.size() - 1) ? scopes : "");
                insert.setString(9, change.tags().negotiation());
                insert.setString(10, change.tags().demand());
                insert.setString(11, change.tags().partiesColumn());
                insert.setString(12, change.tags().toStatus());
                insert.setString(13, change.before());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        entomb(connection, changes);
    }

    /** A tombstone for each deletion: kept after retention has pruned the change that made it. */
    private static void entomb(Connection connection, List<ChangeWritten> changes) throws SQLException {
        List<ChangeWritten> deletions = changes.stream().filter(c -> c.type().wire().endsWith(".deleted")).toList();
        if (deletions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into tombstone (kind, subject_key, deleted_at, change_cursor) values (?, ?, ?, ?)")) {
            for (ChangeWritten deletion : deletions) {
                insert.setString(1, deletion.subject().kind());
                insert.setString(2, deletion.subject().key());
                insert.setObject(3, deletion.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setLong(4, deletion.cursor());
                insert.addBatch();
            }
            insert.executeBatch();
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

    private record Pending(List<Entry> entries, List<Runnable> afterCommit) {
    }

    /**
     * A change (or, without a type, only versions to move) waiting for its transaction to commit;
     * an update's {@code before} and {@code after} are the members it changed (see {@link Update}).
     */
    private record Entry(ChangeType type, Subject subject, String data, String recordedBy,
            Collection<String> scopes, ChangeTags tags, String before, String after) {
    }
}
