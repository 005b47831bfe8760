package dev.parley.web;

import jakarta.ws.rs.core.Response;

import dev.parley.common.ApiException;
import dev.parley.security.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * What a page answers when the service refuses it (an unknown slug, a bad date): the same status
 * and words as the API's problem+json, as a page a person can read and leave.
 */
final class ErrorPage {

    @CheckedTemplate(basePath = "web")
    static class Templates {
        static native TemplateInstance error(Nav nav, int status, String title, String detail);
    }

    private ErrorPage() {
    }

    static Response of(ApiException e, SignedIn signedIn) {
        return PageTags.form(e.status(), Templates.error(Nav.of(signedIn), e.status(), e.title(), e.toProblem().detail()));
    }
}
