package dev.parley.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** The writable members of a webhook subscription. */
@Schema(name = "WebhookRequest", requiredProperties = { "url", "event_types" })
public record WebhookRequest(
        @Schema(description = "http(s) URL that receives deliveries. Loopback, link-local and private-range targets are refused unless the service allows them (PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS).", format = "uri", maxLength = 2000, examples = "https://hooks.example.org/parley") @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http or https URL") String url,
        @Schema(description = "Change types to deliver (see Change.type), or [\"*\"] for all.", minItems = 1, maxItems = 50, examples = "[\"position.changed\", \"demand.created\"]") @NotNull @Size(min = 1, max = 50) List<@NotBlank String> eventTypes,
        @Schema(description = "Inactive subscriptions receive nothing; absent means true on creation.") Boolean active,
        @Schema(maxLength = 500) @Size(max = 500) String description,
        @Schema(description = "Only changes of this negotiation (slug): the negotiation, its demands, their positions and derived statuses.", maxLength = Slugs.MAX, pattern = Slugs.PATTERN) @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String negotiation,
        @Schema(description = "Only changes of this demand (slug): the demand, its positions and its derived status.", maxLength = Slugs.MAX, pattern = Slugs.PATTERN) @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String demand,
        @Schema(description = "Only changes that concern this party (slug): the party, its positions, and demands it proposes or is addressed by.", maxLength = Slugs.MAX, pattern = Slugs.PATTERN) @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String party,
        @Schema(description = "Only transitions into this status: position.changed with this stance, or demand.status_changed to this derived status.", examples = "REJECTED") String toStatus) {

    static WebhookRequest of(Webhook webhook) {
        return new WebhookRequest(webhook.url, webhook.eventTypeList(), webhook.active, webhook.description,
                webhook.negotiation, webhook.demand, webhook.party, webhook.toStatus);
    }
}
