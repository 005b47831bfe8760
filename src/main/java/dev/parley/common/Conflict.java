package dev.parley.common;

/** 409: the request is valid but clashes with the current state (a taken slug, a party still referenced). */
public class Conflict extends ApiException {

    public Conflict(String code, String detail) {
        super(409, code, "Conflict", detail);
    }
}
