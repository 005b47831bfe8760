package dev.parley.common;

/**
 * Names of the version scopes behind ETags. A write bumps every scope whose representation it
 * changes; a conditional GET reads the versions of the scopes its answer is made of.
 */
public final class Scopes {

    public static final String PARTIES = "parties";
    public static final String NEGOTIATIONS = "negotiations";
    public static final String DEMANDS = "demands";
    public static final String SOURCES = "sources";
    /** Citation lists: new citations, and stances that attach citations to demands and parties. */
    public static final String CITATIONS = "citations";
    /** Edits of existing citations, which every position embedding them shows. */
    public static final String CITATION_EDITS = "citation-edits";
    /** Everything: the version is the last change cursor. */
    public static final String ALL = "*";
    /** What the change feed still holds: the version is the last cursor retention removed. */
    public static final String RETAINED = "*retained";

    // Templates for @Versioned: {name} is replaced with the request's path parameter of that name.
    public static final String PARTY = "party:{slug}";
    public static final String NEGOTIATION = "negotiation:{slug}";
    public static final String MATRIX = "matrix:{slug}";
    public static final String DEMAND = "demand:{slug}";
    public static final String POSITIONS = "positions:{slug}";
    public static final String SOURCE = "source:{id}";
    public static final String CITATION = "citation:{id}";
    public static final String API_KEY = "api-key:{id}";
    public static final String API_KEYS = "api-keys";
    public static final String WEBHOOK = "webhook:{id}";
    public static final String WEBHOOKS = "webhooks";
    /** A negotiation's events. */
    public static final String EVENTS = "events:{slug}";
    public static final String EVENT = "event:{id}";
    /** A demand's outgoing links. */
    public static final String LINKS = "links:{slug}";
    public static final String LINK = "link:{id}";

    private Scopes() {
    }

    /**
     * Whether every move of the scope is recorded with a change in the log, where other replicas
     * follow it ({@link VersionCache}). API keys and webhooks move without one, and the cursor
     * scopes move with every write.
     */
    public static boolean followed(String scope) {
        return !scope.equals(ALL) && !scope.equals(RETAINED) && !scope.equals(API_KEYS) && !scope.equals(WEBHOOKS)
                && !scope.startsWith(prefix(API_KEY)) && !scope.startsWith(prefix(WEBHOOK));
    }

    private static String prefix(String template) {
        return template.substring(0, template.indexOf('{'));
    }

    public static String party(String slug) {
        return PARTY.replace("{slug}", slug);
    }

    public static String negotiation(String slug) {
        return NEGOTIATION.replace("{slug}", slug);
    }

    public static String matrix(String negotiation) {
        return MATRIX.replace("{slug}", negotiation);
    }

    public static String demand(String slug) {
        return DEMAND.replace("{slug}", slug);
    }

    /** A demand's positions, each position and each history. */
    public static String positions(String demand) {
        return POSITIONS.replace("{slug}", demand);
    }

    public static String source(String id) {
        return SOURCE.replace("{id}", id);
    }

    public static String apiKey(String id) {
        return API_KEY.replace("{id}", id);
    }

    public static String webhook(String id) {
        return WEBHOOK.replace("{id}", id);
    }

    public static String events(String negotiation) {
        return EVENTS.replace("{slug}", negotiation);
    }

    public static String event(String id) {
        return EVENT.replace("{id}", id);
    }

    public static String links(String demand) {
        return LINKS.replace("{slug}", demand);
    }

    public static String link(String id) {
        return LINK.replace("{id}", id);
    }

    public static String citation(String id) {
        return CITATION.replace("{id}", id);
    }
}
