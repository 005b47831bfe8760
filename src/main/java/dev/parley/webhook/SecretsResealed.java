package dev.parley.webhook;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What sealing every stored signing secret again did. */
@Schema(name = "SecretsResealed", requiredProperties = { "key_id", "resealed" })
public record SecretsResealed(
        @Schema(description = "The id of the current key (PARLEY_SECRETS_KEY): every stored signing secret is now sealed under it.", examples = "3b0d9c97") String keyId,
        @Schema(description = "How many subscriptions had a secret in plain text or sealed under a previous key, now sealed again.") int resealed) {
}
