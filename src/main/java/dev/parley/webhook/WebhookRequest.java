package dev.parley.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable members of a webhook subscription. */
@Schema(name = "WebhookRequest", requiredProperties = { "url", "event_types" })
public record WebhookRequest(
        @Schema(description = "http(s) URL that receives deliveries. Loopback, link-local and private-range targets are refused unless the service allows them (PARLEY_WEBHOOKS_ALLOW_PRIVATE_TARGETS).", format = "uri", maxLength = 2000, examples = "https://hooks.example.org/parley") @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "must be an http or https URL") String url,
        @Schema(description = "Change types to deliver (see Change.type), or [\"*\"] for all.", minItems = 1, maxItems = 50, examples = "[\"position.changed\", \"demand.created\"]") @NotNull @Size(min = 1, max = 50) List<@NotBlank String> eventTypes,
        @Schema(description = "Inactive subscriptions receive nothing; absent means true on creation.") Boolean active,
        @Schema(maxLength = 500) @Size(max = 500) String description) {

    static WebhookRequest of(Webhook webhook) {
        return new WebhookRequest(webhook.url, webhook.eventTypeList(), webhook.active, webhook.description);
    }
}
