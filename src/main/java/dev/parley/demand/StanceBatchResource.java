package dev.parley.demand;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versions;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/stances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Positions")
public class StanceBatchResource {

    private final PositionService service;
    private final RequestValidator validator;
    private final Versions versions;

    StanceBatchResource(PositionService service, RequestValidator validator, Versions versions) {
        this.service = service;
        this.validator = validator;
        this.versions = versions;
    }

    @POST
    @Path("/batch")
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordStances", summary = "Record many stances at once", description = """
            For imports: records up to 500 stances in one transaction, each as PUT \
            /demands/{slug}/positions/{party} records it (the same rules, the same changes in the feed and to \
            webhooks, in the order given), and answers each resulting position in that order. All or nothing: \
            an invalid item records none of them, and the error points at it (/stances/3/status). An item \
            with if_match is refused with 412 when its position changed since that ETag.""")
    @APIResponse(responseCode = "200", description = "The positions after recording, one per item in order.", content = @Content(schema = @Schema(implementation = RecordedStances.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @APIResponse(responseCode = "412", description = "An item's if_match is not its position's current ETag (PRECONDITION_FAILED, pointing at the item); nothing was recorded.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @Idempotent
    public RestResponse<RecordedStances> record(StanceBatchRequest batch) {
        List<StanceBatchRequest.Item> items = validator.check(batch).stances();
        for (int i = 0; i < items.size(); i++) {
            StanceBatchRequest.Item item = items.get(i);
            if (item.ifMatch() != null) {
                // Checked with the batch's changes, under the cursor lock, as a PUT's own If-Match is.
                versions.expect("/stances/" + i + "/if_match",
                        "/api/v1/demands/" + item.demand() + "/positions/" + item.party(),
                        List.of(Scopes.fill(DemandChanges.POSITIONS, item.demand()), Scopes.CITATION_EDITS),
                        item.ifMatch());
            }
        }
        return RestResponse.ok(new RecordedStances(service.recordAll(items)));
    }

    /** The positions a batch left, one per item in the batch's order. */
    @Schema(name = "RecordedStances", requiredProperties = "items")
    public record RecordedStances(List<PositionView> items) {
    }
}
