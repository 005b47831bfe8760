package dev.parley.demand;

/** The filters of the demand list; each is optional and they combine with AND. */
public record DemandFilter(String negotiation, String proposer, String addressee, DemandStatus status, String topic,
        String q) {

    String fingerprint() {
        return String.join("|", "demands", negotiation, proposer, addressee, String.valueOf(status), topic, q);
    }
}
