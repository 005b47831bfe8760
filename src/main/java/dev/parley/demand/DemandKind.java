package dev.parley.demand;

/**
 * Whether a party asks something of others, offers something, draws a line it will not cross, or
 * bundles demands that are linked to it as PART_OF.
 */
public enum DemandKind {
    DEMAND,
    OFFER,
    RED_LINE,
    PACKAGE
}
