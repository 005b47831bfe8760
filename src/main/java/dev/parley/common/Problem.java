package dev.parley.common;

import java.util.List;

/**
 * The RFC 9457 problem+json body of every 4xx and 5xx answer. Its OpenAPI schema is written out in
 * META-INF/openapi.yaml because no operation returns it as an entity.
 */
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
