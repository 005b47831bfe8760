package dev.parley.demand;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Whether a party asks something of others, offers something, draws a line it will not cross, or
 * bundles demands that are linked to it as PART_OF.
 */
@Schema(description = "PACKAGE bundles the demands linked to it as PART_OF; its status follows theirs.")
public enum DemandKind {
    DEMAND,
    OFFER,
    RED_LINE,
    PACKAGE
}
