package dev.parley.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.ParleyConfig;
import dev.parley.common.SingleFlight;
import dev.parley.etag.VersionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Fans the change log out to SSE subscribers. Subscribers are only sinks and cursors: none holds a
 * thread or a connection while idle. One delivery loop at a time reads the log from the database,
 * woken after a local commit or by a short poll, so changes written by any replica reach every
 * replica's subscribers in cursor order, each exactly once.
 */
@ApplicationScoped
public class ChangeStream {

    private static final int BATCH = 500;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ChangeFeed feed;
    private final VersionStore versions;
    private final ObjectMapper mapper;
    private final ParleyConfig config;
    private final SingleFlight delivery = new SingleFlight("change-stream", this::deliverOnce);
    /** One wake-up per transaction ({@link ChangesWritten#onCommit} keeps an action once). */
    private final Runnable wakeUp = this::wake;

    ChangeStream(ChangeFeed feed, VersionStore versions, ObjectMapper mapper, ParleyConfig config) {
        this.feed = feed;
        this.versions = versions;
        this.mapper = mapper;
        this.config = config;
    }

    /** Starts streaming to {@code sink} every change after {@code cursor}. */
    public void subscribe(SseEventSink sink, Sse sse, long cursor) {
        subscribe(sink, sse, cursor, ChangeFilter.ALL);
    }

    /** The same, sending only the changes in scope; the cursor still moves past the others. */
    public void subscribe(SseEventSink sink, Sse sse, long cursor, ChangeFilter filter) {
        Subscriber subscriber = new Subscriber(sink, sse, cursor, filter);
        sink.send(sse.newEventBuilder().comment("parley change stream")
                .reconnectDelay(config.feed().reconnectDelay().toMillis()).build());
        subscribers.add(subscriber);
        wake();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** In the commit step of a transaction that wrote changes: streams wake once it has committed. */
    void written(@Observes ChangesWritten written) {
        if (!written.changes().isEmpty()) {
            written.onCommit(wakeUp);
        }
    }

    /**
     * Streams end as soon as the process is asked to stop (SIGTERM), so that they do not hold up the
     * draining of in-flight requests; clients reconnect to another replica with Last-Event-ID.
     * Quarkus fires ShutdownEvent only after that draining, hence a JVM hook of our own.
     */
    void onStart(@Observes StartupEvent event) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "change-stream-close"));
    }

    void closeAll() {
        delivery.shutdown();
        for (Subscriber subscriber : subscribers) {
            subscriber.sink.close();
        }
        subscribers.clear();
    }

    @Scheduled(every = "${parley.feed.stream-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!subscribers.isEmpty()) {
            delivery.drain();
        }
    }

    @Scheduled(every = "${parley.feed.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.sink.isClosed()) {
                subscribers.remove(subscriber);
            } else {
                subscriber.send(subscriber.sse.newEventBuilder().comment("keep-alive").build());
            }
        }
    }

    private void wake() {
        if (!subscribers.isEmpty()) {
            delivery.wake();
        }
    }

    /** Sends each subscriber the next batch after its cursor; answers true when more is waiting. */
    private boolean deliverOnce() {
        subscribers.removeIf(s -> s.sink.isClosed());
        if (subscribers.isEmpty()) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            long last = versions.lastCursor();
            long pruned = feed.prunedThrough();
            Map<Long, List<Subscriber>> behind = new HashMap<>();
            for (Subscriber subscriber : subscribers) {
                if (subscriber.cursor < pruned) {
                    subscriber.reset();
                    subscribers.remove(subscriber);
                } else if (subscriber.cursor < last) {
                    behind.computeIfAbsent(subscriber.cursor, c -> new ArrayList<>()).add(subscriber);
                }
            }
            boolean more = false;
            for (Map.Entry<Long, List<Subscriber>> group : behind.entrySet()) {
                List<ChangeRepository.LoggedChange> batch = feed.logged(group.getKey(), BATCH);
                more |= batch.size() == BATCH;
                for (Subscriber subscriber : group.getValue()) {
                    for (ChangeRepository.LoggedChange logged : batch) {
                        ChangeView change = logged.view();
                        if (subscriber.filter.matches(change.type(), logged.tags())) {
                            subscriber.send(subscriber.sse.newEventBuilder()
                                    .id(change.cursor()).name(change.type()).data(json(change)).build());
                        }
                    }
                    if (!batch.isEmpty()) {
                        subscriber.cursor = feed.decode(batch.get(batch.size() - 1).view().cursor(), "cursor");
                    }
                }
            }
            return more;
        });
    }

    private String json(ChangeView change) {
        try {
            return mapper.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Subscriber {
        final SseEventSink sink;
        final Sse sse;
        final ChangeFilter filter;
        volatile long cursor;

        Subscriber(SseEventSink sink, Sse sse, long cursor, ChangeFilter filter) {
            this.sink = sink;
            this.sse = sse;
            this.cursor = cursor;
            this.filter = filter;
        }

        void send(OutboundSseEvent event) {
            try {
                sink.send(event).exceptionally(failure -> {
                    subscribers.remove(this);
                    return null;
                });
            } catch (IllegalStateException closed) {
                // Hung up since the last isClosed check: the sink throws rather than fails the stage.
                // Dropping the subscriber here keeps one client from aborting the round for all.
                subscribers.remove(this);
            }
        }

        void reset() {
            sink.send(sse.newEventBuilder().name("reset")
                    .data("{\"code\":\"CURSOR_EXPIRED\",\"detail\":\"Changes after this cursor are past the retention window; list the resources again and reconnect without Last-Event-ID.\"}")
                    .build())
                    .whenComplete((ok, failure) -> sink.close());
        }
    }
}
