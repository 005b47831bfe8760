package dev.parley.demand;

/** Whether a party asks something of others, offers something, or draws a line it will not cross. */
public enum DemandKind {
    DEMAND,
    OFFER,
    RED_LINE
}
