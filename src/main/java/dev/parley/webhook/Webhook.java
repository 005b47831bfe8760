package dev.parley.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A subscription: where to deliver which change types, and the secret that signs them. */
@Entity
public class Webhook {

    @Id
    public String id;

    @Column(nullable = false)
    public String url;

    /** Stored as {@code ,type,type,} so the outbox insert matches a type with one LIKE. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Column(nullable = false)
    public boolean active;

    public String description;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "disabled_reason")
    public String disabledReason;

    /** The scope: null members match every change. */
    public String negotiation;

    public String demand;

    public String party;

    @Column(name = "to_status")
    public String toStatus;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    List<String> eventTypeList() {
        return Arrays.stream(eventTypes.split(",")).filter(t -> !t.isEmpty()).toList();
    }

    static String encode(List<String> types) {
        return "," + String.join(",", types) + ",";
    }
}
