package dev.parley.demand;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/demands/{slug}/links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Links")
public class LinkResource {

    private final LinkService service;
    private final RequestValidator validator;

    LinkResource(LinkService service, RequestValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    /** The links of one demand, unpaged: a demand links to few others. */
    @Schema(name = "LinkList", requiredProperties = "items")
    public record LinkList(List<LinkView> items) {
    }

    @GET
    @Versioned(DemandChanges.LINKS)
    @Operation(operationId = "listLinks", summary = "List the links from a demand", description = "Every link from the demand to others, oldest first; the links pointing at it are in the demand's linked_from.")
    @APIResponse(responseCode = "200", description = "The links.")
    public LinkList list(@PathParam("slug") String slug) {
        return new LinkList(service.from(slug).stream().map(LinkView::from).toList());
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createLink", summary = "Link a demand to another", description = """
            The target must be another demand of the same negotiation (400 otherwise); PART_OF needs a \
            target of kind PACKAGE. PART_OF and SUPERSEDES links may not form a cycle (409 LINK_CYCLE), \
            checked against every link committed before, so two writers racing to close a cycle cannot \
            both succeed. The same type to the same target twice gives 409 LINK_EXISTS. A PART_OF link \
            re-derives the package's status.""")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @Idempotent
    public RestResponse<LinkView> create(@PathParam("slug") String slug, LinkRequest request) {
        DemandLink link = service.create(slug, validator.check(request));
        return RestResponse.ResponseBuilder.<LinkView> created(URI.create("/api/v1/demands/" + slug + "/links/" + link.id))
                .entity(LinkView.from(link)).build();
    }

    @GET
    @Versioned({ DemandChanges.LINK, DemandChanges.DEMAND })
    @Path("/{id}")
    @Operation(operationId = "getLink", summary = "Get a link", description = "Addressed by its server-assigned id under the demand it starts from. Its ETag, the one DELETE needs in If-Match, also moves with that demand: a link is never edited, and deleting it after the demand changed asks for a fresh read.")
    @APIResponse(responseCode = "200", description = "The link.")
    public LinkView get(@PathParam("slug") String slug, @PathParam("id") String id) {
        return LinkView.from(service.require(slug, id));
    }

    @DELETE
    @Versioned({ DemandChanges.LINK, DemandChanges.DEMAND })
    @Requires(Role.ANALYST)
    @Path("/{id}")
    @Operation(operationId = "deleteLink", summary = "Delete a link", description = "A link is never edited: delete it and make another. Deleting a PART_OF link re-derives the package's status.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public void delete(@PathParam("slug") String slug, @PathParam("id") String id) {
        service.delete(slug, id);
    }
}
