package dev.parley.webhook;

import java.util.List;

import dev.parley.etag.Scopes;

/**
 * The version scopes a webhook write moves, matching {@code @Versioned} on {@link WebhookResource}.
 * Subscriptions are not in the change log: their scopes move without a change ({@link
 * Scopes#followed}).
 */
final class WebhookChanges {

    private WebhookChanges() {
    }

    static List<String> scopes(String id) {
        return List.of(Scopes.WEBHOOKS, Scopes.fill(Scopes.WEBHOOK, id));
    }
}
