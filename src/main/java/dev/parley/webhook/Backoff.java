package dev.parley.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait after a failed delivery: {@code first} × 2^(failures-1), capped at {@code longest}, with
 * ±20 % jitter so receivers that come back are not hit by every sender at once; longer if the
 * receiver asked for it with Retry-After (seconds or an HTTP date, read against {@code clock}).
 */
record Backoff(Duration first, Duration longest, Clock clock) {

    Duration after(int failures, String retryAfter) {
        long base = first.toMillis();
        long cap = longest.toMillis();
        long wait = failures >= 31 ? cap : Math.min(cap, base << Math.max(0, failures - 1));
        wait = (long) (wait * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        Duration asked = retryAfter(retryAfter);
        return asked != null && asked.toMillis() > wait ? asked : Duration.ofMillis(wait);
    }

    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
