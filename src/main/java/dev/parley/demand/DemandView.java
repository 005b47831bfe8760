package dev.parley.demand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A demand as the API shows it. */
@Schema(name = "Demand", requiredProperties = { "slug", "negotiation", "proposer", "addressees", "title", "text",
        "topic", "kind", "tabled_on", "status", "created_at", "updated_at", "co_proposers", "concerned", "inseparable",
        "partial_on_package", "links", "linked_from" })
public record DemandView(
        @Schema(examples = "nato-non-expansion") String slug,
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(examples = "russia") String proposer,
        @Schema(examples = "[\"united-states\", \"nato\"]") List<String> addressees,
        String title,
        String text,
        @Schema(examples = "nato-enlargement") String topic,
        DemandKind kind,
        LocalDate tabledOn,
        @Schema(readOnly = true, description = """
                Derived from the current positions, first rule that matches: WITHDRAWN (the proposer and every \
                co-proposer withdrew it), AGREED (every addressee ACCEPTED or CODIFIED), IN_NEGOTIATION (some \
                addressee OPEN_TO_DISCUSSION, COUNTER_PROPOSED, CONDITIONALLY_ACCEPTED, ACCEPTED or CODIFIED), \
                REJECTED (some addressee REJECTED), PENDING. Concerned parties never count. A PACKAGE with \
                members (demands linked to it as PART_OF, withdrawn ones left out): WITHDRAWN as above; AGREED \
                only when every member is AGREED; when inseparable, REJECTED when an addressee rejected the \
                package or any member; IN_NEGOTIATION when an addressee engages on the package or some member is \
                IN_NEGOTIATION or AGREED; REJECTED when an addressee rejected the package; PENDING.""") DemandStatus status,
        @Schema(readOnly = true) Instant createdAt,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(description = "Slugs of the parties that table it jointly with the proposer.", examples = "[\"nato\"]") List<String> coProposers,
        @Schema(description = "Slugs of the parties it is about who need not answer.", examples = "[\"ukraine\", \"georgia\"]") List<String> concerned,
        @Schema(description = "For a PACKAGE: refusing any member refuses the whole.", examples = "false") boolean inseparable,
        @Schema(readOnly = true, description = "For an inseparable PACKAGE: slugs of the addressees that open or accept some members and reject others (PARTIAL_ON_PACKAGE).", examples = "[\"united-states\"]") List<String> partialOnPackage,
        @Schema(readOnly = true, description = "Links from this demand to others.") List<LinkView> links,
        @Schema(readOnly = true, description = "Links from other demands to this one.") List<LinkView> linkedFrom,
        @Schema(readOnly = true, description = "Only in lists asked with include=positions: each involved party's current stance, the proposer first.") List<DemandPositionView> positions,
        @Schema(readOnly = true, description = "Why the demand has its status: the rule that fired, the stances it read, and their evidence flags (PARTIAL_ON_PACKAGE too). Absent on a demand not written since the service was upgraded to v1.1, until its next write.") Explain explain) {

    public static DemandView from(Demand d) {
        return new DemandView(d.slug, d.negotiation.slug, d.proposer.slug,
                d.addressees.stream().map(p -> p.slug).toList(), d.title, d.text, d.topic, d.kind, d.tabledOn, d.status,
                d.createdAt, d.updatedAt, d.coProposers.stream().map(p -> p.slug).toList(),
                d.concerned.stream().map(p -> p.slug).toList(), d.inseparable, d.partialParties(),
                d.links.stream().map(LinkView::from).toList(), d.linkedFrom.stream().map(LinkView::from).toList(),
                null, Explanations.stored(d.explanation));
    }

    DemandView withPositions(List<DemandPositionView> embedded) {
        return new DemandView(slug, negotiation, proposer, addressees, title, text, topic, kind, tabledOn, status,
                createdAt, updatedAt, coProposers, concerned, inseparable, partialOnPackage, links, linkedFrom,
                embedded, explain);
    }
}
