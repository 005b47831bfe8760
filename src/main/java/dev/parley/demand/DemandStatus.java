package dev.parley.demand;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a demand stands, derived from its positions (and a package's from its members'); never
 * written by a client. Only proposers (with co-proposers) and addressees count: concerned parties'
 * stances never move it.
 */
public enum DemandStatus {
    WITHDRAWN,
    AGREED,
    IN_NEGOTIATION,
    REJECTED,
    PENDING;

    private static final Set<PositionStatus> AGREEING = EnumSet.of(PositionStatus.ACCEPTED, PositionStatus.CODIFIED);
    private static final Set<PositionStatus> ENGAGING = EnumSet.of(PositionStatus.OPEN_TO_DISCUSSION,
            PositionStatus.COUNTER_PROPOSED, PositionStatus.CONDITIONALLY_ACCEPTED, PositionStatus.ACCEPTED,
            PositionStatus.CODIFIED);

    /** A party's stance as the rules read it: the role it holds in the demand and the status it took. */
    public interface Held {

        PositionRole role();

        PositionStatus status();
    }

    /** A member of a package as the package's rules read it: its own derived status and its parties' stances. */
    public record Member(DemandStatus status, Collection<? extends Held> stances) {

        List<PositionStatus> addressees() {
            return DemandStatus.addressees(stances);
        }
    }

    /**
     * A derived status with the rule that gave it and the stances that rule read: those of the
     * proposers, or of the addressees, whose status is in {@code statuses}.
     */
    public record Derivation(DemandStatus status, ExplainRule rule, boolean fromProposers,
            Set<PositionStatus> statuses) {

        /** Whether the rule read a stance with this status held in this role. */
        public boolean used(PositionRole role, PositionStatus stance) {
            boolean proposing = role == PositionRole.PROPOSER || role == PositionRole.CO_PROPOSER;
            return role != PositionRole.CONCERNED && proposing == fromProposers && statuses.contains(stance);
        }

        private static Derivation ofAddressees(DemandStatus status, ExplainRule rule, Set<PositionStatus> statuses) {
            return new Derivation(status, rule, false, statuses);
        }
    }

    private static final Set<PositionStatus> ANY = EnumSet.allOf(PositionStatus.class);

    /** The five rules of the contract, first match wins: see {@link #derivation(Collection)}. */
    public static DemandStatus derive(Collection<? extends Held> stances) {
        return derivation(stances).status();
    }

    /**
     * The five rules with the one that fired, read from the stances of the demand's parties: the
     * proposer's and co-proposers', and the addressees'; concerned parties' are never read. A joint
     * demand is WITHDRAWN only when the proposer and every co-proposer withdrew, since one of them
     * dropping out leaves the others' offer on the table.
     */
    public static Derivation derivation(Collection<? extends Held> stances) {
        return derivation(proposers(stances), addressees(stances));
    }

    private static Derivation derivation(List<PositionStatus> proposers, List<PositionStatus> addressees) {
        if (withdrawn(proposers)) {
            return new Derivation(WITHDRAWN, ExplainRule.PROPOSERS_WITHDREW, true, EnumSet.of(PositionStatus.WITHDRAWN));
        }
        if (!addressees.isEmpty() && addressees.stream().allMatch(AGREEING::contains)) {
            return Derivation.ofAddressees(AGREED, ExplainRule.ADDRESSEES_AGREE, AGREEING);
        }
        if (addressees.stream().anyMatch(ENGAGING::contains)) {
            return Derivation.ofAddressees(IN_NEGOTIATION, ExplainRule.ADDRESSEE_ENGAGES, ENGAGING);
        }
        if (addressees.contains(PositionStatus.REJECTED)) {
            return Derivation.ofAddressees(REJECTED, ExplainRule.ADDRESSEE_REJECTS, EnumSet.of(PositionStatus.REJECTED));
        }
        return Derivation.ofAddressees(PENDING, ExplainRule.NO_ADDRESSEE_ENGAGES, ANY);
    }

