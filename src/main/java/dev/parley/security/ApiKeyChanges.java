package dev.parley.security;

import java.util.List;

import dev.parley.etag.Scopes;

/**
 * The version scopes an API-key write moves, matching {@code @Versioned} on {@link ApiKeyResource}.
 * Keys are not in the change log: their scopes move without a change ({@link Scopes#followed}).
 */
final class ApiKeyChanges {

    private ApiKeyChanges() {
    }

    static List<String> scopes(String id) {
        return List.of(Scopes.API_KEYS, Scopes.fill(Scopes.API_KEY, id));
    }
}
