package dev.parley.security;

/** What an API key may do; each role includes the ones before it. */
public enum Role {
    /** Every GET. */
    READER,
    /** Also writes to parties, negotiations, demands, positions and sources. */
    ANALYST,
    /** Also API keys, webhooks, import and everything else. */
    ADMIN;

    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }
}
