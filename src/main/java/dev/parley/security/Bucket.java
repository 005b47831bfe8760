package dev.parley.security;

import java.time.Duration;
import java.time.Instant;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; one request takes one. */
final class Bucket {

    private final int capacity;
    private final double perNano;
    private double tokens;
    private Instant last;

    Bucket(int capacity, int perSecond, Instant now) {
        this.capacity = Math.max(1, capacity);
        this.perNano = perSecond / 1e9;
        this.tokens = this.capacity;
        this.last = now;
    }

    synchronized Outcome take(Instant now) {
        refill(now);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long retryAfter = allowed ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e9);
        long reset = (long) Math.ceil((capacity - tokens) / perNano / 1e9);
        return new Outcome(allowed, capacity, (int) Math.floor(tokens), Math.max(1, retryAfter), reset);
    }

    synchronized boolean full(Instant now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(Instant now) {
        // A clock set back refills nothing, and the bucket refills from the new time on.
        if (now.isAfter(last)) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() * perNano);
        }
        last = now;
    }

    /** What a request learns: allowed or not, and the numbers for the RateLimit headers (seconds). */
    record Outcome(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetSeconds) {
    }
}
