package dev.parley.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

import dev.parley.citation.CitationKind;
import dev.parley.citation.CitationRelation;
import dev.parley.citation.Reliability;
import dev.parley.citation.SourceKind;
import dev.parley.citation.TextAnchor;
import dev.parley.demand.ChangeKind;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.DemandKind;
import dev.parley.demand.DemandStatus;
import dev.parley.demand.LinkType;
import dev.parley.demand.PositionRole;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.StanceBasis;
import dev.parley.document.PublishedPrecision;
import dev.parley.event.DatePrecision;
import dev.parley.event.EventKind;
import dev.parley.party.PartyKind;

/**
 * Every query the exports run: typed rows read in keyset batches, so an export never holds the data
 * set; with a negotiation, only what that negotiation shows (its participants and the parties its
 * demands concern, its demands and their stances, its events, the links within it, its demands'
 * earlier wordings, the citations those cite, the documents those quote or its events name, and the
 * sources of those citations and documents).
 */
@ApplicationScoped
class ExportRepository {

    record PartyRow(String slug, String name, PartyKind kind, String wikidataId) {
    }

    record NegotiationRow(Long id, String slug, String title, String summary, LocalDate startedOn,
            LocalDate endedOn) {
    }

    record Member(Long owner, String party) {
    }

    record SourceRow(String id, String name, SourceKind kind, Reliability reliability, String reliabilityNote) {
    }

    record CitationRow(String id, String sourceId, String title, String url, LocalDate publishedOn, String quote,
            String speaker, CitationKind kind, CitationRelation relation, String documentId, String anchorExact,
            String anchorPrefix, String anchorSuffix, Integer anchorStart, Integer anchorEnd, List<String> via,
            String language, Boolean translated, String originalQuote, Integer credibility) {

        /** The stored anchor, or null without a document. */
        TextAnchor anchor() {
            return documentId == null ? null
                    : new TextAnchor(anchorExact, anchorPrefix, anchorSuffix, anchorStart, anchorEnd);
        }
    }

    /** A document's metadata; its text is read one document at a time ({@link #text}). */
    record DocumentRow(String id, String title, String url, String archivedUrl, String sourceId,
            LocalDate publishedOn, PublishedPrecision publishedOnPrecision, Instant retrievedAt, String language,
            boolean textHeld, String textSha256, Integer textLength) {
    }

    record DemandRow(Long id, String slug, String negotiation, String proposer, String title, String text,
            String topic, DemandKind kind, LocalDate tabledOn, DemandStatus status, boolean inseparable) {
    }

    record ChangeRow(Long id, Long demandId, String demand, String party, PositionRole role, PositionStatus status,
            LocalDate effectiveOn, String note, Instant recordedAt, String recordedBy, String counter,
            String eventId, StanceBasis basis, DayPrecision precision, ChangeKind kind, Long corrects, String reason) {
    }

    /** A demand a stance names as a condition. */
    record Condition(Long change, String demand) {
    }

    record EventRow(String id, String negotiation, EventKind kind, LocalDate occurredOn,
            DatePrecision occurredOnPrecision, String title, String note) {
    }

    record LinkRow(String id, String demand, LinkType type, String target, String note) {
    }

    record RevisionRow(Long id, String demand, String title, String text, Instant changedAt, String changedBy,
            String changeSummary) {
    }

    /** One value of a list an event or a link holds, by its id. */
    record Item(String owner, String value) {
    }

    /** A citation a stance uses, with the relation of that link and the one the citation was created with. */
    record Cited(Long change, String citation, CitationRelation relation, CitationRelation own) {
    }

    private static final String IN_NEGOTIATION = " (select pp from Negotiation nn join nn.participants pp"
            + " where nn.slug = :n)";
    /** Concerned parties need not take part in the talks; the scoped bundle still names them. */
    private static final String CONCERNED_IN = " (select cc from Demand dd join dd.concerned cc"
            + " where dd.negotiation.slug = :n)";
    private static final String CITED_IN = "(exists (select 1 from PositionChange pc join pc.cited y join y.citation x"
            + " where x.id = c.id and pc.position.demand.negotiation.slug = :n)"
            + " or exists (select 1 from NegotiationEvent e join e.citations x"
            + " where x.id = c.id and e.negotiation.slug = :n)"
            + " or exists (select 1 from DemandLink l join l.citations x"
            + " where x.id = c.id and l.demand.negotiation.slug = :n and l.target.negotiation.slug = :n))";

    /** Documents the negotiation's citations quote, or its events name. */
    private static final String DOCUMENT_IN = "(exists (select 1 from Citation c where c.documentId = d.id and "
            + CITED_IN + ") or exists (select 1 from NegotiationEvent ev join ev.documentIds x"
            + " where x = d.id and ev.negotiation.slug = :n))";

    private final Session session;

