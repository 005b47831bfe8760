package dev.parley.demand;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.common.Slugs;

/** The writable members of a demand; its status is derived and never written. */
@Schema(name = "DemandRequest", requiredProperties = { "slug", "negotiation", "proposer", "addressees", "title", "text",
        "topic", "kind", "tabled_on" })
public record DemandRequest(
        @Schema(description = "Immutable.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "nato-non-expansion") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @Schema(description = "Negotiation slug; immutable.", examples = "russia-us-nato-security-guarantees") @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String negotiation,
        @Schema(description = "Slug of the party that tables it, a participant; immutable.", examples = "russia") @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String proposer,
        @Schema(description = "Slugs of the participants it is addressed to, at least one, not the proposer. An addressee with recorded stances cannot be removed (409).", minItems = 1, maxItems = 50, examples = "[\"united-states\", \"nato\"]") @NotNull @Size(min = 1, max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> addressees,
        @Schema(maxLength = 300, examples = "No further NATO enlargement") @NotBlank @Size(max = 300) String title,
        @Schema(description = "The demand in one or two sentences.", maxLength = 4000) @NotBlank @Size(max = 4000) String text,
        @Schema(description = "Free topic slug.", pattern = Slugs.PATTERN, maxLength = Slugs.MAX, examples = "nato-enlargement") @NotNull @Size(max = Slugs.MAX) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String topic,
        @NotNull DemandKind kind,
        @Schema(examples = "2021-12-17") @NotNull LocalDate tabledOn,
        @Schema(description = "Slugs of participants who table it jointly with the proposer; each holds a proposer's position (TABLED on tabled_on). Not the proposer, not an addressee.", maxItems = 50, examples = "[\"nato\"]") @Size(max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> coProposers,
        @Schema(description = "Slugs of parties the demand is about who need not answer, participants or not (Ukraine in a demand on Ukraine's membership). They may hold positions (UNASSESSED at first), which never move the derived status.", maxItems = 50, examples = "[\"ukraine\", \"georgia\"]") @Size(max = 50) List<@NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String> concerned,
        @Schema(description = "Only for kind PACKAGE: refusing any member refuses the whole package. False when absent.", examples = "true") Boolean inseparable,
        @Schema(description = "Write-only: why the title or text changed, kept with the revision that a PATCH of either makes.", maxLength = 500, examples = "Wording of the published draft") @Size(max = 500) String changeSummary) {

    public DemandRequest {
        coProposers = coProposers == null ? List.of() : coProposers;
        concerned = concerned == null ? List.of() : concerned;
        inseparable = inseparable != null && inseparable;
    }

    /** A v1 body: no co-proposers, no concerned parties, not a package. */
    public DemandRequest(String slug, String negotiation, String proposer, List<String> addressees, String title,
            String text, String topic, DemandKind kind, LocalDate tabledOn) {
        this(slug, negotiation, proposer, addressees, title, text, topic, kind, tabledOn, null, null, null, null);
    }

    static DemandRequest of(Demand d) {
        return new DemandRequest(d.slug, d.negotiation.slug, d.proposer.slug,
                d.addressees.stream().map(p -> p.slug).toList(), d.title, d.text, d.topic, d.kind, d.tabledOn,
                d.coProposers.stream().map(p -> p.slug).toList(), d.concerned.stream().map(p -> p.slug).toList(),
                d.inseparable, null);
    }

    /** The same request without the summary, which belongs to a revision, not to the demand. */
    DemandRequest withoutSummary() {
        return new DemandRequest(slug, negotiation, proposer, addressees, title, text, topic, kind, tabledOn,
                coProposers, concerned, inseparable, null);
    }
}
