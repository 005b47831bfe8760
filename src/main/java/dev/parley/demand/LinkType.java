package dev.parley.demand;

/** How one demand relates to another; PART_OF and SUPERSEDES may never form a cycle. */
public enum LinkType {
    PART_OF(true),
    COUNTER_TO(false),
    ALTERNATIVE_TO(false),
    SUPERSEDES(true),
    RESTATES(false),
    REFINES(false),
    CONDITIONAL_ON(false);

    private final boolean acyclic;

    LinkType(boolean acyclic) {
        this.acyclic = acyclic;
    }

    /** A package cannot contain itself, and a wording cannot come after itself. */
    public boolean acyclic() {
        return acyclic;
    }
}