    ExportRepository(Session session) {
        this.session = session;
    }

    List<PartyRow> parties(String negotiation, String after, int limit) {
        return page("select new " + name(PartyRow.class) + "(p.slug, p.name, p.kind, p.wikidataId) from Party p"
                + " where p.slug > :after" + (negotiation == null ? ""
                        : " and (p in" + IN_NEGOTIATION + " or p in" + CONCERNED_IN + ")")
                + " order by p.slug", PartyRow.class, negotiation, after, limit);
    }

    List<NegotiationRow> negotiations(String negotiation, String after, int limit) {
        return page("select new " + name(NegotiationRow.class) + "(n.id, n.slug, n.title, n.summary, n.startedOn,"
                + " n.endedOn) from Negotiation n where n.slug > :after"
                + (negotiation == null ? "" : " and n.slug = :n") + " order by n.slug", NegotiationRow.class,
                negotiation, after, limit);
    }

    List<Member> participants(Collection<Long> negotiations) {
        return session.createSelectionQuery("select new " + name(Member.class) + "(n.id, p.slug)"
                + " from Negotiation n join n.participants p where n.id in :ids order by n.id, index(p)", Member.class)
                .setParameter("ids", negotiations).getResultList();
    }

    List<SourceRow> sources(String negotiation, String after, int limit) {
        return page("select new " + name(SourceRow.class) + "(s.id, s.name, s.kind, s.reliability,"
                + " s.reliabilityNote) from Source s where s.id > :after"
                + (negotiation == null ? ""
                        : " and (exists (select 1 from Citation c where c.source = s and " + CITED_IN + ")"
                                + " or exists (select 1 from Document d where d.source = s and " + DOCUMENT_IN + "))")
                + " order by s.id", SourceRow.class, negotiation, after, limit);
    }

    List<DocumentRow> documents(String negotiation, String after, int limit) {
        return page("select new " + name(DocumentRow.class) + "(d.id, d.title, d.url, d.archivedUrl, s.id,"
                + " d.publishedOn, d.publishedOnPrecision, d.retrievedAt, d.language, d.textHeld, d.textSha256,"
                + " d.textLength) from Document d left join d.source s where d.id > :after"
                + (negotiation == null ? "" : " and " + DOCUMENT_IN) + " order by d.id", DocumentRow.class,
                negotiation, after, limit);
    }

    /** One document's held text: read alone, so at most one text is in memory at a time. */
    String text(String documentId) {
        return session.createSelectionQuery("select t.text from DocumentText t where t.documentId = :id", String.class)
                .setParameter("id", documentId).getSingleResult();
    }

    List<CitationRow> citations(String negotiation, String after, int limit) {
        return page("select new " + name(CitationRow.class) + "(c.id, c.source.id, c.title, c.url, c.publishedOn,"
                + " c.quote, c.speaker, c.kind, c.relation, c.documentId, c.anchorExact, c.anchorPrefix,"
                + " c.anchorSuffix, c.anchorStart, c.anchorEnd, c.via, c.language, c.translated, c.originalQuote,"
                + " c.credibility) from Citation c where c.id > :after"
                + (negotiation == null ? "" : " and " + CITED_IN) + " order by c.id", CitationRow.class,
                negotiation, after, limit);
    }

    List<DemandRow> demands(String negotiation, long after, int limit) {
        var query = session.createSelectionQuery("select new " + name(DemandRow.class) + "(d.id, d.slug,"
                + " d.negotiation.slug, d.proposer.slug, d.title, d.text, d.topic, d.kind, d.tabledOn, d.status,"
                + " d.inseparable)"
                + " from Demand d where d.id > :after" + (negotiation == null ? "" : " and d.negotiation.slug = :n")
                + " order by d.id", DemandRow.class).setParameter("after", after);
        if (negotiation != null) {
            query.setParameter("n", negotiation);
        }
        return query.setMaxResults(limit).getResultList();
    }

    List<Member> addressees(Collection<Long> demands) {
        return session.createSelectionQuery("select new " + name(Member.class) + "(d.id, a.slug)"
                + " from Demand d join d.addressees a where d.id in :ids order by d.id, index(a)", Member.class)
                .setParameter("ids", demands).getResultList();
    }

    List<Member> coProposers(Collection<Long> demands) {
        return session.createSelectionQuery("select new " + name(Member.class) + "(d.id, a.slug)"
                + " from Demand d join d.coProposers a where d.id in :ids order by d.id, index(a)", Member.class)
                .setParameter("ids", demands).getResultList();
    }

    List<Member> concerned(Collection<Long> demands) {
        return session.createSelectionQuery("select new " + name(Member.class) + "(d.id, a.slug)"
                + " from Demand d join d.concerned a where d.id in :ids order by d.id, index(a)", Member.class)
                .setParameter("ids", demands).getResultList();
    }

