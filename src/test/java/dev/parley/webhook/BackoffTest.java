package dev.parley.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The retry schedule with the production defaults (first retry after 5 s, doubling, waits capped at
 * 1 h), without Quarkus: exponential, jittered by ±20 %, and stretched by Retry-After.
 */
class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void firstRetryComesWithinAboutTenSeconds() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1, null)).isBetween(Duration.ofMillis(4_000), Duration.ofMillis(6_000));
        }
    }

    @Test
    void waitsDoubleWithJitterUpToTheCap() {
        for (int failures = 1; failures <= 12; failures++) {
            long nominal = Math.min(Duration.ofHours(1).toMillis(), 5_000L << (failures - 1));
            for (int i = 0; i < 50; i++) {
                long wait = backoff.after(failures, null).toMillis();
                assertThat(wait).as("after failure " + failures)
                        .isBetween((long) (nominal * 0.8), (long) (nominal * 1.2));
            }
        }
    }

    @Test
    void manyFailuresStayAtTheCapWithoutOverflow() {
        for (int failures : new int[] { 20, 30, 31, 62, 63, 64, 1_000 }) {
            assertThat(backoff.after(failures, null)).as("after failure " + failures)
                    .isBetween(Duration.ofMinutes(48), Duration.ofMinutes(72));
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            waits.add(backoff.after(3, null));
        }
        assertThat(waits).hasSizeGreaterThan(10);
    }

    @Test
    void retryAfterInSecondsStretchesTheWaitButNeverShortensIt() {
        assertThat(backoff.after(1, "120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(1, " 30 ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(1, "1")).isGreaterThanOrEqualTo(Duration.ofMillis(4_000));
        assertThat(backoff.after(1, "0")).isGreaterThanOrEqualTo(Duration.ofMillis(4_000));
        assertThat(backoff.after(1, "-5")).isGreaterThanOrEqualTo(Duration.ofMillis(4_000));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(NOW.plusSeconds(60).atZone(ZoneOffset.UTC));
        assertThat(backoff.after(1, inAMinute)).isEqualTo(Duration.ofSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(3600).atZone(ZoneOffset.UTC));
        assertThat(backoff.retryAfter(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(backoff.retryAfter(null)).isNull();
        assertThat(backoff.retryAfter("")).isNull();
        assertThat(backoff.retryAfter("soon")).isNull();
        assertThat(backoff.after(1, "soon")).isBetween(Duration.ofMillis(4_000), Duration.ofMillis(6_000));
    }

    /** ParleyConfig with the production defaults for webhooks; nothing else is read. */
}
