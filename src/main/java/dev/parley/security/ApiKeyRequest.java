package dev.parley.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key to create: who it is for, and what it may do. */
@Schema(name = "ApiKeyRequest", requiredProperties = { "name", "role" })
public record ApiKeyRequest(
        @Schema(description = "Shown as recorded_by on every change made with the key.", maxLength = 100, pattern = "^[A-Za-z0-9][A-Za-z0-9 ._@-]*$", examples = "dashboard-eu") @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 ._@-]*$", message = "must be letters, digits, spaces and . _ @ -") String name,
        @Schema(description = "READER: every GET. ANALYST: also writes to parties, negotiations, demands, positions and sources. ADMIN: also API keys, webhooks and import.") @NotNull Role role) {
}
