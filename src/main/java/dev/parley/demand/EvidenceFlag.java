package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A warning about the evidence behind a stance, or a demand's status, that a reader should see. */
@Schema(description = "SINGLE_SOURCE: the supporting citations trace to one document (or, without one, one source), or all came by the same chain of relays (via). COUNTERPART_CLAIM_ONLY: the stance is known only from another party's account of it. INFERRED: the stance is the analyst's inference. DATE_APPROXIMATE: the day it held from is known only to the month, or as a day it held by. CONTESTED: a CONTRADICTS citation stands against it. PARTIAL_ON_PACKAGE: on an inseparable package, a party opens or accepts some members and rejects others. Clients must accept flags added later.")
public enum EvidenceFlag {
    SINGLE_SOURCE,
    COUNTERPART_CLAIM_ONLY,
    INFERRED,
    DATE_APPROXIMATE,
    CONTESTED,
    PARTIAL_ON_PACKAGE
}
