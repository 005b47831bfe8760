package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a recorded change does to a position's history. */
@Schema(description = "STANCE records what the party's stance was from effective_on. CORRECTION replaces the stance named in corrects (a wrong status, day or evidence) in every read; RETRACTION removes it from every read. Both keep the corrected stance in the history and need a reason.")
public enum ChangeKind {
    STANCE,
    CORRECTION,
    RETRACTION;

    boolean corrects() {
        return this != STANCE;
    }
}
