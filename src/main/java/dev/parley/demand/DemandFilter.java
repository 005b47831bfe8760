package dev.parley.demand;

import java.util.List;

/** The filters of the demand list; each is optional and they combine with AND. */
public record DemandFilter(String negotiation, String proposer, String addressee, DemandStatus status, String topic,
        String q, List<EvidenceFlag> flags) {

    public DemandFilter {
        flags = flags == null ? List.of() : flags.stream().distinct().sorted().toList();
    }

    String fingerprint() {
        return String.join("|", "demands", negotiation, proposer, addressee, String.valueOf(status), topic, q,
                flags.toString());
    }
}
