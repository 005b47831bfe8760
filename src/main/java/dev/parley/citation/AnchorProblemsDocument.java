package dev.parley.citation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import dev.parley.common.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the 422 of a quote checked against its document on every write whose body carries a
 * new citation (a stance's inline citations), wherever that write is declared. POSTs have a 422
 * already (a reused Idempotency-Key), which covers theirs.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class AnchorProblemsDocument implements OASFilter {

    static final String RESPONSE = "QuoteRejected";
    private static final String CITATION = "#/components/schemas/CitationRequest";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        boolean used = false;
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                if (entry.getKey() == PathItem.HttpMethod.POST || operation.getRequestBody() == null
                        || operation.getRequestBody().getContent() == null
                        || operation.getResponses().getAPIResponse("422") != null) {
                    continue;
                }
                boolean cites = operation.getRequestBody().getContent().getMediaTypes().values().stream()
                        .map(MediaType::getSchema).anyMatch(schema -> reaches(schema, schemas));
                if (cites) {
                    operation.getResponses().addAPIResponse("422",
                            OASFactory.createAPIResponse().ref("#/components/responses/" + RESPONSE));
                    used = true;
                }
            }
        }
        if (used && (openAPI.getComponents().getResponses() == null
                || !openAPI.getComponents().getResponses().containsKey(RESPONSE))) {
            openAPI.getComponents().addResponse(RESPONSE, OASFactory.createAPIResponse().description("""
                    A new citation's quote does not fit the document it names: the document does not exist \
                    (UNKNOWN_DOCUMENT), its held text does not contain the quote (QUOTE_NOT_IN_DOCUMENT), contains \
                    it at several places that the anchor does not choose among (QUOTE_AMBIGUOUS, naming the \
                    offsets), or the anchor given disagrees with the text (ANCHOR_MISMATCH). Nothing is written.""")
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
        }
    }

    /** Whether a schema refers to CitationRequest, directly or through the schemas it refers to. */
    private static boolean reaches(Schema start, Map<String, Schema> schemas) {
        Deque<Schema> open = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        if (start != null) {
            open.push(start);
        }
        while (!open.isEmpty()) {
            Schema schema = open.pop();
            String ref = schema.getRef();
            if (ref != null) {
                if (ref.equals(CITATION)) {
                    return true;
                }
                if (seen.add(ref) && schemas.get(ref.substring(ref.lastIndexOf('/') + 1)) != null) {
                    open.push(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(open::push);
            }
            if (schema.getItems() != null) {
                open.push(schema.getItems());
            }
            for (var list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (list != null) {
                    list.forEach(open::push);
                }
            }
        }
        return false;
    }
}
