package dev.parley.citation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.parley.common.Api;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;

@Path("/api/v1/citations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Citations")
public class CitationResource {

    private final CitationService service;

    CitationResource(CitationService service) {
        this.service = service;
    }

    @GET
    @Versioned(Scopes.CITATIONS)
    @Operation(operationId = "listCitations", summary = "List citations", description = "Ordered by id. Citations are created with the stances they support (PUT a position).")
    @APIResponse(responseCode = "200", description = "A page of citations.")
    public Page<CitationView> list(
            @Parameter(description = "Only citations attached to a stance on this demand (slug).") @QueryParam("demand") String demand,
            @Parameter(description = "Only citations attached to a stance of this party (slug).") @QueryParam("party") String party,
            @Parameter(description = "Only citations from this source (id).") @QueryParam("source") String source,
            @Parameter(description = "Only citations quoting this document (id).") @QueryParam("document") String document,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        CitationFilter filter = new CitationFilter(demand, party, source, document);
        return service.listCitations(filter, PageRequest.of(pageSize, pageToken, filter.fingerprint()))
                .map(CitationView::from);
    }

    @GET
    @Versioned(CitationChanges.CITATION)
    @Path("/{id}")
    @Operation(operationId = "getCitation", summary = "Get a citation", description = "A citation is created inline with the stance it supports (PUT .../positions/{party}) and can be attached to later stances by id.")
    @APIResponse(responseCode = "200", description = "The citation.")
    public CitationView get(@PathParam("id") String id) {
        return CitationView.from(service.requireCitation(id));
    }
}
