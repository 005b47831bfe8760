package dev.parley.negotiation;

import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change a negotiation write records, and the version scopes it moves. The read side names
 * the same scopes in {@code @Versioned} on {@link NegotiationResource}; the matrix
 * ({@link Scopes#MATRIX}) also moves with the demands and stances shown in it.
 */
final class NegotiationChanges {

    /** The negotiation list. */
    static final String NEGOTIATIONS = "negotiations";
    /** One negotiation, addressed by the {@code slug} path parameter. */
    static final String NEGOTIATION = "negotiation:{slug}";

    private NegotiationChanges() {
    }

    static Change created(Negotiation negotiation) {
        return new Change(ChangeType.NEGOTIATION_CREATED, Subject.slug("negotiation", negotiation.slug),
                NegotiationView.from(negotiation), scopes(negotiation.slug));
    }

    static Change updated(Negotiation negotiation) {
        return new Change(ChangeType.NEGOTIATION_UPDATED, Subject.slug("negotiation", negotiation.slug),
                NegotiationView.from(negotiation), scopes(negotiation.slug));
    }

    /** Its participants are the matrix's columns. */
    private static List<String> scopes(String slug) {
        return List.of(NEGOTIATIONS, Scopes.fill(NEGOTIATION, slug), Scopes.fill(Scopes.MATRIX, slug));
    }
}
