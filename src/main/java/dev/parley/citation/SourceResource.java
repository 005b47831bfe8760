package dev.parley.citation;

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

@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sources")
public class SourceResource {

    private final CitationService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    SourceResource(CitationService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(CitationChanges.SOURCES)
    @Operation(operationId = "listSources", summary = "List sources", description = "Ordered by id, which follows creation time.")
    @APIResponse(responseCode = "200", description = "A page of sources.")
    public Page<SourceView> list(
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.listSources(PageRequest.of(pageSize, pageToken, "sources")).map(SourceView::from);
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSource", summary = "Create a source", description = "The server assigns the id; citations refer to the source by it (source_id).")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = SourceView.class)))
    @Idempotent
    public RestResponse<SourceView> create(SourceRequest request) {
        Source source = service.createSource(validator.check(request));
        return RestResponse.ResponseBuilder.<SourceView> created(URI.create("/api/v1/sources/" + source.id))
                .entity(SourceView.from(source)).build();
    }

    @GET
    @Versioned(CitationChanges.SOURCE)
    @Path("/{id}")
    @Operation(operationId = "getSource", summary = "Get a source", description = "Addressed by its server-assigned id.")
    @APIResponse(responseCode = "200", description = "The source.")
    public SourceView get(@PathParam("id") String id) {
        return SourceView.from(service.requireSource(id));
    }

    @PATCH
    @Versioned(CitationChanges.SOURCE)
    @Requires(Role.ANALYST)
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateSource", summary = "Change a source", description = "JSON merge patch (RFC 7396).")
    @APIResponse(responseCode = "200", description = "The changed source.")
    public SourceView update(@PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = SourceRequest.class))) JsonNode patch) {
        return SourceView.from(service.updateSource(id,
                current -> validator.check(mergePatch.apply(current, patch, SourceRequest.class))));
    }
}
