package dev.parley.export;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves the JSON-LD context that exports name, so a standard processor can expand them. */
@Path("/api/v1/export/context.jsonld")
@Tag(name = "Bundles")
public class ExportResource {

    @GET
    @Produces(ExportService.JSON_LD)
    @Operation(operationId = "getExportContext", summary = "The JSON-LD context of exports", description = "Term definitions: schema.org as the vocabulary, PROV for wasDerivedFrom, and Parley's own terms (status, role, kind, reliability, relation, effectiveOn, addressee, recordedBy) under this document's URL.")
    @APIResponse(responseCode = "200", description = "The context.", headers = @Header(name = "Cache-Control", description = "public, max-age=86400: the context changes only with a release of the service.", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = ExportService.JSON_LD, schema = @Schema(type = SchemaType.OBJECT)))
    public Response context(@Context UriInfo uri) {
        Map<String, Object> context = JsonLd.context(ExportService.base(uri));
        return Response.ok(context, ExportService.JSON_LD).header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .build();
    }
}
