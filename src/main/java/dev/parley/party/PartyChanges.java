package dev.parley.party;

import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change a party write records, and the version scopes it moves. The read side names the same
 * scopes in {@code @Versioned} on {@link PartyResource}: compare them here, line by line.
 */
final class PartyChanges {

    /** The party list. */
    static final String PARTIES = "parties";
    /** One party, addressed by the {@code slug} path parameter. */
    static final String PARTY = "party:{slug}";

    private PartyChanges() {
    }

    static Change created(Party party) {
        return new Change(ChangeType.PARTY_CREATED, Subject.slug("party", party.slug), PartyView.from(party),
                scopes(party.slug));
    }

    static Change updated(Party party) {
        return new Change(ChangeType.PARTY_UPDATED, Subject.slug("party", party.slug), PartyView.from(party),
                scopes(party.slug));
    }

    static Change deleted(String slug) {
        return Change.deleted(ChangeType.PARTY_DELETED, slug, scopes(slug));
    }

    private static List<String> scopes(String slug) {
        return List.of(PARTIES, Scopes.fill(PARTY, slug));
    }
}
