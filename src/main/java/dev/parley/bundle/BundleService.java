package dev.parley.bundle;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.citation.CitationRequest;
import dev.parley.citation.CitationService;
import dev.parley.citation.SourceRequest;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.demand.Demand;
import dev.parley.demand.DemandRequest;
import dev.parley.demand.DemandService;
import dev.parley.demand.LinkRequest;
import dev.parley.demand.LinkService;
import dev.parley.demand.PositionService;
import dev.parley.document.DocumentRequest;
import dev.parley.document.DocumentService;
import dev.parley.event.EventRequest;
import dev.parley.event.EventService;
import dev.parley.negotiation.NegotiationService;
import dev.parley.party.PartyRequest;
import dev.parley.party.PartyService;

/** Writes the whole data set as a bundle and reads one back, upserting, in one transaction. */
@ApplicationScoped
public class BundleService {

    private final PartyService parties;
    private final CitationService citations;
    private final NegotiationService negotiations;
    private final DemandService demands;
    private final PositionService positions;
    private final LinkService links;
    private final EventService events;
    private final DocumentService documents;

    BundleService(PartyService parties, CitationService citations, NegotiationService negotiations,
            DemandService demands, PositionService positions, LinkService links, EventService events,
            DocumentService documents) {
        this.documents = documents;
        this.links = links;
        this.events = events;
        this.parties = parties;
        this.citations = citations;
        this.negotiations = negotiations;
        this.demands = demands;
        this.positions = positions;
    }

    /**
     * Seconds an import's transaction may take. A large bundle may take minutes, longer than the
     * default transaction timeout, whose reaper would interrupt the thread mid-write (and an
     * interrupted H2 closes its file). A timeout can only be set where the transaction starts, so
     * the callers start it: {@link BundleResource} through {@code @Idempotent}, {@link SeedLoader}.
     */
    static final int IMPORT_TIMEOUT = 900;

    /** Upserts everything the bundle holds; any error rolls the whole import back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ImportSummary importBundle(Bundle bundle) {
        int partiesCreated = 0;
        for (PartyRequest party : bundle.parties()) {
            partiesCreated += parties.upsert(party) ? 1 : 0;
        }
        int sourcesCreated = 0;
        for (Bundle.BundleSource s : bundle.sources()) {
            sourcesCreated += citations.upsertSource(s.id(),
                    new SourceRequest(s.name(), s.kind(), s.reliability(), s.reliabilityNote())) ? 1 : 0;
        }
        int documentsCreated = 0;
        for (int i = 0; i < bundle.documents().size(); i++) {
            documentsCreated += importDocument(bundle.documents().get(i), "/documents/" + i) ? 1 : 0;
        }
        int citationsCreated = 0;
        for (int i = 0; i < bundle.citations().size(); i++) {
            Bundle.BundleCitation c = bundle.citations().get(i);
            citationsCreated += citations.upsertCitation(c.id(), new CitationRequest(c.sourceId(), c.title(), c.url(),
                    c.publishedOn(), c.quote(), c.speaker(), c.kind(), c.relation(), c.documentId(), c.anchor(),
                    c.via(), c.language(), c.translated(), c.originalQuote(), c.credibility()), "/citations/" + i) ? 1
                            : 0;
        }
        int negotiationsCreated = 0;
        for (int i = 0; i < bundle.negotiations().size(); i++) {
            int index = i;
            negotiationsCreated += within("/negotiations/" + index,
                    () -> negotiations.upsert(bundle.negotiations().get(index))) ? 1 : 0;
        }
        for (int i = 0; i < bundle.events().size(); i++) {
            Bundle.BundleEvent e = bundle.events().get(i);
            String pointer = "/events/" + i;
            within(pointer, () -> this.events.upsert(e.id(), e.negotiation(), new EventRequest(e.kind(),
                    e.occurredOn(), e.occurredOnPrecision(), e.title(), e.parties(), e.documentIds(), e.note(),
                    e.citationIds()), ""));
        }
        int demandsCreated = 0;
        int stancesAdded = 0;
        // Every demand first: stances name other demands as their counter or conditions.
        for (int i = 0; i < bundle.demands().size(); i++) {
            Bundle.BundleDemand d = bundle.demands().get(i);
            String pointer = "/demands/" + i;
            Set<String> withHistory = new HashSet<>();
            d.positions().forEach(p -> withHistory.add(p.party()));
            DemandRequest request = new DemandRequest(d.slug(), d.negotiation(), d.proposer(), d.addressees(),
                    d.title(), d.text(), d.topic(), d.kind(), d.tabledOn(), d.coProposers(), d.concerned(),
                    d.inseparable(), null);
            demandsCreated += within(pointer, () -> demands.upsert(request, withHistory)) ? 1 : 0;
        }
        for (int i = 0; i < bundle.demands().size(); i++) {
            Bundle.BundleDemand d = bundle.demands().get(i);
            String pointer = "/demands/" + i;
            Demand demand = demands.require(d.slug());
            for (int j = 0; j < d.positions().size(); j++) {
                Bundle.BundlePosition p = d.positions().get(j);
                stancesAdded += positions.restore(demand, p.party(), p.history(), pointer + "/positions/" + j);
            }
        }
        for (int i = 0; i < bundle.links().size(); i++) {
            Bundle.BundleLink l = bundle.links().get(i);
            String pointer = "/links/" + i;
            within(pointer, () -> links.upsert(l.id(), l.demand(), new LinkRequest(l.type(), l.target(), l.note(),
                    l.citationIds()), ""));
        }
        for (int i = 0; i < bundle.revisions().size(); i++) {
            Bundle.BundleRevision r = bundle.revisions().get(i);
            String pointer = "/revisions/" + i;
            within(pointer, () -> demands.restoreRevision(r.demand(), r.title(), r.text(), r.changedAt(), r.changedBy(),
                    r.changeSummary()));
        }
        return new ImportSummary(partiesCreated, sourcesCreated, citationsCreated, negotiationsCreated,
                demandsCreated, stancesAdded, documentsCreated);
    }

    /** A document of the bundle, whose text_held must agree with whether it carries its text. */
    private boolean importDocument(Bundle.BundleDocument d, String pointer) {
        if (Boolean.TRUE.equals(d.textHeld()) && d.text() == null) {
            throw new InvalidRequest(pointer + "/text", "is required when text_held is true");
        }
        if (Boolean.FALSE.equals(d.textHeld()) && d.text() != null) {
            throw new InvalidRequest(pointer + "/text_held", "is false, but text is given");
        }
        return documents.upsert(d.id(), new DocumentRequest(d.title(), d.url(), d.archivedUrl(), d.sourceId(),
                d.publishedOn(), d.publishedOnPrecision(), d.retrievedAt(), d.language(), d.text(), d.textSha256()),
                pointer);
    }

    /** Re-roots the body pointers of errors raised for one bundle member. */
    private static boolean within(String pointer, BooleanSupplier step) {
        try {
            return step.getAsBoolean();
        } catch (InvalidRequest e) {
            throw new InvalidRequest(e.errors().stream()
                    .map(f -> new FieldError(pointer + ("/".equals(f.pointer()) ? "" : f.pointer()), f.message()))
                    .toList());
        }
    }
}
