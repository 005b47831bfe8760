package dev.parley.bundle;

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

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bundles")
public class BundleResource {

    private final BundleService service;
    private final RequestValidator validator;

    BundleResource(BundleService service, RequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importBundle", summary = "Import a bundle", description = "Upserts parties, negotiations and demands by slug and sources, documents and citations by id (a held document's text never changes, and a citation's anchor in a held text is checked against it), then events by id, then appends the stances of each history that are not already recorded (same status, day and recording time), then links by id (a link is never changed; one that would close a PART_OF or SUPERSEDES cycle gives 409 LINK_CYCLE) and the revisions not already held (same demand and changed_at). One transaction: any error imports nothing. Restored stances keep their recorded_at and recorded_by and are not held to the citation rule, since they are records already made.")
    @APIResponse(responseCode = "200", description = "What was created.", content = @Content(schema = @Schema(implementation = ImportSummary.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @APIResponse(responseCode = "422", description = "A citation's quote or anchor does not fit the held text of its document (QUOTE_NOT_IN_DOCUMENT, QUOTE_AMBIGUOUS, ANCHOR_MISMATCH) or names no document (UNKNOWN_DOCUMENT); a document's text or text_sha256 differs from the one held (DOCUMENT_TEXT_IMMUTABLE) or from each other (TEXT_SHA256_MISMATCH); or the Idempotency-Key was used before with another request body. Errors point into the bundle.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @Idempotent(transactionTimeout = BundleService.IMPORT_TIMEOUT)
    public RestResponse<ImportSummary> importBundle(Bundle bundle) {
        return RestResponse.ok(service.importBundle(validator.check(bundle)));
    }
}
