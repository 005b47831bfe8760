package dev.parley.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The web session this request came with, when a signed-in browser sent it. */
@RequestScoped
public class SignedIn {

    private WebSession session;

    void is(WebSession session) {
        this.session = session;
    }

    public Optional<WebSession> session() {
        return Optional.ofNullable(session);
    }
}
