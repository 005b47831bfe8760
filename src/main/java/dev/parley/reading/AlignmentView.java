package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How far each pair of participants stands the same way on the demands they share. */
@Schema(name = "Alignment", requiredProperties = { "negotiation", "as_of", "pairs" })
public record AlignmentView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(description = "The day asked for, or null for the current stances.", implementation = String.class, format = "date", nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate asOf,
        @Schema(description = "One per unordered pair of participants, in participant order.") List<Pair> pairs,
        @Schema(description = "The as_recorded instant asked for: the answer as Parley had it recorded then. Absent when not asked.", examples = "2022-02-18T12:00:00Z") Instant asRecorded) {

    @Schema(name = "AlignmentPair", requiredProperties = { "parties", "shared", "compared", "agreeing", "share" })
    public record Pair(
            @Schema(description = "The two party slugs, in participant order.", minItems = 2, maxItems = 2) List<String> parties,
            @Schema(description = "Demands on which both hold a position.", minimum = "0") int shared,
            @Schema(description = "Shared demands on which neither stance is UNKNOWN.", minimum = "0") int compared,
            @Schema(description = "Compared demands on which both stances are in the same class.", minimum = "0") int agreeing,
            @Schema(description = "agreeing / compared, or null when nothing could be compared.", nullable = true, minimum = "0", maximum = "1") @JsonInclude(JsonInclude.Include.ALWAYS) Double share) {
    }
}
