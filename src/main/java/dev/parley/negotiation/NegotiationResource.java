package dev.parley.negotiation;

import java.net.URI;

import jakarta.ws.rs.Consumes;
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
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/negotiations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Negotiations")
public class NegotiationResource {

    private final NegotiationService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    NegotiationResource(NegotiationService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(NegotiationChanges.NEGOTIATIONS)
    @Operation(operationId = "listNegotiations", summary = "List negotiations", description = "Ordered by slug.")
    @APIResponse(responseCode = "200", description = "A page of negotiations.")
    public Page<NegotiationView> list(
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(PageRequest.of(pageSize, pageToken, "negotiations")).map(NegotiationView::from);
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createNegotiation", summary = "Create a negotiation", description = "Every participant must be an existing party (400 otherwise); a slug already taken gives 409.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = NegotiationView.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @Idempotent
    public RestResponse<NegotiationView> create(NegotiationRequest request) {
        Negotiation negotiation = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<NegotiationView> created(URI.create("/api/v1/negotiations/" + negotiation.slug))
                .entity(NegotiationView.from(negotiation)).build();
    }

    @GET
    @Versioned(NegotiationChanges.NEGOTIATION)
    @Path("/{slug}")
    @Operation(operationId = "getNegotiation", summary = "Get a negotiation", description = "With its participants in display order; the matrix of positions is under /matrix.")
    @APIResponse(responseCode = "200", description = "The negotiation.")
    public NegotiationView get(@PathParam("slug") String slug) {
        return NegotiationView.from(service.require(slug));
    }

    @PATCH
    @Versioned(NegotiationChanges.NEGOTIATION)
    @Requires(Role.ANALYST)
    @Path("/{slug}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateNegotiation", summary = "Change a negotiation", description = "JSON merge patch (RFC 7396); the slug cannot change, and a party that proposes or is addressed by one of its demands must stay a participant (409).")
    @APIResponse(responseCode = "200", description = "The changed negotiation.")
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    public NegotiationView update(@PathParam("slug") String slug,
            @RequestBody(content = @Content(schema = @Schema(implementation = NegotiationRequest.class))) JsonNode patch) {
        return NegotiationView.from(service.update(slug,
                current -> validator.check(mergePatch.apply(current, patch, NegotiationRequest.class))));
    }
}
