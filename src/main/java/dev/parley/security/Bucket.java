package dev.parley.security;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; one request takes one. */
final class Bucket {

    private final int capacity;
    private final double perNano;
    private double tokens;
    private long last;

    Bucket(int capacity, int perSecond) {
        this.capacity = Math.max(1, capacity);
        this.perNano = perSecond / 1e9;
        this.tokens = this.capacity;
        this.last = System.nanoTime();
    }

    synchronized Outcome take(long now) {
        refill(now);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long retryAfter = allowed ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e9);
        long reset = (long) Math.ceil((capacity - tokens) / perNano / 1e9);
        return new Outcome(allowed, capacity, (int) Math.floor(tokens), Math.max(1, retryAfter), reset);
    }

    synchronized boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }

    /** What a request learns: allowed or not, and the numbers for the RateLimit headers (seconds). */
    record Outcome(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetSeconds) {
    }
}
