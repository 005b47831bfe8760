package dev.parley.web;

import dev.parley.security.SignedIn;

/** What every page's header shows: who is signed in, if anyone, and their CSRF token for writes. */
record Nav(String signedInAs, String role, String csrfToken) {

    static Nav of(SignedIn signedIn) {
        return signedIn.session()
                .map(s -> new Nav(s.key.name, s.key.role.name().toLowerCase(java.util.Locale.ROOT), s.csrfToken))
                .orElse(new Nav(null, null, null));
    }

    public boolean signedIn() {
        return signedInAs != null;
    }
}
