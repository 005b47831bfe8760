package dev.parley.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured entry point for component tests: every response is validated against the OpenAPI
 * document the running service serves, so an undocumented status, header or member fails the test.
 * Requests are not validated, because tests send bad input on purpose.
 */
public final class Api {

    private static OpenApiValidationFilter filter;

    private Api() {
    }

    /** A request with JSON in and out, checked against the served contract. */
    public static RequestSpecification api() {
        return given().filter(contract()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request whose body and headers the test sets itself, still checked against the contract. */
    public static RequestSpecification raw() {
        return given().filter(contract());
    }

    /** A slug no other test uses: tests make their own data and never depend on each other. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static synchronized OpenApiValidationFilter contract() {
        if (filter == null) {
            String url = "http://localhost:" + RestAssured.port + "/q/openapi?format=json";
            filter = new OpenApiValidationFilter(OpenApiInteractionValidator.createForSpecificationUrl(url)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
        }
        return filter;
    }
}
