package dev.parley.export;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
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

import dev.parley.bundle.Bundle;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.negotiation.NegotiationService;

/**
 * Serves the export in the format Accept names, and the JSON-LD context that exports name, so a
 * standard processor can expand them.
 */
@Path("/api/v1/export")
@Tag(name = "Bundles")
public class ExportResource {

    private final ExportService exports;
    private final NegotiationService negotiations;

    ExportResource(ExportService exports, NegotiationService negotiations) {
        this.exports = exports;
        this.negotiations = negotiations;
    }

    @GET
    @Versioned(value = Scopes.ALL, negotiated = true)
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

    @GET
    @Path("/context.jsonld")
    @Produces(ExportService.JSON_LD)
    @Operation(operationId = "getExportContext", summary = "The JSON-LD context of exports", description = "Term definitions: schema.org as the vocabulary, PROV for wasDerivedFrom, and Parley's own terms (status, role, kind, reliability, relation, effectiveOn, addressee, recordedBy) under this document's URL.")
    @APIResponse(responseCode = "200", description = "The context.", headers = @Header(name = "Cache-Control", description = "public, max-age=86400: the context changes only with a release of the service.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = ExportService.JSON_LD, schema = @Schema(type = SchemaType.OBJECT)))
    public Response context(@Context UriInfo uri) {
        Map<String, Object> context = JsonLd.context(ExportService.base(uri));
        return Response.ok(context, ExportService.JSON_LD).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .build();
    }
}
