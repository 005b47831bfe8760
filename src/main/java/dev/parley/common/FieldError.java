package dev.parley.common;

/**
 * One invalid member of a request: where (a JSON Pointer into the body, or a parameter name) and
 * why. Its OpenAPI schema is written out in META-INF/openapi.yaml.
 */
public record FieldError(String pointer, String message) {
}
