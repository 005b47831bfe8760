package dev.parley.demand;

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
        return Change.deleted(ChangeType.DEMAND_DELETED, demand.slug, demandScopes(demand));
    }

    /** A stance recorded on a position: its view is the stance. */
    static Change positionChanged(Demand demand, String party, PositionView stance) {
        return new Change(ChangeType.POSITION_CHANGED, Subject.position(demand.slug, party), stance,
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
