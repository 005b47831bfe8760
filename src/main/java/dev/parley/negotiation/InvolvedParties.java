package dev.parley.negotiation;

import java.util.List;

import dev.parley.party.Party;

/**
 * The parties a negotiation's content involves, which must stay its participants: answered by the
 * feature that holds that content (demands), so negotiation does not depend on it.
 */
public interface InvolvedParties {

    /** Parties that propose or are addressed by something in the negotiation. */
    List<Party> involvedParties(Negotiation negotiation);
}
