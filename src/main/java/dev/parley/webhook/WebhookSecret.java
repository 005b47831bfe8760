package dev.parley.webhook;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A signing secret, shown when a subscription is created and when its secret is rotated, never else. */
@Schema(name = "WebhookSecret", requiredProperties = { "webhook", "secret" })
public record WebhookSecret(
        WebhookView webhook,
        @Schema(description = "whsec_ and the base64 of 32 random bytes; verify webhook-signature with it (Standard Webhooks).", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "After a rotation: until then deliveries carry a signature with the previous secret too.") Instant previousSecretValidUntil) {
}
