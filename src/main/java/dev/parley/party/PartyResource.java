package dev.parley.party;

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
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/parties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Parties")
public class PartyResource {

    private final PartyService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    PartyResource(PartyService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(PartyChanges.PARTIES)
    @Operation(operationId = "listParties", summary = "List parties", description = "Ordered by slug.")
    @APIResponse(responseCode = "200", description = "A page of parties.")
    public Page<PartyView> list(
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.list(PageRequest.of(pageSize, pageToken, "parties")).map(PartyView::from);
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createParty", summary = "Create a party", description = "The slug is immutable once created; a slug already taken gives 409.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = PartyView.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @Idempotent
    public RestResponse<PartyView> create(PartyRequest request) {
        Party party = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<PartyView> created(URI.create("/api/v1/parties/" + party.slug))
                .entity(PartyView.from(party)).build();
    }

    @GET
    @Versioned(PartyChanges.PARTY)
    @Path("/{slug}")
    @Operation(operationId = "getParty", summary = "Get a party", description = "Addressed by its immutable slug.")
    @APIResponse(responseCode = "200", description = "The party.")
    public PartyView get(@PathParam("slug") String slug) {
        return PartyView.from(service.require(slug));
    }

    @PATCH
    @Versioned(PartyChanges.PARTY)
    @Requires(Role.ANALYST)
    @Path("/{slug}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateParty", summary = "Change a party", description = "JSON merge patch (RFC 7396) over the PartyRequest members; the slug cannot change.")
    @APIResponse(responseCode = "200", description = "The changed party.")
    public PartyView update(@PathParam("slug") String slug,
            @RequestBody(content = @Content(schema = @Schema(implementation = PartyRequest.class))) JsonNode patch) {
        return PartyView.from(service.update(slug,
                current -> validator.check(mergePatch.apply(current, patch, PartyRequest.class))));
    }

    @DELETE
    @Versioned(PartyChanges.PARTY)
    @Requires(Role.ANALYST)
    @Path("/{slug}")
    @Operation(operationId = "deleteParty", summary = "Delete a party", description = "Refused with 409 while a negotiation or demand refers to the party.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    public void delete(@PathParam("slug") String slug) {
        service.delete(slug);
    }
}
