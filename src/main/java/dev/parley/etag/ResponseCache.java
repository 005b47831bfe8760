package dev.parley.etag;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.parley.common.ParleyConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rendered JSON bodies of versioned GETs, keyed by their strong ETag. A tag is a hash of the path,
 * the query and the versions of every scope the answer is made of, so a body stored under a tag is
 * the answer for as long as those versions stand, on any replica; a write moves a version and the
 * next request computes another tag. Nothing is ever invalidated: entries that no request can name
 * any more age out of the least-recently-used end. The budget is counted in body bytes.
 */
@ApplicationScoped
public class ResponseCache {

    private final long maxBytes;
    private final long maxEntryBytes;
    private final Map<String, byte[]> bodies = new LinkedHashMap<>(256, 0.75f, true);
    private final Counter hits;
    private final Counter misses;
    private long bytes;

    @Inject
    ResponseCache(ParleyConfig config, MeterRegistry registry) {
        this(config.responseCache().maxBytes(), config.responseCache().maxEntryBytes(), registry);
    }

    ResponseCache(long maxBytes, long maxEntryBytes, MeterRegistry registry) {
        this.maxBytes = maxBytes;
        this.maxEntryBytes = Math.min(maxBytes, maxEntryBytes);
        Gauge.builder("parley.response.cache.size", this, ResponseCache::bytes)
                .description("Bytes of rendered bodies held on this replica").baseUnit("bytes").register(registry);
        this.hits = Counter.builder("parley.response.cache.requests").tag("result", "hit")
                .description("Versioned GETs answered 200 from a stored body, or rendered").register(registry);
        this.misses = Counter.builder("parley.response.cache.requests").tag("result", "miss")
                .description("Versioned GETs answered 200 from a stored body, or rendered").register(registry);
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    /** The body stored under {@code etag}, or null. */
    public byte[] get(String etag) {
        byte[] body;
        synchronized (this) {
            body = bodies.get(etag);
        }
        (body == null ? misses : hits).increment();
        return body;
    }

    /** Stores a body unless it alone would take more than an entry may. */
    public synchronized void put(String etag, byte[] body) {
        if (body.length > maxEntryBytes) {
            return;
        }
        byte[] previous = bodies.put(etag, body);
        bytes += body.length - (previous == null ? 0 : previous.length);
        Iterator<byte[]> oldest = bodies.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().length;
            oldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }
}
