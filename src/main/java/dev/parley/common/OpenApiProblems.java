package dev.parley.common;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes every operation of the generated document with the problem+json answers the shared
 * machinery can give (400, 404, 406, 415, 500), so no resource has to repeat them, and turns each
 * PATCH body into a merge-patch schema with nothing required.
 */
public class OpenApiProblems implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean addressed = path.getKey().contains("{");
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                boolean hasBody = operation.getRequestBody() != null;
                boolean hasQuery = operation.getParameters() != null && !operation.getParameters().isEmpty();
                if (hasBody || hasQuery) {
                    add(operation, "400", "BadRequest");
                }
                if (addressed) {
                    add(operation, "404", "NotFound");
                }
                add(operation, "406", "NotAcceptable");
                if (hasBody) {
                    add(operation, "415", "UnsupportedMediaType");
                }
                add(operation, "500", "InternalError");
                if (entry.getKey() == PathItem.HttpMethod.PATCH && hasBody) {
                    mergePatchBody(openAPI, operation.getRequestBody());
                }
            }
        }
    }

    private static void add(Operation operation, String status, String response) {
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        // SmallRye adds a bare "Bad Request" for validated parameters; a problem+json reference replaces it.
        if (existing == null || (existing.getRef() == null && existing.getContent() == null)) {
            operation.getResponses().addAPIResponse(status,
                    OASFactory.createAPIResponse().ref("#/components/responses/" + response));
        }
    }

    private static void mergePatchBody(OpenAPI openAPI, RequestBody body) {
        Content content = body.getContent();
        MediaType media = content.getMediaTypes().values().iterator().next();
        String ref = media.getSchema() == null ? null : media.getSchema().getRef();
        if (ref == null || !ref.endsWith("Request")) {
            return;
        }
        String requestName = ref.substring(ref.lastIndexOf('/') + 1);
        String patchName = requestName.substring(0, requestName.length() - "Request".length()) + "Patch";
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Schema request = schemas.get(requestName);
        if (request != null && !schemas.containsKey(patchName)) {
            Schema patch = OASFactory.createSchema()
                    .type(request.getType())
                    .description("JSON merge patch (RFC 7396) of " + requestName
                            + ": send only the members to change; null removes an optional member.")
                    .properties(request.getProperties())
                    .additionalPropertiesBoolean(Boolean.FALSE);
            openAPI.getComponents().addSchema(patchName, patch);
        }
        body.required(true).content(OASFactory.createContent().addMediaType(MergePatch.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + patchName))));
    }
}
