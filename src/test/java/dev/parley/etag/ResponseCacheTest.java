package dev.parley.etag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The byte budget of stored bodies: least recently used out first, oversized bodies never in. */
class ResponseCacheTest {

    private static byte[] body(int size) {
        return "x".repeat(size).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void leastRecentlyUsedBodiesLeaveWhenTheBudgetIsExceeded() {
        ResponseCache cache = new ResponseCache(300, 300, new SimpleMeterRegistry());
        cache.put("\"a\"", body(100));
        cache.put("\"b\"", body(100));
        cache.put("\"c\"", body(100));
        assertThat(cache.get("\"a\"")).as("a read makes a the most recently used").isNotNull();

        cache.put("\"d\"", body(100));

        assertThat(cache.get("\"b\"")).as("b was the least recently used").isNull();
        assertThat(cache.get("\"a\"")).isNotNull();
        assertThat(cache.get("\"c\"")).isNotNull();
        assertThat(cache.get("\"d\"")).isNotNull();
        assertThat(cache.bytes()).isEqualTo(300);
    }

    @Test
    void aBodyLargerThanAnEntryMayBeIsNotStored() {
        ResponseCache cache = new ResponseCache(1000, 100, new SimpleMeterRegistry());
        cache.put("\"small\"", body(100));
        cache.put("\"large\"", body(101));

        assertThat(cache.get("\"small\"")).hasSize(100);
        assertThat(cache.get("\"large\"")).isNull();
        assertThat(cache.bytes()).isEqualTo(100);
    }

    @Test
    void storingUnderATagAgainReplacesTheBodyAndItsBytes() {
        ResponseCache cache = new ResponseCache(1000, 1000, new SimpleMeterRegistry());
        cache.put("\"a\"", body(100));
        cache.put("\"a\"", body(40));

        assertThat(cache.get("\"a\"")).hasSize(40);
        assertThat(cache.bytes()).isEqualTo(40);
    }

    @Test
    void aZeroBudgetTurnsTheCacheOff() {
        ResponseCache cache = new ResponseCache(0, 1000, new SimpleMeterRegistry());
        cache.put("\"a\"", body(1));

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.get("\"a\"")).isNull();
    }
}
