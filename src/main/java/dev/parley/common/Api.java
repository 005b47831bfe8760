package dev.parley.common;

/** Names of the shared OpenAPI components declared in META-INF/openapi.yaml. */
public final class Api {

    public static final String PAGE_SIZE = "PageSize";
    public static final String PAGE_TOKEN = "PageToken";
    public static final String LOCATION = "Location";
    public static final String CONFLICT_RESPONSE = "Conflict";
    public static final String BASE = "/api/v1";

    private Api() {
    }
}
