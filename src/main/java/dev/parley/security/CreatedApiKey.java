package dev.parley.security;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to creating a key: the only time the key itself is shown. */
@Schema(name = "CreatedApiKey", requiredProperties = { "id", "name", "role", "created_at", "key" })
public record CreatedApiKey(
        String id,
        String name,
        Role role,
        Instant createdAt,
        @Schema(description = "Send as Authorization: Bearer <key>. Shown only here; Parley keeps only its hash.", examples = "parley_Jx9Q3m0YbqVh5rB8xk2Lw7cN1pTz4sFd6gHaE0uRiOc") String key) {
}
