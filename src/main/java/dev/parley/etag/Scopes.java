package dev.parley.etag;

/**
 * Names of the version scopes behind ETags that more than one feature shares. A write bumps every
 * scope whose representation it changes; a conditional GET reads the versions of the scopes its
 * answer is made of. A feature's own scopes live in its {@code *Changes} file, beside the changes
 * that move them.
 */
public final class Scopes {

    /** Citation lists: new citations, and stances that attach citations to demands and parties. */
    public static final String CITATIONS = "citations";
    /** Edits of existing citations, which every position embedding them shows. */
    public static final String CITATION_EDITS = "citation-edits";
    /** A negotiation's matrix: its participants, its demands and their stances. */
    public static final String MATRIX = "matrix:{slug}";
    /** Everything: the version is the last change cursor. */
    public static final String ALL = "*";
    /** What the change feed still holds: the version is the last cursor retention removed. */
    public static final String RETAINED = "*retained";

    // Scopes that move without a change in the log (see followed).
    public static final String API_KEYS = "api-keys";
    public static final String API_KEY = "api-key:{id}";
    public static final String WEBHOOKS = "webhooks";
    public static final String WEBHOOK = "webhook:{id}";

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

    /**
     * The scope of one resource: {@code template} (such as {@code "party:{slug}"}, as {@code
     * @Versioned} names it) with its one path parameter replaced by {@code value}.
     */
    public static String fill(String template, String value) {
        int open = template.indexOf('{');
        return template.substring(0, open) + value + template.substring(template.indexOf('}', open) + 1);
    }
}
