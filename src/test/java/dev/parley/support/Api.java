package dev.parley.support;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured entry points for component tests. Every response is validated against the OpenAPI
 * document the running service serves, so an undocumented status, header or member fails the test
 * (requests are not validated: tests send bad input on purpose). Requests carry the test admin key.
 */
public final class Api {

    /** The admin key the test profile registers (parley.bootstrap-admin-key). */
    public static final String ADMIN_KEY = "parley_test_admin_key_not_for_production_use";

    private static final Set<String> CONDITIONAL = Set.of("PATCH", "PUT", "DELETE");
    private static OpenApiValidationFilter contract;

    private Api() {
    }

    /**
     * JSON in and out, as an admin, behaving like a client that reads before it writes: a PATCH,
     * PUT or DELETE sent without If-Match gets the ETag of a fresh GET of the same path. Tests of
     * preconditions use {@link #bare()}.
     */
    public static RequestSpecification api() {
        return raw().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Like {@link #api()}, but the test sets body, content type and accept itself. */
    public static RequestSpecification raw() {
        return given().filter(readBeforeWrite()).filter(contract()).auth().oauth2(ADMIN_KEY);
    }

    /** Checked against the contract and authenticated as admin, but nothing added: no If-Match. */
    public static RequestSpecification bare() {
        return given().filter(contract()).auth().oauth2(ADMIN_KEY);
    }

    /** Checked against the contract, with no credentials at all. */
    public static RequestSpecification anonymous() {
        return given().filter(contract());
    }

    /** A slug no other test uses: tests make their own data and never depend on each other. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The current ETag of a path, as a GET answers it. */
    public static String etag(String path) {
        return given().auth().oauth2(ADMIN_KEY).accept(ContentType.JSON).get(path).then().extract().header("ETag");
    }

    private static Filter readBeforeWrite() {
        return (request, response, context) -> {
            if (CONDITIONAL.contains(request.getMethod()) && !request.getHeaders().hasHeaderWithName("If-Match")) {
                String etag = etag(request.getURI());
                if (etag != null) {
                    request.header("If-Match", etag);
                }
            }
            return context.next(request, response);
        };
    }

    private static synchronized OpenApiValidationFilter contract() {
        if (contract == null) {
            String url = "http://localhost:" + RestAssured.port + "/q/openapi?format=json";
            contract = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(url)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
        }
        return contract;
    }
}