    /** A package's status: see {@link #packageDerivation}. */
    public static DemandStatus derivePackage(Collection<? extends Held> stances, boolean inseparable,
            Collection<Member> members) {
        return packageDerivation(stances, inseparable, members).status();
    }

    /**
     * A package (kind PACKAGE; its members are the demands linked to it as PART_OF, withdrawn ones
     * left out), first rule that matches:
     * <ol>
     * <li>WITHDRAWN: every proposer withdrew the package;
     * <li>AGREED: every member is AGREED (never by the package's own stances alone);
     * <li>REJECTED, when inseparable: an addressee rejected the package or any member, since
     * refusing one part refuses the whole;
     * <li>IN_NEGOTIATION: an addressee engages on the package, or some member is in negotiation or
     * agreed;
     * <li>REJECTED: an addressee rejected the package itself;
     * <li>PENDING.
     * </ol>
     * A package without members follows the rules of a single demand. Where a rule rests on the
     * members, the stances it names are the package's own that agree with it.
     */
    public static Derivation packageDerivation(Collection<? extends Held> stances, boolean inseparable,
            Collection<Member> members) {
        List<PositionStatus> proposers = proposers(stances);
        List<PositionStatus> addressees = addressees(stances);
        List<Member> live = members.stream().filter(m -> m.status() != WITHDRAWN).toList();
        if (withdrawn(proposers) || live.isEmpty()) {
            return derivation(proposers, addressees);
        }
        if (live.stream().allMatch(m -> m.status() == AGREED)) {
            return Derivation.ofAddressees(AGREED, ExplainRule.MEMBERS_AGREED, AGREEING);
        }
        if (inseparable && (addressees.contains(PositionStatus.REJECTED)
                || live.stream().anyMatch(m -> m.status() == REJECTED || m.addressees().contains(PositionStatus.REJECTED)))) {
            return Derivation.ofAddressees(REJECTED, ExplainRule.PART_REJECTED, EnumSet.of(PositionStatus.REJECTED));
        }
        if (addressees.stream().anyMatch(ENGAGING::contains)) {
            return Derivation.ofAddressees(IN_NEGOTIATION, ExplainRule.ADDRESSEE_ENGAGES, ENGAGING);
        }
        if (live.stream().anyMatch(m -> m.status() == IN_NEGOTIATION || m.status() == AGREED)) {
            return Derivation.ofAddressees(IN_NEGOTIATION, ExplainRule.MEMBER_ENGAGED, ENGAGING);
        }
        if (addressees.contains(PositionStatus.REJECTED)) {
            return Derivation.ofAddressees(REJECTED, ExplainRule.ADDRESSEE_REJECTS, EnumSet.of(PositionStatus.REJECTED));
        }
        return Derivation.ofAddressees(PENDING, ExplainRule.NO_ADDRESSEE_ENGAGES, ANY);
    }

    /**
     * PARTIAL_ON_PACKAGE: one party's stances on the members of an inseparable package open or accept
     * some and reject others, which treats the package as a menu of convenient topics.
     */
    public static boolean partialOnPackage(Collection<PositionStatus> stancesOnMembers) {
        return stancesOnMembers.contains(PositionStatus.REJECTED)
                && stancesOnMembers.stream().anyMatch(ENGAGING::contains);
    }

    /** The proposer's and co-proposers' stances. */
    private static List<PositionStatus> proposers(Collection<? extends Held> stances) {
        return stances.stream().filter(s -> s.role().proposing()).map(Held::status).toList();
    }

    /** The addressees' stances: concerned parties may hold positions, which never move the status. */
    private static List<PositionStatus> addressees(Collection<? extends Held> stances) {
        return stances.stream().filter(s -> s.role() == PositionRole.ADDRESSEE).map(Held::status).toList();
    }

    private static boolean withdrawn(Collection<PositionStatus> proposers) {
        return !proposers.isEmpty() && proposers.stream().allMatch(s -> s == PositionStatus.WITHDRAWN);
    }
}
