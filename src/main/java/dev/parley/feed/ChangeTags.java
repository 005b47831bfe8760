package dev.parley.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a change is about, for scoped feeds, streams and subscriptions: its negotiation, demand
 * (for a link, the demand it starts from), the parties it concerns (a demand's every named party,
 * an event's parties) and, for a transition, the status it moved to. Read from what every
 * change already carries (its subject, its data and the version scopes it moved), so no writer has
 * to name them twice.
 */
public record ChangeTags(String negotiation, String demand, List<String> parties, String toStatus) {

    static final ChangeTags NONE = new ChangeTags(null, null, List.of(), null);

    /** The types whose {@code to_status} is set: a stance recorded, or a derived status moved. */
    static final List<String> TRANSITIONS = List.of("position.changed", "demand.status_changed");

    static ChangeTags of(String type, String subjectKind, String subjectKey, JsonNode data,
            Collection<String> scopes) {
        String negotiation = null;
        for (String scope : scopes) {
            if (scope.startsWith("matrix:")) {
                negotiation = scope.substring("matrix:".length());
                break;
            }
        }
        String demand = null;
        List<String> parties = new ArrayList<>();
        String toStatus = null;
        switch (subjectKind) {
            case "negotiation" -> negotiation = subjectKey;
            case "party" -> parties.add(subjectKey);
            case "position" -> {
                int slash = subjectKey.indexOf('/');
                demand = subjectKey.substring(0, slash);
                parties.add(subjectKey.substring(slash + 1));
                toStatus = text(data, "status");
            }
            case "demand" -> {
                demand = subjectKey;
                JsonNode view = data.has("after") ? data.get("after") : data;
                if (negotiation == null) {
                    negotiation = text(view, "negotiation");
                }
                if (view.hasNonNull("proposer")) {
                    parties.add(view.get("proposer").asText());
                }
                for (String role : List.of("co_proposers", "addressees", "concerned")) {
                    if (view.has(role)) {
                        view.get(role).forEach(a -> parties.add(a.asText()));
                    }
                }
                if (type.equals("demand.status_changed")) {
                    toStatus = text(view, "status");
                }
            }
            // A link is about the demand it starts from; its negotiation comes from the matrix it moves.
            case "link" -> demand = text(data, "demand");
            case "event" -> {
                if (negotiation == null) {
                    negotiation = text(data, "negotiation");
                }
                if (data != null && data.has("parties")) {
                    data.get("parties").forEach(p -> parties.add(p.asText()));
                }
            }
            default -> {
                // Sources and citations belong to no negotiation.
            }
        }
        return new ChangeTags(negotiation, demand, List.copyOf(parties), toStatus);
    }

    /** The parties as stored: {@code ,a,b,}, or null for none. */
    public String partiesColumn() {
        return parties.isEmpty() ? null : "," + String.join(",", parties) + ",";
    }

    static List<String> parties(String column) {
        if (column == null) {
            return List.of();
        }
        return List.of(column.substring(1).split(",")).stream().filter(p -> !p.isEmpty()).toList();
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
