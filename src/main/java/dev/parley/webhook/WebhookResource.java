package dev.parley.webhook;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.MergePatch;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@Requires(Role.ADMIN)
public class WebhookResource {

    private final WebhookService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    WebhookResource(WebhookService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(Scopes.WEBHOOKS)
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions", description = "Ordered by id; secrets are never listed.")
    @APIResponse(responseCode = "200", description = "A page of subscriptions.")
    public Page<WebhookView> list(
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(PageRequest.of(pageSize, pageToken, "webhooks")).map(WebhookView::from);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe to changes", description = "Every change of a subscribed type is queued in the transaction that makes it and delivered as {\"type\", \"timestamp\", \"data\": {\"cursor\", \"subject\"}} (an update, *.updated, adds \"before\" and \"after\": the members of the subject's view it changed, with their values before and after it), signed per Standard Webhooks (webhook-id, the same on every retry; webhook-timestamp; webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>). Only 2xx counts; redirects are not followed; the receiver has 15 s. Failures are retried with exponential backoff and jitter (first retry after about 5 s, Retry-After honoured) for about 3 days; 410 Gone deactivates the subscription. The answer is the only time the secret is shown.")
    @APIResponse(responseCode = "201", description = "Created, with the signing secret.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = WebhookSecret.class)))
    @Idempotent
    public RestResponse<WebhookSecret> create(WebhookRequest request) {
        WebhookSecret created = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<WebhookSecret> created(URI.create("/api/v1/webhooks/" + created.webhook().id()))
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Versioned(Scopes.WEBHOOK)
    @Operation(operationId = "getWebhook", summary = "Get a webhook subscription", description = "Its target, event types and whether it is active; the signing secret is shown only when the subscription is created.")
    @APIResponse(responseCode = "200", description = "The subscription, without its secret.")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.from(service.require(id));
    }

    @PATCH
    @Path("/{id}")
    @Versioned(Scopes.WEBHOOK)
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateWebhook", summary = "Change a webhook subscription", description = "JSON merge patch (RFC 7396). Setting active to true again clears disabled_reason.")
    @APIResponse(responseCode = "200", description = "The changed subscription.")
    public WebhookView update(@PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = WebhookRequest.class))) JsonNode patch) {
        return WebhookView.from(service.update(id,
                current -> validator.check(mergePatch.apply(current, patch, WebhookRequest.class))));
    }

    @DELETE
    @Path("/{id}")
    @Versioned(Scopes.WEBHOOK)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription", description = "Pending deliveries and the delivery log go with it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public void delete(@PathParam("id") String id) {
        service.delete(id);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret", description = "Answers the new secret. For the grace period (24 h by default) deliveries carry two signatures in webhook-signature, one per secret, so a receiver may switch secrets without losing a delivery.")
    @APIResponse(responseCode = "200", description = "The new secret.", content = @Content(schema = @Schema(implementation = WebhookSecret.class)))
    @Idempotent
    public RestResponse<WebhookSecret> rotate(@PathParam("id") String id) {
        return RestResponse.ok(service.rotate(id));
    }

    @POST
    @Path("/reseal-secrets")
    @Operation(operationId = "resealWebhookSecrets", summary = "Seal every signing secret under the current key", description = """
            Webhook signing secrets are stored sealed (AES-256-GCM) under PARLEY_SECRETS_KEY. This seals every \
            secret stored in plain text or under a key of PARLEY_SECRETS_PREVIOUS_KEYS again under the current key, \
            as every start of the service does, and answers once none is left under another key: the moment to \
            drop a previous key (README, "Rotating PARLEY_SECRETS_KEY"). Secrets are never shown. 409 \
            SECRET_KEY_MISSING names a subscription whose secret none of this replica's keys opens.""")
    @APIResponse(responseCode = "200", description = "Every stored secret is sealed under the current key.", content = @Content(schema = @Schema(implementation = SecretsResealed.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @Idempotent
    public RestResponse<SecretsResealed> reseal() {
        return RestResponse.ok(new SecretsResealed(service.currentKeyId(), service.reseal()));
    }

    @POST
    @Path("/{id}/ping")
    @Operation(operationId = "pingWebhook", summary = "Send a test event", description = "Queues a webhook.ping event for this subscription alone, delivered and logged like any other.")
    @APIResponse(responseCode = "202", description = "Queued.", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @Idempotent
    public RestResponse<DeliveryView> ping(@PathParam("id") String id) {
        return RestResponse.accepted(service.ping(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookAttempts", summary = "The delivery log", description = "Every attempt, newest first: the event, attempt number, status code, duration, error and when the next attempt is due.")
    @APIResponse(responseCode = "200", description = "A page of attempts.")
    public Page<AttemptView> attempts(@PathParam("id") String id,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.attempts(id, PageRequest.of(pageSize, pageToken, "attempts|" + id));
    }

    @POST
    @Path("/{id}/deliveries/{delivery}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Send a delivery again", description = "Makes the delivery due now, with the same webhook-id, whatever became of it before.")
    @APIResponse(responseCode = "202", description = "Queued.", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @Idempotent
    public RestResponse<DeliveryView> redeliver(@PathParam("id") String id, @PathParam("delivery") String delivery) {
        return RestResponse.accepted(service.redeliver(id, delivery));
    }
}
