package dev.parley.demand;

import java.util.ArrayList;
import java.util.List;

import dev.parley.etag.Scopes;
import dev.parley.feed.Change;
import dev.parley.feed.ChangeType;
import dev.parley.feed.Subject;

/**
 * Every change a demand or position write records, and the version scopes it moves. The read side
 * names the same scopes in {@code @Versioned} on {@link DemandResource} and {@link
 * PositionResource}; a demand's changes also move its negotiation's matrix ({@link Scopes#MATRIX})
 * and the citation lists filtered by demand ({@link Scopes#CITATIONS}).
 */
public final class DemandChanges {

    /** The demand list. */
    public static final String DEMANDS = "demands";
    /** One demand, addressed by the {@code slug} path parameter. */
    public static final String DEMAND = "demand:{slug}";
    /** A demand's positions, each position and each history. */
    public static final String POSITIONS = "positions:{slug}";
    /** The links from a demand, addressed by the {@code slug} path parameter. */
    static final String LINKS = "links:{slug}";
    /** One link, addressed by the {@code id} path parameter. */
    static final String LINK = "link:{id}";

    private DemandChanges() {
    }

    static Change created(Demand demand) {
        return new Change(ChangeType.DEMAND_CREATED, Subject.slug("demand", demand.slug), DemandView.from(demand),
                demandScopes(demand));
    }

    static Change updated(Demand demand) {
        return new Change(ChangeType.DEMAND_UPDATED, Subject.slug("demand", demand.slug), DemandView.from(demand),
                demandScopes(demand));
    }

    /** The derived status moved: the status it had, and the demand as it is now. */
    static Change statusChanged(Demand demand, DemandStatus before) {
        return new Change(ChangeType.DEMAND_STATUS_CHANGED, Subject.slug("demand", demand.slug),
                new StatusChanged(new StatusChanged.Before(before), DemandView.from(demand)), demandScopes(demand));
    }

    /** The data of demand.status_changed. */
    record StatusChanged(Before before, DemandView after) {
        record Before(DemandStatus status) {
        }
    }

    /** Its scopes are taken before the demand is deleted, while its negotiation is still loaded. */
    static Change deleted(Demand demand) {
        return deleted(demand, List.of());
    }

    /** The same, with the links that go with it: the demands on their other ends show them no more. */
    static Change deleted(Demand demand, List<DemandLink> links) {
        List<String> scopes = new ArrayList<>(demandScopes(demand));
        for (DemandLink link : links) {
            Demand other = link.demand == demand ? link.target : link.demand;
            scopes.addAll(List.of(Scopes.fill(DEMAND, other.slug), Scopes.fill(LINKS, other.slug),
                    Scopes.fill(LINK, link.id)));
        }
        return Change.deleted(ChangeType.DEMAND_DELETED, demand.slug, scopes);
    }

    /** A PATCH replaced the wording: the data is the wording it replaced, which the revisions list shows. */
    static Change revised(Demand demand, DemandRevision revision) {
        return new Change(ChangeType.DEMAND_REVISED, Subject.slug("demand", demand.slug), RevisionView.from(revision),
                demandScopes(demand));
    }

    static Change linkCreated(DemandLink link) {
        return new Change(ChangeType.LINK_CREATED, Subject.id("link", link.id), LinkView.from(link), linkScopes(link));
    }

    /** Taken before the link is removed: the data is the link as it was. */
    static Change linkDeleted(DemandLink link) {
        return new Change(ChangeType.LINK_DELETED, Subject.id("link", link.id), LinkView.from(link), linkScopes(link));
    }

    /**
     * A link shows on both demands' views (and in the demand list), in the from-demand's links, and
     * on the graph and matrix of their negotiation.
     */
    private static List<String> linkScopes(DemandLink link) {
        return List.of(DEMANDS, Scopes.fill(DEMAND, link.demand.slug), Scopes.fill(DEMAND, link.target.slug),
                Scopes.fill(LINKS, link.demand.slug), Scopes.fill(LINK, link.id),
                Scopes.fill(Scopes.MATRIX, link.demand.negotiation.slug));
    }

    /** A stance recorded on a position: its view is the stance. */
    static Change positionChanged(Demand demand, String party, PositionView stance) {
        return new Change(ChangeType.POSITION_CHANGED, Subject.position(demand.slug, party), stance,
                stanceScopes(demand));
    }

    /** A correction or retraction of a recorded stance: its view is the correcting change. */
    static Change positionCorrected(Demand demand, String party, PositionView correction) {
        return new Change(ChangeType.POSITION_CORRECTED, Subject.position(demand.slug, party), correction,
                stanceScopes(demand));
    }

    /** What a demand's own changes touch: lists, the demand, its positions, its negotiation's matrix. */
    private static List<String> demandScopes(Demand demand) {
        return List.of(DEMANDS, Scopes.fill(DEMAND, demand.slug), Scopes.fill(POSITIONS, demand.slug),
                Scopes.fill(Scopes.MATRIX, demand.negotiation.slug), Scopes.CITATIONS);
    }

    /** What a recorded stance touches: its positions, the matrix, and citation lists filtered by demand. */
    private static List<String> stanceScopes(Demand demand) {
        return List.of(Scopes.fill(POSITIONS, demand.slug), Scopes.fill(Scopes.MATRIX, demand.negotiation.slug),
                Scopes.CITATIONS);
    }
}
