package dev.parley.common;

import jakarta.enterprise.context.RequestScoped;

/** Who is calling in this request: the API key's name (or anonymous); every change records it. */
@RequestScoped
public class Caller {

    public static final String ANONYMOUS = "anonymous";

    private String name = ANONYMOUS;
    private String keyId;

    public String name() {
        return name;
    }

    /** The API key's id, or null for anonymous callers and for the service itself (seed). */
    public String keyId() {
        return keyId;
    }

    public void actAs(String name) {
        this.name = name;
    }

    public void authenticated(String keyId, String name) {
        this.keyId = keyId;
        this.name = name;
    }
}
