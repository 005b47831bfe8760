package dev.parley.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The committed openapi/openapi.yaml is the document the service serves, and it is complete. */
@QuarkusTest
class OpenApiDocumentTest {

    static final String REFRESH = "./mvnw -q package -DskipTests && cp target/openapi/openapi.yaml openapi/openapi.yaml";

    @Test
    void committedDocumentMatchesTheServedOne() throws IOException {
        String served = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        Path committed = Path.of("openapi", "openapi.yaml");
        assertThat(Files.exists(committed)).as("openapi/openapi.yaml is missing; create it with: " + REFRESH).isTrue();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8).strip())
                .as("openapi/openapi.yaml differs from what the service serves; refresh it with: " + REFRESH)
                .isEqualTo(served.strip());
    }

    @Test
    void everyOperationIsNamedTaggedAndDocumentsItsProblems() throws IOException {
        JsonNode document = new ObjectMapper().readTree(
                given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract()
                        .asString());
        List<String> missing = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!operation.hasNonNull("operationId")) {
                missing.add(where + ": operationId");
            }
            if (!operation.hasNonNull("summary")) {
                missing.add(where + ": summary");
            }
            if (!operation.hasNonNull("description")) {
                missing.add(where + ": description");
            }
            if (!operation.has("tags") || operation.get("tags").isEmpty()) {
                missing.add(where + ": tag");
            }
            JsonNode responses = operation.get("responses");
            for (String status : List.of("406", "500")) {
                if (!responses.has(status)) {
                    missing.add(where + ": " + status);
                }
            }
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    String ref = r.getValue().path("$ref").asText("");
                    boolean problem = ref.startsWith("#/components/responses/")
                            || r.getValue().path("content").has(Problem.MEDIA_TYPE);
                    if (!problem) {
                        missing.add(where + ": " + r.getKey() + " is not problem+json");
                    }
                }
            });
        }));
        assertThat(missing).isEmpty();
        for (Map.Entry<String, String> op : Map.of("/api/v1/parties", "post", "/api/v1/demands", "post").entrySet()) {
            assertThat(document.at("/paths/" + op.getKey().replace("/", "~1") + "/" + op.getValue()
                    + "/responses/201/headers/Location")).as(op + " documents Location").isNotNull();
        }
    }
}
