package dev.parley.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parsed {@code page_size} and {@code page_token}. Tokens are opaque, keyset based (they carry the
 * last key of the previous page, so a deep page costs what the first does) and bound to the filters
 * they were issued for.
 */
public record PageRequest(int size, String after, String filters) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** Parses raw query values; {@code filters} is any stable text naming the list's other parameters. */
    public static PageRequest of(String pageSize, String pageToken, String filters) {
        return new PageRequest(parseSize(pageSize), parseToken(pageToken, filters), filters);
    }

    /**
     * Cuts a query result fetched with {@link #fetchSize()} rows into a page, making the next token
     * from the last row's key.
     */
    public <T> Page<T> page(List<T> rows, Function<T, String> key) {
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, size);
        return new Page<>(List.copyOf(items), token(key.apply(items.get(size - 1)), filters));
    }

    /** One row more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return size + 1;
    }

    static int parseSize(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_SIZE;
        }
        int size;
        try {
            size = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw InvalidRequest.badParameter("page_size", "must be a whole number from 1 (above "
                    + MAX_SIZE + " counts as " + MAX_SIZE + ")");
        }
        if (size < 1) {
            throw InvalidRequest.badParameter("page_size", "must be at least 1");
        }
        return Math.min(size, MAX_SIZE);
    }

    static String token(String key, String filters) {
        String plain = fingerprint(filters) + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static String parseToken(String token, String filters) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidToken("is not a token this service issued");
        }
        int colon = plain.indexOf(':');
        // No key this service issues holds U+0000, and PostgreSQL refuses it as a text parameter.
        if (colon < 0 || colon == plain.length() - 1 || plain.indexOf('\0') >= 0) {
            throw invalidToken("is not a token this service issued");
        }
        if (!plain.substring(0, colon).equals(fingerprint(filters))) {
            throw invalidToken("was issued for other filters; start again without page_token");
        }
        return plain.substring(colon + 1);
    }

    private static String fingerprint(String filters) {
        return Integer.toHexString(Objects.hashCode(filters == null ? "" : filters));
    }

    private static ApiException invalidToken(String message) {
        return new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token", "page_token " + message + ".",
                List.of(new FieldError("page_token", message)));
    }
}
