package dev.parley.webhook;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One attempt to deliver an event. */
@Schema(name = "WebhookAttempt", requiredProperties = { "id", "delivery_id", "event_type", "attempt", "attempted_at",
        "duration_ms" })
public record AttemptView(
        @Schema(examples = "42") String id,
        @Schema(description = "The delivery (message id) this attempt belongs to; redeliver it by this id.") String deliveryId,
        String eventType,
        @Schema(description = "1 for the first attempt of the delivery.") int attempt,
        Instant attemptedAt,
        @Schema(description = "The receiver's status; absent when no answer came (timeout, refused connection).") Integer statusCode,
        int durationMs,
        String error,
        @Schema(description = "When the next attempt is due; absent after success or giving up.") Instant nextAttemptAt) {
}
