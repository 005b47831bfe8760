package dev.parley.webhook;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as listed: never its secret. */
@Schema(name = "Webhook", requiredProperties = { "id", "url", "event_types", "active", "created_at", "updated_at" })
public record WebhookView(
        @Schema(examples = "whk_01jd3k5x2q8w9e7r6t5y4u3i2o") String id,
        @Schema(format = "uri") String url,
        List<String> eventTypes,
        boolean active,
        String description,
        @Schema(description = "Why Parley deactivated it, e.g. the receiver answered 410 Gone.") String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "The negotiation it is scoped to, if any.") String negotiation,
        @Schema(description = "The demand it is scoped to, if any.") String demand,
        @Schema(description = "The party it is scoped to, if any.") String party,
        @Schema(description = "The status transitions it is scoped to, if any.") String toStatus) {

    static WebhookView from(Webhook w) {
        return new WebhookView(w.id, w.url, w.eventTypeList(), w.active, w.description, w.disabledReason, w.createdAt,
                w.updatedAt, w.negotiation, w.demand, w.party, w.toStatus);
    }
}
