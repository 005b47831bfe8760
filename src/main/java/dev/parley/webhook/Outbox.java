package dev.parley.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.Active;
import dev.parley.common.Clocks;
import dev.parley.common.Database;
import dev.parley.common.Ids;
import dev.parley.feed.ChangeLog;
import dev.parley.feed.ChangeWritten;
import dev.parley.feed.ChangesWritten;
import dev.parley.feed.Subject;
import io.agroal.api.AgroalDataSource;

/**
 * The durable webhook outbox. Every change is queued for each matching active subscription in the
 * transaction that makes the change, so a delivery exists exactly when its change does. Replicas
 * claim due deliveries with FOR UPDATE SKIP LOCKED and a lease, so each is sent by one of them.
 */
@ApplicationScoped
class Outbox {

    static final String PENDING = "PENDING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String GAVE_UP = "GAVE_UP";

    private final Session session;
    private final ObjectMapper mapper;
    private final Database database;
    private final ChangeLog changes;
    private final AgroalDataSource dataSource;
    private final Event<DeliveriesQueued> queued;
    /** One step per transaction, however many changes it queued (ChangesWritten.onCommit keeps it once). */
    private final Runnable announce;
    private final Clock clock;

    Outbox(Session session, ObjectMapper mapper, Database database, ChangeLog changes,
            @Active AgroalDataSource dataSource, Event<DeliveriesQueued> queued, Clock clock) {
        this.clock = clock;
        this.queued = queued;
        // Fired after the commit, with no transaction active: observed at once.
        this.announce = () -> queued.fire(new DeliveriesQueued());
        this.dataSource = dataSource;
        this.session = session;
        this.mapper = mapper;
        this.database = database;
        this.changes = changes;
    }

