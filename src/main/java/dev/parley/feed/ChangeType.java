package dev.parley.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every kind of change the log records: the one list of change types. The feed's schema, webhook
 * subscriptions and the metrics all take their types from here; the wire name is what the log
 * stores and clients see.
 */
public enum ChangeType {

    PARTY_CREATED("party.created"),
    PARTY_UPDATED("party.updated"),
    PARTY_DELETED("party.deleted"),
    NEGOTIATION_CREATED("negotiation.created"),
    NEGOTIATION_UPDATED("negotiation.updated"),
    DEMAND_CREATED("demand.created"),
    DEMAND_UPDATED("demand.updated"),
    DEMAND_DELETED("demand.deleted"),
    /** The derived status moved; data is {"before": {"status"}, "after": the demand}. */
    DEMAND_STATUS_CHANGED("demand.status_changed"),
    POSITION_CHANGED("position.changed"),
    /** A recorded stance was corrected or retracted; data is the correcting change. */
    POSITION_CORRECTED("position.corrected"),
    SOURCE_CREATED("source.created"),
    SOURCE_UPDATED("source.updated"),
    CITATION_CREATED("citation.created"),
    CITATION_UPDATED("citation.updated"),
    DEMAND_REVISED("demand.revised"),
    LINK_CREATED("link.created"),
    LINK_DELETED("link.deleted"),
    EVENT_CREATED("event.created"),
    EVENT_UPDATED("event.updated"),
    DOCUMENT_CREATED("document.created"),
    DOCUMENT_UPDATED("document.updated");

    private final String wire;

    ChangeType(String wire) {
        this.wire = wire;
    }

    /** The name clients see, {@code <subject kind>.<what happened>}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The kind of subject a change of this type is about: the part of the wire name before the dot. */
    public String subjectKind() {
        return wire.substring(0, wire.indexOf('.'));
    }

    /** Whether this is an update of its subject ({@code *.updated}): its data is the view after it. */
    public boolean update() {
        return wire.endsWith(".updated");
    }

    /** Every wire name, in declaration order. */
    public static List<String> wires() {
        return Arrays.stream(values()).map(ChangeType::wire).toList();
    }

    public static Optional<ChangeType> ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
