package dev.parley.feed;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the change types and subject kinds from {@link ChangeType}, so that neither
 * enumeration has a second copy to forget.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class ChangeTypesDocument implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        enumerate(openAPI.getComponents().getSchemas().get("Change"), "type", ChangeType.wires());
        enumerate(openAPI.getComponents().getSchemas().get("ChangeSubject"), "kind",
                List.of(ChangeType.values()).stream().map(ChangeType::subjectKind).distinct().toList());
    }

    private static void enumerate(Schema schema, String property, List<String> values) {
        if (schema != null && schema.getProperties() != null && schema.getProperties().get(property) != null) {
            schema.getProperties().get(property).setEnumeration(new ArrayList<>(values));
        }
    }
}
