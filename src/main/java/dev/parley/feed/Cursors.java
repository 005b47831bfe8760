package dev.parley.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.parley.common.ApiException;
import dev.parley.common.FieldError;

/** Change-log cursors as clients see them: opaque strings that carry a position in the log. */
final class Cursors {

    private static final String PREFIX = "c1:";

    private Cursors() {
    }

    static String encode(long cursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor a client sent, or answers 400 naming {@code parameter}. */
    static long decode(String cursor, String parameter) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(PREFIX)) {
                long value = Long.parseLong(plain.substring(PREFIX.length()));
                if (value >= 0) {
                    return value;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below; NumberFormatException is an IllegalArgumentException
        }
        throw new ApiException(400, "INVALID_CURSOR", "Invalid cursor",
                parameter + " is not a cursor this service issued.",
                List.of(new FieldError(parameter, "is not a cursor this service issued")));
    }
}