    /** The stances of the given demands, oldest first per position. */
    List<ChangeRow> changes(Collection<Long> demands) {
        return session.createSelectionQuery("select new " + name(ChangeRow.class) + "(pc.id, d.id, d.slug, pa.slug,"
                + " p.role, pc.status, pc.effectiveOn, pc.note, pc.recordedAt, pc.recordedBy, k.slug, e.id, pc.basis,"
                + " pc.effectiveOnPrecision, pc.changeKind, fix.id, pc.reason)"
                + " from PositionChange pc join pc.position p join p.demand d join p.party pa"
                + " left join pc.counter k left join pc.event e left join pc.corrects fix"
                + " where d.id in :ids order by d.id, p.role desc, p.id, pc.id", ChangeRow.class)
                .setParameter("ids", demands).getResultList();
    }

    List<Cited> cited(Collection<Long> changes) {
        return session.createSelectionQuery("select new " + name(Cited.class) + "(pc.id, c.id, x.relation, c.relation)"
                + " from PositionChange pc join pc.cited x join x.citation c where pc.id in :ids order by pc.id, index(x)",
                Cited.class).setParameter("ids", changes).getResultList();
    }

    List<Condition> conditions(Collection<Long> changes) {
        return session.createSelectionQuery("select new " + name(Condition.class) + "(pc.id, d.slug)"
                + " from PositionChange pc join pc.conditions d where pc.id in :ids order by pc.id, index(d)",
                Condition.class).setParameter("ids", changes).getResultList();
    }

    List<EventRow> events(String negotiation, String after, int limit) {
        return page("select new " + name(EventRow.class) + "(e.id, e.negotiation.slug, e.kind, e.occurredOn,"
                + " e.occurredOnPrecision, e.title, e.note) from NegotiationEvent e where e.id > :after"
                + (negotiation == null ? "" : " and e.negotiation.slug = :n") + " order by e.id", EventRow.class,
                negotiation, after, limit);
    }

    List<Item> eventParties(Collection<String> events) {
        return session.createSelectionQuery("select new " + name(Item.class) + "(e.id, p.slug)"
                + " from NegotiationEvent e join e.parties p where e.id in :ids order by e.id, index(p)", Item.class)
                .setParameter("ids", events).getResultList();
    }

    List<Item> eventDocuments(Collection<String> events) {
        return session.createSelectionQuery("select new " + name(Item.class) + "(e.id, x)"
                + " from NegotiationEvent e join e.documentIds x where e.id in :ids order by e.id, index(x)",
                Item.class).setParameter("ids", events).getResultList();
    }

    List<Item> eventCitations(Collection<String> events) {
        return session.createSelectionQuery("select new " + name(Item.class) + "(e.id, c.id)"
                + " from NegotiationEvent e join e.citations c where e.id in :ids order by e.id, index(c)",
                Item.class).setParameter("ids", events).getResultList();
    }

    /** Links between demands; with a negotiation, those whose both ends belong to it. */
    List<LinkRow> links(String negotiation, String after, int limit) {
        return page("select new " + name(LinkRow.class) + "(l.id, l.demand.slug, l.type, l.target.slug, l.note)"
                + " from DemandLink l where l.id > :after"
                + (negotiation == null ? ""
                        : " and l.demand.negotiation.slug = :n and l.target.negotiation.slug = :n")
                + " order by l.id", LinkRow.class, negotiation, after, limit);
    }

    List<Item> linkCitations(Collection<String> links) {
        return session.createSelectionQuery("select new " + name(Item.class) + "(l.id, c.id)"
                + " from DemandLink l join l.citations c where l.id in :ids order by l.id, index(c)", Item.class)
                .setParameter("ids", links).getResultList();
    }

    /** Earlier wordings, oldest first. */
    List<RevisionRow> revisions(String negotiation, long after, int limit) {
        var query = session.createSelectionQuery("select new " + name(RevisionRow.class) + "(r.id, r.demand.slug,"
                + " r.title, r.text, r.changedAt, r.changedBy, r.changeSummary) from DemandRevision r"
                + " where r.id > :after" + (negotiation == null ? "" : " and r.demand.negotiation.slug = :n")
                + " order by r.id", RevisionRow.class).setParameter("after", after);
        if (negotiation != null) {
            query.setParameter("n", negotiation);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Forgets the rows read so far: a batch's entities must not pile up in the session. */
    void clear() {
        session.clear();
    }

    private <T> List<T> page(String hql, Class<T> type, String negotiation, String after, int limit) {
        SelectionQuery<T> query = session.createSelectionQuery(hql, type).setParameter("after", after);
        if (negotiation != null) {
            query.setParameter("n", negotiation);
        }
        return query.setMaxResults(limit).getResultList();
    }

    private static String name(Class<?> row) {
        return row.getName();
    }
}
