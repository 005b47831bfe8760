package dev.parley.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses calendar-date query parameters such as {@code as_of}. */
public final class Dates {

    private Dates() {
    }

    public static LocalDate parseParameter(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw InvalidRequest.badParameter(name, "must be a calendar date YYYY-MM-DD");
        }
    }
}
