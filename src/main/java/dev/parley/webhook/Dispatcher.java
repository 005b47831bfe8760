package dev.parley.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.parley.common.Clocks;
import dev.parley.common.NotFound;
import dev.parley.common.ParleyConfig;
import dev.parley.common.SingleFlight;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries: signed per Standard Webhooks, 15 s to answer, redirects not followed, only
 * 2xx counts. Failures come back with exponential backoff and jitter (Retry-After honoured) until
 * the give-up window closes; 410 Gone deactivates the subscription. Woken after each commit that
 * queued a delivery on this replica, and by a short poll, which finds the deliveries other replicas
 * queued and those that survived a restart.
 */
@Startup
@ApplicationScoped
class Dispatcher {

    private static final int BATCH = 32;

    private final Outbox outbox;
    private final WebhookService webhooks;
    private final ParleyConfig config;
    private final ExecutorService settling = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "webhook-settle");
        thread.setDaemon(true);
        return thread;
    });
    private final SingleFlight rounds = new SingleFlight("webhook-dispatcher", this::round);
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestEpochMillis = new AtomicLong();
    private final Clock clock;

    Dispatcher(Outbox outbox, WebhookService webhooks, ParleyConfig config, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.config = config;
        this.registry = registry;
        this.backoff = new Backoff(config.webhooks().firstRetry(), config.webhooks().longestWait(), clock);
        Gauge.builder("parley.webhook.outbox.backlog", backlog, AtomicLong::get)
                .description("Deliveries waiting to be sent (all replicas)").register(registry);
        Gauge.builder("parley.webhook.outbox.oldest.age", oldestEpochMillis,
                oldest -> oldest.get() == 0 ? 0 : (clock.millis() - oldest.get()) / 1000.0)
                .description("Age of the oldest waiting delivery").baseUnit("seconds").register(registry);
    }

    /**
     * Woken by commits that queued a delivery on this replica (changes, pings, redeliveries), once
     * they have committed; the poll finds the others' too.
     */
    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued queued) {
        rounds.wake();
    }

    /**
     * No round starts once the process is stopping: the scheduler may still fire after the database
     * has closed. A delivery claimed by a round under way is sent again after its lease, if need be.
     */
    void stop(@Observes ShutdownEvent event) {
        rounds.shutdown();
    }

    @Scheduled(every = "${parley.webhooks.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (rounds.stopped()) {
            return;
        }
        rounds.drain();
        Outbox.Backlog waiting;
        try {
            waiting = outbox.backlog();
        } catch (RuntimeException e) {
            // The database is going away with the process (shutdown); the next start counts again.
            return;
        }
        backlog.set(waiting.waiting());
        oldestEpochMillis.set(waiting.oldest() == null ? 0 : waiting.oldest().toEpochMilli());
    }

    /** Claims a batch of due deliveries and sends them; answers true when it found any. */
    private boolean round() {
        List<Outbox.Claimed> batch = outbox.claim(BATCH, config.webhooks().timeout().plusSeconds(30));
        CompletableFuture.allOf(batch.stream().map(this::send).toArray(CompletableFuture[]::new)).join();
        return !batch.isEmpty();
    }

    private CompletableFuture<Void> send(Outbox.Claimed delivery) {
        Instant started = Clocks.now(clock);
        long start = System.nanoTime();
        WebhookService.Target target;
        try {
            target = webhooks.target(delivery.webhookId());
        } catch (NotFound deleted) {
            // Deleted since the claim; its deliveries went with it.
            return CompletableFuture.completedFuture(null);
        }
        if (target.refusal() != null) {
            return CompletableFuture.runAsync(() -> settle(delivery,
                    new Outbox.Attempt(started, null, 0, "Not sent: " + target.refusal(), null)), settling);
        }
        long timestamp = started.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(config.webhooks().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Parley-Webhooks/1")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", target.signatures(delivery.id(), timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        return Client.INSTANCE.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    int duration = (int) ((System.nanoTime() - start) / 1_000_000);
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        return new Outbox.Attempt(started, null, duration, describe(cause), null);
                    }
                    return new Outbox.Attempt(started, response.statusCode(), duration,
                            response.statusCode() / 100 == 2 ? null : "The receiver answered " + response.statusCode(),
                            response.headers().firstValue("Retry-After").orElse(null));
                })
                .thenAcceptAsync(attempt -> settle(delivery, attempt), settling);
    }

    private void settle(Outbox.Claimed delivery, Outbox.Attempt attempt) {
        Integer code = attempt.statusCode();
        String outcome;
        if (code != null && code / 100 == 2) {
            outcome = "succeeded";
            outbox.record(delivery, attempt, Outbox.SUCCEEDED, null, null);
        } else if (code != null && code == 410) {
            outcome = "gone";
            outbox.record(delivery, attempt, Outbox.FAILED, null,
                    "The receiver answered 410 Gone at " + attempt.startedAt() + ".");
        } else {
            Instant next = attempt.startedAt().plus(backoff.after(delivery.attempts() + 1, attempt.retryAfter()));
            boolean givingUp = next.isAfter(delivery.createdAt().plus(config.webhooks().giveUpAfter()));
            outcome = givingUp ? "gave_up" : "retrying";
            outbox.record(delivery, attempt, givingUp ? Outbox.GAVE_UP : Outbox.PENDING, givingUp ? null : next,
                    null);
        }
        registry.counter("parley.webhook.deliveries", "outcome", outcome).increment();
    }

    private static String describe(Throwable failure) {
        String kind = failure instanceof java.net.http.HttpTimeoutException ? "Timed out"
                : failure instanceof java.net.ConnectException ? "Connection refused" : "Failed";
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        String text = kind + message;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /**
     * Built on the first delivery, not at start: building it sets up TLS and reads the trust store,
     * about 70 ms of a start with the image's options, which a service without webhooks never needs.
     */
    private static final class Client {

        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
