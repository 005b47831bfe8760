package dev.parley.security;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as listed: never the key itself. */
@Schema(name = "ApiKey", requiredProperties = { "id", "name", "role", "created_at" })
public record ApiKeyView(
        @Schema(examples = "key_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        String name,
        Role role,
        Instant createdAt,
        @Schema(description = "Present once the key is revoked; a revoked key authenticates nothing.") Instant revokedAt) {

    static ApiKeyView from(ApiKey key) {
        return new ApiKeyView(key.id, key.name, key.role, key.createdAt, key.revokedAt);
    }
}
