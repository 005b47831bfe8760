package dev.parley.demand;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.Hibernate;
import org.hibernate.Session;

import dev.parley.negotiation.Negotiation;

/** Every query on links between demands. */
@ApplicationScoped
class LinkRepository {

    /** One edge of the link graph, by demand id. */
    record Edge(Long from, Long to) {
    }

    private final Session session;

    LinkRepository(Session session) {
        this.session = session;
    }

    Optional<DemandLink> find(String id) {
        return Optional.ofNullable(session.find(DemandLink.class, id));
    }

    List<DemandLink> from(Demand demand) {
        return session.createSelectionQuery("select l from DemandLink l join fetch l.target where l.demand = :d"
                + " order by l.id", DemandLink.class).setParameter("d", demand).getResultList();
    }

    /** The members of a package: the demands linked to it as PART_OF. */
    List<Demand> members(Demand pkg) {
        return session.createSelectionQuery("select l.demand from DemandLink l where l.target = :p and l.type = :t"
                + " order by l.demand.slug", Demand.class)
                .setParameter("p", pkg).setParameter("t", LinkType.PART_OF).getResultList();
    }

    /** The packages a demand is PART_OF. */
    List<Demand> packagesOf(Demand member) {
        // A write has usually loaded the demand's links already (its view in the change log lists them),
        // and the services keep them current: no statement then, which every stance write would pay.
        if (Hibernate.isInitialized(member.links)) {
            return member.links.stream().filter(l -> l.type == LinkType.PART_OF).map(l -> l.target)
                    .sorted(Comparator.comparing(d -> d.slug)).toList();
        }
        return session.createSelectionQuery("select l.target from DemandLink l where l.demand = :m and l.type = :t"
                + " order by l.target.slug", Demand.class)
                .setParameter("m", member).setParameter("t", LinkType.PART_OF).getResultList();
    }

    /** Every edge of one type among a negotiation's demands, as the database holds it now. */
    List<Edge> edges(Negotiation negotiation, LinkType type) {
        return session.createSelectionQuery("select l.demand.id, l.target.id from DemandLink l"
                + " where l.demand.negotiation = :n and l.type = :t", Edge.class)
                .setParameter("n", negotiation).setParameter("t", type).getResultList();
    }

    List<DemandLink> inNegotiation(Negotiation negotiation) {
        return session.createSelectionQuery("select l from DemandLink l join fetch l.demand join fetch l.target"
                + " where l.demand.negotiation = :n order by l.demand.slug, l.id", DemandLink.class)
                .setParameter("n", negotiation).getResultList();
    }

    /** Every link touching one of the demands, either way. */
    List<DemandLink> touching(Collection<Demand> demands) {
        return session.createSelectionQuery("select l from DemandLink l join fetch l.demand join fetch l.target"
                + " where l.demand in :d or l.target in :d", DemandLink.class)
                .setParameter("d", demands).getResultList();
    }

    List<DemandLink> all() {
        return session.createSelectionQuery("select l from DemandLink l join fetch l.demand join fetch l.target"
                + " order by l.id", DemandLink.class).getResultList();
    }

    /**
     * Locks the negotiation's row until the transaction ends: writers of acyclic links in one
     * negotiation pass one at a time, so each checks for cycles against every link committed before it.
     */
    void lock(Negotiation negotiation) {
        session.createSelectionQuery("from Negotiation n where n.id = :id", Negotiation.class)
                .setParameter("id", negotiation.id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
    }

    void persist(DemandLink link) {
        session.persist(link);
    }

    void delete(DemandLink link) {
        session.remove(link);
    }
}
