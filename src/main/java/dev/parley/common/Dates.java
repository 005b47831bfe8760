package dev.parley.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Calendar days and instants as the service takes them: within the years 0001 to 9999, what
 * YYYY-MM-DD can write and what both databases store (PostgreSQL fails on a day past its range as
 * a query parameter or a value, which was a 500). Parses calendar-date query parameters such as
 * {@code as_of}.
 */
public final class Dates {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Dates() {
    }

    public static boolean supported(LocalDate day) {
        return day.getYear() >= 1 && day.getYear() <= 9999;
    }

    public static boolean supported(Instant instant) {
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }

    public static LocalDate parseParameter(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            day = null;
        }
        if (day == null || !supported(day)) {
            throw InvalidRequest.badParameter(name, "must be a calendar date YYYY-MM-DD");
        }
        return day;
    }

    /** An RFC 3339 instant parameter such as {@code as_recorded}, with an offset; null when absent. */
    public static Instant parseInstantParameter(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            instant = null;
        }
        if (instant == null || !supported(instant)) {
            throw InvalidRequest.badParameter(name, "must be an RFC 3339 instant such as 2022-02-18T12:00:00Z");
        }
        return instant;
    }
}
