package dev.parley.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.Slugs;

/**
 * A scope on the change feed and stream: changes of one negotiation, demand or party, of some types,
 * or transitions into one status. Every member given must match; none given matches every change.
 */
public record ChangeFilter(String negotiation, String demand, String party, List<String> types, String toStatus) {

    public static final ChangeFilter ALL = new ChangeFilter(null, null, null, List.of(), null);

    /** Statuses a transition can move to: stances and derived demand statuses. */
    public static final Set<String> STATUSES = Set.of("UNASSESSED", "TABLED", "NO_RESPONSE", "REJECTED",
            "OPEN_TO_DISCUSSION", "COUNTER_PROPOSED", "CONDITIONALLY_ACCEPTED", "ACCEPTED", "CODIFIED", "WITHDRAWN",
            "AGREED", "IN_NEGOTIATION", "PENDING");

    /** Parses query parameters; empty values count as absent. */
    public static ChangeFilter of(String negotiation, String demand, String party, List<String> types,
            String toStatus) {
        List<FieldError> errors = new ArrayList<>();
        String n = slug("negotiation", negotiation, errors);
        String d = slug("demand", demand, errors);
        String p = slug("party", party, errors);
        List<String> kinds = new ArrayList<>();
        if (types != null) {
            for (String type : types) {
                if (type == null || type.isEmpty()) {
                    continue;
                }
                if (ChangeType.ofWire(type).isEmpty()) {
                    errors.add(new FieldError("type", "is not a change type: " + ChangeType.wires()));
                } else if (!kinds.contains(type)) {
                    kinds.add(type);
                }
            }
        }
        String status = toStatus == null || toStatus.isEmpty() ? null : toStatus;
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("to_status", "must be a position status or a demand status"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new ChangeFilter(n, d, p, List.copyOf(kinds), status);
    }

    public boolean all() {
        return negotiation == null && demand == null && party == null && types.isEmpty() && toStatus == null;
    }

    /** Whether a change with these type and tags is in scope. */
    boolean matches(String type, ChangeTags tags) {
        return (negotiation == null || negotiation.equals(tags.negotiation()))
                && (demand == null || demand.equals(tags.demand()))
                && (party == null || tags.parties().contains(party))
                && (types.isEmpty() || types.contains(type))
                && (toStatus == null || toStatus.equals(tags.toStatus()));
    }

    private static String slug(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > Slugs.MAX || !value.matches(Slugs.PATTERN)) {
            errors.add(new FieldError(name, "must be a slug"));
            return null;
        }
        return value;
    }
}
