package dev.parley.citation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a citation does for the stance it is attached to. */
@Schema(description = "What the words do for a stance: SUPPORTS, CONTRADICTS or CONTEXT. The relation belongs to the link between a stance and a citation: in a position it is that stance's, under /citations the one given when the citation was created (one citation may support one stance and be context for another).")
public enum CitationRelation {
    SUPPORTS,
    CONTRADICTS,
    CONTEXT
}