    /**
     * Queues each change for every active subscription to its type, in the writing transaction and
     * in one batch; when any delivery was queued, the dispatcher is woken once the transaction commits.
     */
    void enqueue(@Observes ChangesWritten written) {
        if (written.changes().isEmpty()) {
            return;
        }
        // The transaction's own connection, as the change log uses it: one round trip under its lock.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into webhook_delivery"
                        + " (id, webhook_id, event_type, payload, status, attempts, next_attempt_at, created_at)"
                        + " select ?, w.id, ?, ?, 'PENDING', 0, ?, ? from webhook w"
                        + " where w.active = true and (w.event_types like '%,*,%' or w.event_types like ?)"
                        // A scoped subscription matches only changes tagged with its scope (ChangeTags).
                        + " and (w.negotiation is null or w.negotiation = ?) and (w.demand is null or w.demand = ?)"
                        + " and (w.party is null or ? like ('%,' || w.party || ',%'))"
                        + " and (w.to_status is null or w.to_status = ?)")) {
            for (ChangeWritten change : written.changes()) {
                OffsetDateTime now = change.occurredAt().atOffset(ZoneOffset.UTC);
                insert.setString(1, Ids.next("msg"));
                insert.setString(2, change.type().wire());
                insert.setString(3, payload(change.type().wire(), change.occurredAt(),
                        new ChangeData(change.cursorToken(), change.subject(), change.before(), change.after())));
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.setString(6, "%," + change.type().wire() + ",%");
                insert.setString(7, change.tags().negotiation());
                insert.setString(8, change.tags().demand());
                insert.setString(9, change.tags().partiesColumn());
                insert.setString(10, change.tags().toStatus());
                insert.addBatch();
            }
            // A driver may answer SUCCESS_NO_INFO (negative) instead of a count: wake then too.
            if (Arrays.stream(insert.executeBatch()).anyMatch(count -> count != 0)) {
                written.onCommit(announce);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Webhook deliveries could not be queued", e);
        }
    }

    /** Queues a test event for one subscription. */
    @Transactional(Transactional.TxType.MANDATORY)
    DeliveryView ping(Webhook webhook) {
        Instant now = Clocks.now(clock);
        String id = Ids.next("msg");
        session.createNativeQuery("insert into webhook_delivery"
                + " (id, webhook_id, event_type, payload, status, attempts, next_attempt_at, created_at)"
                + " values (:id, :webhook, 'webhook.ping', :payload, 'PENDING', 0, :now, :now)")
                .setParameter("id", id).setParameter("webhook", webhook.id)
                .setParameter("payload", payload("webhook.ping", now, Map.of("webhook_id", webhook.id)))
                .setParameter("now", now).executeUpdate();
        queued.fire(new DeliveriesQueued());
        return delivery(webhook.id, id).orElseThrow();
    }

    /** Claims up to {@code limit} due deliveries for {@code lease}; others skip them meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Claimed> claim(int limit, Duration lease) {
        Instant now = Clocks.now(clock);
        List<Claimed> due = session.createNativeQuery("select d.id, d.webhook_id, d.event_type, d.payload,"
                + " d.attempts, d.created_at from webhook_delivery d"
                + " where d.status = 'PENDING' and d.next_attempt_at <= :now"
                + " and exists (select 1 from webhook w where w.id = d.webhook_id and w.active = true)"
                + " order by d.next_attempt_at" + " fetch first " + limit + " rows only"
                + (database.isPostgres() ? " for update of d skip locked" : " for update"), Claimed.class)
                .addScalar("id", String.class).addScalar("webhook_id", String.class)
                .addScalar("event_type", String.class).addScalar("payload", String.class)
                .addScalar("attempts", Integer.class).addScalar("created_at", Instant.class)
                .setParameter("now", now).getResultList();
        for (Claimed delivery : due) {
            session.createNativeQuery("update webhook_delivery set next_attempt_at = :until"
                    + " where id = :id and webhook_id = :webhook")
                    .setParameter("until", now.plus(lease)).setParameter("id", delivery.id())
                    .setParameter("webhook", delivery.webhookId()).executeUpdate();
        }
        return due;
    }

    /**
     * Records an attempt and what follows from it, in one transaction: with {@code disableReason}
     * the subscription is deactivated in it too, so a crash cannot keep a gone receiver subscribed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void record(Claimed delivery, Attempt attempt, String status, Instant nextAttemptAt, String disableReason) {
        if (disableReason != null) {
            session.createNativeQuery("update webhook set active = false, disabled_reason = :reason,"
                    + " updated_at = :now where id = :webhook")
                    .setParameter("reason", disableReason).setParameter("now", Clocks.now(clock))
                    .setParameter("webhook", delivery.webhookId()).executeUpdate();
            changes.touch(WebhookChanges.scopes(delivery.webhookId()));
        }
        session.createNativeQuery("insert into webhook_attempt (delivery_id, webhook_id, attempt, attempted_at,"
                + " status_code, duration_ms, error, next_attempt_at)"
                + " values (:id, :webhook, :attempt, :at, :code, :duration, :error, :next)")
                .setParameter("id", delivery.id()).setParameter("webhook", delivery.webhookId())
                .setParameter("attempt", delivery.attempts() + 1).setParameter("at", attempt.startedAt())
                .setParameter("code", attempt.statusCode()).setParameter("duration", attempt.durationMs())
                .setParameter("error", attempt.error()).setParameter("next", nextAttemptAt).executeUpdate();
        session.createNativeQuery("update webhook_delivery set status = :status, attempts = attempts + 1,"
                + " next_attempt_at = :next, last_status_code = :code, last_error = :error"
                + " where id = :id and webhook_id = :webhook")
                .setParameter("status", status)
                .setParameter("next", nextAttemptAt != null ? nextAttemptAt : attempt.startedAt())
                .setParameter("code", attempt.statusCode()).setParameter("error", attempt.error())
                .setParameter("id", delivery.id()).setParameter("webhook", delivery.webhookId()).executeUpdate();
    }

    /** Makes a delivery due now again, whatever became of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<DeliveryView> redeliver(String webhookId, String deliveryId) {
        session.createNativeQuery("update webhook_delivery set status = 'PENDING', next_attempt_at = :now"
                + " where id = :id and webhook_id = :webhook")
                .setParameter("now", Clocks.now(clock)).setParameter("id", deliveryId).setParameter("webhook", webhookId)
                .executeUpdate();
        queued.fire(new DeliveriesQueued());
        return delivery(webhookId, deliveryId);
    }

    Optional<DeliveryView> delivery(String webhookId, String deliveryId) {
        return session.createNativeQuery("select id, event_type, status, attempts, next_attempt_at, created_at,"
                + " last_status_code, last_error from webhook_delivery where id = :id and webhook_id = :webhook",
                DeliveryRow.class)
                .addScalar("id", String.class).addScalar("event_type", String.class)
                .addScalar("status", String.class).addScalar("attempts", Integer.class)
                .addScalar("next_attempt_at", Instant.class).addScalar("created_at", Instant.class)
                .addScalar("last_status_code", Integer.class).addScalar("last_error", String.class)
                .setParameter("id", deliveryId).setParameter("webhook", webhookId).getResultList().stream()
                .findFirst().map(DeliveryRow::view);
    }

    /** Attempts for a subscription, newest first, after an attempt id when paging. */
    List<AttemptView> attempts(String webhookId, Long beforeId, int limit) {
        var query = session.createNativeQuery("select a.id, a.delivery_id, d.event_type, a.attempt, a.attempted_at,"
                + " a.status_code, a.duration_ms, a.error, a.next_attempt_at from webhook_attempt a"
                + " join webhook_delivery d on d.id = a.delivery_id and d.webhook_id = a.webhook_id"
                + " where a.webhook_id = :webhook" + (beforeId == null ? "" : " and a.id < :before")
                + " order by a.id desc", AttemptRow.class)
                .addScalar("id", Long.class).addScalar("delivery_id", String.class)
                .addScalar("event_type", String.class).addScalar("attempt", Integer.class)
                .addScalar("attempted_at", Instant.class).addScalar("status_code", Integer.class)
                .addScalar("duration_ms", Integer.class).addScalar("error", String.class)
                .addScalar("next_attempt_at", Instant.class)
                .setParameter("webhook", webhookId);
        if (beforeId != null) {
            query.setParameter("before", beforeId);
        }
        return query.setMaxResults(limit).getResultList().stream().map(AttemptRow::view).toList();
    }

    /** How many deliveries wait, and since when the oldest waits; for metrics. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Backlog backlog() {
        return session.createNativeQuery("select count(*) as waiting, min(created_at) as oldest"
                + " from webhook_delivery where status = 'PENDING'", Backlog.class)
                .addScalar("waiting", Long.class).addScalar("oldest", Instant.class).getSingleResult();
    }

    private String payload(String type, Instant timestamp, Object data) {
        try {
            return mapper.writeValueAsString(new Payload(type, timestamp, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The thin body every delivery carries: what happened, when, and where to read more. */
    record Payload(String type, Instant timestamp, Object data) {
    }

    /**
     * The data of a change event: its cursor in the feed and its subject; an update's also what it
     * changed, the members before and after (ChangeView.BEFORE).
     */
    record ChangeData(String cursor, Subject subject, @JsonRawValue String before, @JsonRawValue String after) {
    }

    // The records a query reads rows into are public: Hibernate builds them with a public constructor.

    /** A delivery claimed for sending. */
    public record Claimed(String id, String webhookId, String eventType, String payload, int attempts, Instant createdAt) {
    }

    /** A delivery as stored; the view shows when the next attempt is due only while one is. */
    public record DeliveryRow(String id, String eventType, String status, int attempts, Instant nextAttemptAt,
            Instant createdAt, Integer lastStatusCode, String lastError) {

        DeliveryView view() {
            return new DeliveryView(id, eventType, status, attempts, PENDING.equals(status) ? nextAttemptAt : null,
                    createdAt, lastStatusCode, lastError);
        }
    }

    /** An attempt as stored, with its delivery's event type. */
    public record AttemptRow(long id, String deliveryId, String eventType, int attempt, Instant attemptedAt,
            Integer statusCode, int durationMs, String error, Instant nextAttemptAt) {

        AttemptView view() {
            return new AttemptView(String.valueOf(id), deliveryId, eventType, attempt, attemptedAt, statusCode,
                    durationMs, error, nextAttemptAt);
        }
    }

    /** The deliveries waiting, and when the oldest of them was queued (null when none waits). */
    public record Backlog(long waiting, Instant oldest) {
    }

    /** What one attempt came to. */
    record Attempt(Instant startedAt, Integer statusCode, int durationMs, String error, String retryAfter) {
    }
}
