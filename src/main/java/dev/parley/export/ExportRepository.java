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
import dev.parley.demand.DemandKind;
import dev.parley.demand.DemandStatus;
import dev.parley.demand.PositionRole;
import dev.parley.demand.PositionStatus;
import dev.parley.party.PartyKind;

/**
 * Every query the exports run: typed rows read in keyset batches, so an export never holds the data
 * set; with a negotiation, only what that negotiation shows (its participants, its demands and their
 * stances, the citations those cite and the sources of those citations).
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
            String speaker, CitationKind kind, CitationRelation relation) {
    }

    record DemandRow(Long id, String slug, String negotiation, String proposer, String title, String text,
            String topic, DemandKind kind, LocalDate tabledOn, DemandStatus status) {
    }

    record ChangeRow(Long id, Long demandId, String demand, String party, PositionRole role, PositionStatus status,
            LocalDate effectiveOn, String note, Instant recordedAt, String recordedBy) {
    }

    record Cited(Long change, String citation) {
    }

    private static final String IN_NEGOTIATION = " (select pp from Negotiation nn join nn.participants pp"
            + " where nn.slug = :n)";
    private static final String CITED_IN = "exists (select 1 from PositionChange pc join pc.citations x"
            + " where x.id = c.id and pc.position.demand.negotiation.slug = :n)";

    private final Session session;

    ExportRepository(Session session) {
        this.session = session;
    }

    List<PartyRow> parties(String negotiation, String after, int limit) {
        return page("select new " + name(PartyRow.class) + "(p.slug, p.name, p.kind, p.wikidataId) from Party p"
                + " where p.slug > :after" + (negotiation == null ? "" : " and p in" + IN_NEGOTIATION)
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
                        : " and exists (select 1 from Citation c where c.source = s and "
                                + CITED_IN + ")")
                + " order by s.id", SourceRow.class, negotiation, after, limit);
    }

    List<CitationRow> citations(String negotiation, String after, int limit) {
        return page("select new " + name(CitationRow.class) + "(c.id, c.source.id, c.title, c.url, c.publishedOn,"
                + " c.quote, c.speaker, c.kind, c.relation) from Citation c where c.id > :after"
                + (negotiation == null ? "" : " and " + CITED_IN) + " order by c.id", CitationRow.class,
                negotiation, after, limit);
    }

    List<DemandRow> demands(String negotiation, long after, int limit) {
        var query = session.createSelectionQuery("select new " + name(DemandRow.class) + "(d.id, d.slug,"
                + " d.negotiation.slug, d.proposer.slug, d.title, d.text, d.topic, d.kind, d.tabledOn, d.status)"
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

    /** The stances of the given demands, oldest first per position. */
    List<ChangeRow> changes(Collection<Long> demands) {
        return session.createSelectionQuery("select new " + name(ChangeRow.class) + "(pc.id, d.id, d.slug, pa.slug,"
                + " p.role, pc.status, pc.effectiveOn, pc.note, pc.recordedAt, pc.recordedBy)"
                + " from PositionChange pc join pc.position p join p.demand d join p.party pa"
                + " where d.id in :ids order by d.id, p.role desc, p.id, pc.id", ChangeRow.class)
                .setParameter("ids", demands).getResultList();
    }

    List<Cited> cited(Collection<Long> changes) {
        return session.createSelectionQuery("select new " + name(Cited.class) + "(pc.id, c.id)"
                + " from PositionChange pc join pc.citations c where pc.id in :ids order by pc.id, index(c)",
                Cited.class).setParameter("ids", changes).getResultList();
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
