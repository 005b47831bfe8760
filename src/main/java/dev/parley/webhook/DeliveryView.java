package dev.parley.webhook;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to one subscription, over all its attempts. */
@Schema(name = "WebhookDelivery", requiredProperties = { "id", "event_type", "status", "attempts", "created_at" })
public record DeliveryView(
        @Schema(description = "The message id, sent as webhook-id on every attempt.", examples = "msg_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        @Schema(examples = "position.changed") String eventType,
        @Schema(enumeration = {
                "PENDING", "SUCCEEDED", "FAILED",
                "GAVE_UP" }, description = "FAILED: the receiver answered 410 Gone and the subscription was deactivated. GAVE_UP: still failing when the retry window closed.") String status,
        int attempts,
        @Schema(description = "When the next attempt is due, while PENDING.") Instant nextAttemptAt,
        Instant createdAt,
        Integer lastStatusCode,
        String lastError){
}
