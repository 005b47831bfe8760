package dev.parley.common;

import jakarta.enterprise.context.RequestScoped;

/** Who is writing in this request; every recorded change carries the name. */
@RequestScoped
public class Caller {

    public static final String ANONYMOUS = "anonymous";

    private String name = ANONYMOUS;

    public String name() {
        return name;
    }

    public void actAs(String name) {
        this.name = name;
    }
}
