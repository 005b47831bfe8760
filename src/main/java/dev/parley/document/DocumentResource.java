package dev.parley.document;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import dev.parley.common.Problem;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents")
public class DocumentResource {

    private final DocumentService service;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    DocumentResource(DocumentService service, RequestValidator validator, MergePatch mergePatch) {
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    @Versioned(DocumentChanges.DOCUMENTS)
    @Operation(operationId = "listDocuments", summary = "List documents", description = "Ordered by id, which follows creation time. Items never carry the text.")
    @APIResponse(responseCode = "200", description = "A page of documents.")
    public Page<DocumentView> list(
            @Parameter(description = "Only documents this source published (id).") @QueryParam("source") String source,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        String filter = source == null || source.isEmpty() ? null : source;
        return service.list(filter, PageRequest.of(pageSize, pageToken, "documents|" + filter)).map(DocumentView::from);
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDocument", summary = "Record a document", description = """
            The server assigns the id; citations refer to the document by it (document_id). With text (at most \
            1 MiB of UTF-8) Parley holds the text, computes text_sha256 and checks every citation's quote against \
            it; with text_sha256 alone it records which text a document it may not hold is (text_held false). \
            The text cannot change afterwards.""")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "422", description = "text_sha256 is not the SHA-256 of text (TEXT_SHA256_MISMATCH), or the Idempotency-Key was used before with another request body.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Idempotent
    public RestResponse<DocumentView> create(DocumentRequest request) {
        Document document = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<DocumentView> created(URI.create("/api/v1/documents/" + document.id))
                .entity(DocumentView.from(document)).build();
    }

    @GET
    @Versioned(DocumentChanges.DOCUMENT)
    @Path("/{id}")
    @Operation(operationId = "getDocument", summary = "Get a document", description = "Its metadata and its text's fingerprint; GET .../text answers the text itself.")
    @APIResponse(responseCode = "200", description = "The document.")
    public DocumentView get(@PathParam("id") String id) {
        return DocumentView.from(service.require(id));
    }

    /*
     * Negotiated: the ETag then follows Accept and the answer is never kept in the response cache,
     * which stores JSON bodies only; a text of up to 1 MiB is not worth keeping there either.
     */
    @GET
    @Versioned(value = DocumentChanges.DOCUMENT, negotiated = true)
    @Path("/{id}/text")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "getDocumentText", summary = "Get a document's text", description = "The full text as Parley holds it, in UTF-8; citation anchors count code points of it. 404 TEXT_NOT_HELD when Parley holds only the text's fingerprint.")
    @APIResponse(responseCode = "200", description = "The text.", content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, examples = "1. The Parties shall cooperate on the basis of the principles of indivisible, equal and undiminished security.")))
    public String text(@PathParam("id") String id) {
        return service.text(id);
    }

    @PATCH
    @Versioned(DocumentChanges.DOCUMENT)
    @Requires(Role.ANALYST)
    @Path("/{id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateDocument", summary = "Change a document's metadata", description = "JSON merge patch (RFC 7396) of the metadata. The text and text_sha256 never change: a patch that changes either gives 422 DOCUMENT_TEXT_IMMUTABLE.")
    @APIResponse(responseCode = "200", description = "The changed document.")
    @APIResponse(responseCode = "422", description = "The patch changes the text or its fingerprint (DOCUMENT_TEXT_IMMUTABLE).", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public DocumentView update(@PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(implementation = DocumentRequest.class))) JsonNode patch) {
        return DocumentView.from(service.update(id,
                current -> validator.check(mergePatch.apply(current, patch, DocumentRequest.class))));
    }
}
