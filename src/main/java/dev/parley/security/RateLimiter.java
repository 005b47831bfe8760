package dev.parley.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.ParleyConfig;
import dev.parley.common.Problem;
import dev.parley.etag.Admission;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;

/**
 * A token bucket per API key (per address for anonymous callers): {@code per-second} sustained,
 * {@code burst} at once. Every answer says where the caller stands (RateLimit-* and the older
 * X-RateLimit-* headers); past the limit the answer is 429 with Retry-After. The buckets live in
 * each replica, so with N replicas a caller may reach N times the limit.
 */
class RateLimiter {

    static final String STATE = RateLimiter.class.getName() + ".state";

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ParleyConfig config;
    private final Caller caller;
    private final Clock clock;

    RateLimiter(ParleyConfig config, Caller caller, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.caller = caller;
    }

    /** On the event loop, once the caller is known there; then the request is admitted. */
    @ServerRequestFilter(priority = Admission.LIMIT, nonBlocking = true)
    public Response limitEarly(ContainerRequestContext request, HttpServerRequest http) {
        if (!Authentication.decided(request)) {
            return null;
        }
        Response refused = take(request, http);
        if (refused == null) {
            Admission.admit(request);
        }
        return refused;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Response limit(ContainerRequestContext request, HttpServerRequest http) {
        return Admission.admitted(request) ? null : take(request, http);
    }

    private Response take(ContainerRequestContext request, HttpServerRequest http) {
        int perSecond = config.rateLimit().perSecond();
        if (perSecond <= 0) {
            return null;
        }
        String who = caller.keyId() != null ? caller.keyId() : "address:" + http.remoteAddress().hostAddress();
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(who, k -> new Bucket(config.rateLimit().burst(), perSecond, now));
        Bucket.Outcome outcome = bucket.take(now);
        request.setProperty(STATE, outcome);
        if (outcome.allowed()) {
            return null;
        }
        Response.ResponseBuilder builder = Response.status(429).type(Problem.MEDIA_TYPE)
                .entity(new ApiException(429, "RATE_LIMITED", "Too many requests",
                        "This API key is over its rate limit of " + perSecond + " requests a second; retry after "
                                + outcome.retryAfterSeconds() + " s.")
                        .toProblem())
                .header(HttpHeaders.RETRY_AFTER, outcome.retryAfterSeconds());
        headers(outcome).forEach(builder::header);
        return builder.build();
    }

    @ServerResponseFilter
    public void describe(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STATE) instanceof Bucket.Outcome outcome && response.getStatus() != 429) {
            headers(outcome).forEach(response.getHeaders()::putSingle);
        }
    }

    /** Forgets callers that have been quiet long enough to have a full bucket again. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        Instant now = clock.instant();
        buckets.values().removeIf(bucket -> bucket.full(now));
    }

    private static Map<String, Object> headers(Bucket.Outcome outcome) {
        return Map.of("RateLimit-Limit", outcome.limit(), "RateLimit-Remaining", outcome.remaining(),
                "RateLimit-Reset", outcome.resetSeconds(), "X-RateLimit-Limit", outcome.limit(),
                "X-RateLimit-Remaining", outcome.remaining(), "X-RateLimit-Reset", outcome.resetSeconds());
    }
}
