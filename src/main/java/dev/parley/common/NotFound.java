package dev.parley.common;

/** 404: the addressed resource does not exist. */
public class NotFound extends ApiException {

    public NotFound(String kind, String key) {
        super(404, "NOT_FOUND", "Not found", "No " + kind + " '" + key + "'.");
    }
}
