package dev.parley.bundle;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.export.ExportService;
import dev.parley.negotiation.NegotiationService;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bundles")
public class BundleResource {

    private final BundleService service;
    private final ExportService exports;
    private final NegotiationService negotiations;
    private final RequestValidator validator;

    BundleResource(BundleService service, ExportService exports, NegotiationService negotiations,
            RequestValidator validator) {
        this.exports = exports;
        this.negotiations = negotiations;
        this.service = service;
        this.validator = validator;
    }

    @GET
    @Versioned(value = Scopes.ALL, negotiated = true)
    @Path("/export")
    @Produces({ MediaType.APPLICATION_JSON, ExportService.ZIP, ExportService.JSON_LD })
    @Operation(operationId = "exportBundle", summary = "Export everything, or one negotiation", description = """
            Parties, sources, documents (with the texts Parley holds), citations, negotiations and demands with \
            every position's whole history, the events of the negotiations, the links between demands and the \
            earlier wordings of demands, in the format Accept names: application/json (the default) is the \
            bundle import reads; application/zip holds RFC 4180 CSV files (UTF-8, a header row, CRLF line ends; \
            lists inside a field joined by ;): parties.csv, negotiations.csv, sources.csv, documents.csv (without \
            the texts, which /documents/{id}/text serves), citations.csv, demands.csv, position_changes.csv, \
            events.csv, links.csv and revisions.csv; application/ld+json is JSON-LD with the @context served at \
            /api/v1/export/context.jsonld (schema.org Claim for a demand and for each stance, Quotation for a \
            citation, isBasedOn the CreativeWork it quotes, a document a CreativeWork that its citations are \
            isPartOf and PROV wasDerivedFrom, with a W3C Web Annotation selector for the anchor, PROV \
            wasDerivedFrom from a stance to its citations). With negotiation, only that negotiation: its \
            participants, its demands and their stances, the citations those cite, the documents those quote or \
            its events name, and their sources. Every format is written as it is read, so memory does not grow \
            with the data set. Each format has its own ETag (the answer varies by Accept).""")
    @APIResponse(responseCode = "200", description = "The export.", headers = @Header(name = "Content-Disposition", description = "attachment, with a file name, for the zip.", schema = @Schema(type = SchemaType.STRING)), content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Bundle.class)),
            @Content(mediaType = ExportService.ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = ExportService.JSON_LD, schema = @Schema(type = SchemaType.OBJECT, description = "A JSON-LD document: @context and @graph.")) })
    @APIResponse(responseCode = "404", description = "No negotiation with that slug.", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response export(
            @Parameter(description = "Negotiation slug: export only what it shows.") @QueryParam("negotiation") String negotiation,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        String scope = negotiation == null || negotiation.isEmpty() ? null : negotiations.require(negotiation).slug;
        ExportService.Format format = format(headers.getAcceptableMediaTypes());
        String base = ExportService.base(uri);
        StreamingOutput body = out -> exports.write(format, scope, base, out);
        return switch (format) {
            case JSON -> Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
            case JSON_LD -> Response.ok(body, ExportService.JSON_LD).build();
            case CSV_ZIP -> Response.ok(body, ExportService.ZIP).header("Content-Disposition",
                    "attachment; filename=\"parley-" + (scope == null ? "export" : scope) + ".zip\"").build();
        };
    }

    /** The first format the caller accepts, in its order of preference; JSON for a wildcard. */
    private static ExportService.Format format(List<MediaType> accepted) {
        for (MediaType type : accepted) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return ExportService.Format.JSON;
            }
            if (type.isCompatible(MediaType.valueOf(ExportService.ZIP))) {
                return ExportService.Format.CSV_ZIP;
            }
            if (type.isCompatible(MediaType.valueOf(ExportService.JSON_LD))) {
                return ExportService.Format.JSON_LD;
            }
        }
        return ExportService.Format.JSON;
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
