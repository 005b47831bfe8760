package dev.parley.common;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.MediaType;

import org.hibernate.Session;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionRunnerOptions;
import io.quarkus.scheduler.Scheduled;

/**
 * Idempotency-Key for POST, as Stripe does it. The first request with a key claims it in a
 * transaction of its own (so a concurrent duplicate sees the claim and gets 409); the operation and
 * the record of its answer then commit together, so a retry after any failure either replays that
 * answer or runs the operation for the first time, never twice. The same key with another body
 * gets 422. Keys belong to the caller and are kept 24 hours. Resource methods ask for it with
 * {@link Idempotent}.
 * <p>
 * The operation runs in a transaction of its own whether or not a key was sent, so what commits
 * with what, and when after-commit steps (the dispatcher's and the stream's wake-ups) run, does not
 * depend on a header.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final Duration KEPT = Duration.ofHours(24);
    /** A claim this old without an answer belongs to a request that died with its process. */
    static final Duration ABANDONED = Duration.ofMinutes(5);

    private final Session session;
    private final ObjectMapper mapper;
    private final Caller caller;
    private final Clock clock;

    Idempotency(Session session, ObjectMapper mapper, Caller caller, Clock clock) {
        this.clock = clock;
        this.session = session;
        this.mapper = mapper;
        this.caller = caller;
    }

    /**
     * Runs {@code operation} once per key and body, in a transaction of its own ({@code timeout}
     * seconds, or the default for 0); {@code request} is the parsed body.
     */
    RestResponse<?> run(String key, Object request, int timeout, Supplier<RestResponse<?>> operation) {
        if (key == null) {
            return transaction(timeout).call(operation::get);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw InvalidRequest.badParameter(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String owner = caller.keyId() != null ? caller.keyId() : caller.name();
        String hash = hash(request);
        RestResponse<?> replay = claim(owner, key, hash);
        if (replay != null) {
            return replay;
        }
        try {
            return transaction(timeout).call(() -> {
                RestResponse<?> response = operation.get();
                record(owner, key, response.getStatus(),
                        response.getLocation() == null ? null : response.getLocation().toString(),
                        json(response.getEntity()));
                return response;
            });
        } catch (ApiException e) {
            // The operation rolled back; its refusal is the answer retries get.
            QuarkusTransaction.requiringNew().run(() -> record(owner, key, e.status(), null, json(e.toProblem())));
            throw e;
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> release(owner, key));
            throw e;
        }
    }

    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        QuarkusTransaction.requiringNew().run(() -> session
                .createNativeQuery("delete from idempotency_key where created_at < :cutoff")
                .setParameter("cutoff", Clocks.now(clock).minus(KEPT)).executeUpdate());
    }

    /** Claims the key, or answers with what a retry gets: the first answer, 409 or 422. */
    private RestResponse<?> claim(String owner, String key, String hash) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> session.createNativeQuery(
                        "insert into idempotency_key (caller, idempotency_key, request_hash, created_at)"
                                + " values (:caller, :key, :hash, :at)")
                        .setParameter("caller", owner).setParameter("key", key).setParameter("hash", hash)
                        .setParameter("at", Clocks.now(clock)).executeUpdate());
                return null;
            } catch (PersistenceException e) {
                // Claimed before: decide from what is stored.
            }
            Claim claim = QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                    "select request_hash, status, location, body, created_at from idempotency_key"
                            + " where caller = :caller and idempotency_key = :key",
                    Claim.class)
                    .addScalar("request_hash", String.class).addScalar("status", Integer.class)
                    .addScalar("location", String.class).addScalar("body", String.class)
                    .addScalar("created_at", Instant.class)
                    .setParameter("caller", owner).setParameter("key", key).getResultList().stream().findFirst()
                    .orElse(null));
            if (claim == null) {
                continue;
            }
            Instant now = clock.instant();
            boolean expired = claim.createdAt().isBefore(now.minus(KEPT));
            boolean abandoned = claim.status() == null && claim.createdAt().isBefore(now.minus(ABANDONED));
            if (expired || abandoned) {
                QuarkusTransaction.requiringNew().run(() -> release(owner, key));
                continue;
            }
            if (!hash.equals(claim.requestHash())) {
                throw new ApiException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                        "This Idempotency-Key was used with another request body; use a new key for a new request.",
                        List.of(new FieldError(HEADER, "was used with another request body")));
            }
            if (claim.status() == null) {
                throw new Conflict("IDEMPOTENCY_IN_PROGRESS",
                        "A request with this Idempotency-Key is still running; retry when it has finished.");
            }
            int status = claim.status();
            // Parsed, not the stored text: a typed answer is written by the JSON writer, which would
            // quote a string.
            RestResponse.ResponseBuilder<Object> replay = RestResponse.ResponseBuilder.create(status)
                    .type(status < 400 ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE)
                    .entity(tree(claim.body()))
                    .header(REPLAYED, "true");
            if (claim.location() != null) {
                replay.location(URI.create(claim.location()));
            }
            return replay.build();
        }
        throw new Conflict("IDEMPOTENCY_IN_PROGRESS", "The Idempotency-Key is contended; retry.");
    }

    private void record(String owner, String key, int status, String location, String body) {
        session.createNativeQuery("update idempotency_key set status = :status, location = :location, body = :body"
                + " where caller = :caller and idempotency_key = :key")
                .setParameter("status", status).setParameter("location", location).setParameter("body", body)
                .setParameter("caller", owner).setParameter("key", key).executeUpdate();
    }

    private void release(String owner, String key) {
        session.createNativeQuery("delete from idempotency_key where caller = :caller and idempotency_key = :key")
                .setParameter("caller", owner).setParameter("key", key).executeUpdate();
    }

    private String hash(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TransactionRunnerOptions transaction(int timeout) {
        TransactionRunnerOptions transaction = QuarkusTransaction.requiringNew();
        return timeout > 0 ? transaction.timeout(timeout) : transaction;
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stored claim: the answer's status, location and body are null while its request runs. Public,
     * as Hibernate builds a query's rows with a public constructor.
     */
    public record Claim(String requestHash, Integer status, String location, String body, Instant createdAt) {
    }
}
