package dev.parley.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

/**
 * The API is a published contract: openapi/openapi.yaml may only grow against the released
 * baseline openapi/released.yaml (new endpoints, new optional request members, new response
 * members). A committed baseline rather than "the document at the previous commit" because CI
 * works in a fresh clone whose history may be shallow, and because a deliberate break must be a
 * visible decision: it replaces released.yaml in the same commit and bumps {@code info.version}'s
 * major (see README, "API").
 */
class ContractCompatibilityTest {

    static final Path RELEASED = Path.of("openapi", "released.yaml");
    static final Path CURRENT = Path.of("openapi", "openapi.yaml");
    /**
     * An answer's enumeration may grow: the feed gains change types and stances gain statuses as the
     * contract grows (API.md, v1.1), and the document says clients must accept values they do not
     * know. Everything else openapi-diff calls incompatible stays a break.
     */
    static final OpenApiDiffOptions RULES = OpenApiDiffOptions.builder()
            .configProperty("incompatible.response.enum.increased", "false").build();

    @Test
    void documentOnlyGrowsAgainstTheReleasedBaseline() throws IOException {
        ChangedOpenApi diff = OpenApiCompare.fromContents(read(RELEASED), read(CURRENT), null, RULES);
        assertThat(diff.isIncompatible())
                .as("openapi/openapi.yaml breaks the released contract openapi/released.yaml; make the change "
                        + "additive, or, if the break is deliberate, copy openapi.yaml over released.yaml and bump "
                        + "info.version's major in the same commit. What breaks:%n%s", render(diff))
                .isFalse();
    }

    /** The check can fail: the baseline without one of its operations is a break it reports. */
    @Test
    void removingAnOperationIsReportedAsABreak() throws IOException {
        OpenAPI released = parse(read(RELEASED));
        OpenAPI broken = parse(read(RELEASED));
        broken.getPaths().get("/api/v1/parties/{slug}").setDelete(null);
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(released, broken);
        assertThat(diff.isIncompatible()).isTrue();
        assertThat(diff.getMissingEndpoints()).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.getPathUrl()).isEqualTo("/api/v1/parties/{slug}"));
    }

    /** ... and so is an optional request member made required. */
    @Test
    void requiringAnOptionalMemberIsReportedAsABreak() throws IOException {
        OpenAPI released = parse(read(RELEASED));
        OpenAPI broken = parse(read(RELEASED));
        broken.getComponents().getSchemas().get("PartyRequest").addRequiredItem("wikidata_id");
        assertThat(OpenApiCompare.fromSpecifications(released, broken).isIncompatible()).isTrue();
    }

    private static String read(Path path) throws IOException {
        assertThat(Files.exists(path)).as(path + " is missing").isTrue();
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static OpenAPI parse(String text) {
        return new OpenAPIV3Parser().readContents(text).getOpenAPI();
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            return "(the difference could not be rendered: " + e + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
