package dev.parley.export;

import static dev.parley.support.Api.raw;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.github.jsonldjava.core.DocumentLoader;
import com.github.jsonldjava.core.JsonLdError;
import com.github.jsonldjava.core.JsonLdOptions;
import com.github.jsonldjava.core.JsonLdProcessor;
import com.github.jsonldjava.utils.JsonUtils;

/**
 * A negotiation's JSON-LD export as a standard processor reads it: expanded against the
 * {@code @context} this service serves, the way a deployment's own URL would be fetched.
 */
record JsonLdExport(String contextUrl, List<Object> expanded) {

    static JsonLdExport of(String negotiation) throws IOException, JsonLdError {
        String body = raw().accept("application/ld+json").queryParam("negotiation", negotiation)
                .get("/api/v1/export").then().statusCode(200).contentType("application/ld+json").extract().asString();
        Object document = JsonUtils.fromString(body);
        String contextUrl = (String) ((Map<?, ?>) document).get("@context");
        String context = raw().accept("application/ld+json").get("/api/v1/export/context.jsonld").then()
                .statusCode(200).extract().asString();
        JsonLdOptions options = new JsonLdOptions();
        DocumentLoader loader = new DocumentLoader();
        loader.addInjectedDoc(contextUrl, context);
        options.setDocumentLoader(loader);
        return new JsonLdExport(contextUrl, JsonLdProcessor.expand(document, options));
    }
}
