package dev.parley.reading;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.ApiException;
import dev.parley.common.Dates;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.demand.DemandService;
import dev.parley.demand.DemandStatus;
import dev.parley.demand.PositionRole;
import dev.parley.demand.PositionService;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.ReadAt;
import dev.parley.demand.TrackedStance;
import dev.parley.event.EventService;
import dev.parley.event.NegotiationEvent;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationService;
import dev.parley.party.Party;

/** Reads a negotiation over time: diffs between days, its timeline, status series, milestones, alignment. */
@ApplicationScoped
public class ReadingService {

    /** More points than a chart can show; a longer range asks for a coarser interval. */
    static final int MAX_POINTS = 1000;

    private final NegotiationService negotiations;
    private final DemandService demands;
    private final PositionService positions;
    private final EventService events;

    ReadingService(NegotiationService negotiations, DemandService demands, PositionService positions,
            EventService events) {
        this.negotiations = negotiations;
        this.demands = demands;
        this.positions = positions;
        this.events = events;
    }

    public DiffView diff(String slug, LocalDate fromDay, LocalDate toDay, Instant asRecorded) {
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw InvalidRequest.badParameter("to", "must not be before from");
        }
        Negotiation negotiation = negotiations.require(slug);
        Chronicle chronicle = chronicle(negotiation, asRecorded);
        LocalDate from = fromDay != null ? fromDay : firstDay(negotiation, chronicle);
        LocalDate to = toDay != null ? toDay : lastDay(negotiation, chronicle, from);
        if (to.isBefore(from)) {
            // Only a given to can be: a default to is never before from.
            throw InvalidRequest.badParameter("to", "must not be before the negotiation's first day; give from too");
        }
        List<DiffView.Cell> cells = new ArrayList<>();
        List<DiffView.StatusMove> moves = new ArrayList<>();
        List<DiffView.Tabled> tabled = new ArrayList<>();
        List<DiffView.Withdrawn> withdrawn = new ArrayList<>();
        for (Chronicle.DemandFacts demand : chronicle.tabledBy(to)) {
            boolean existed = !demand.tabledOn().isAfter(from);
            if (!existed) {
                tabled.add(new DiffView.Tabled(demand.slug(), demand.title(), demand.proposer(), demand.tabledOn()));
            }
            for (Chronicle.Track track : chronicle.tracks(demand.slug())) {
                TrackedStance then = existed ? track.heldOn(from) : null;
                TrackedStance now = track.heldOn(to);
                PositionStatus before = then == null ? PositionStatus.UNASSESSED : then.status();
                PositionStatus after = now == null ? PositionStatus.UNASSESSED : now.status();
                if (before != after) {
                    cells.add(new DiffView.Cell(demand.slug(), track.party(), before, after,
                            now == null ? null : now.effectiveOn(), now == null ? null : id(now)));
                }
                if (track.role() == PositionRole.PROPOSER && after == PositionStatus.WITHDRAWN
                        && before != PositionStatus.WITHDRAWN) {
                    withdrawn.add(new DiffView.Withdrawn(demand.slug(), now.effectiveOn(), id(now)));
                }
            }
            DemandStatus before = existed ? chronicle.statusOn(demand.slug(), from) : null;
            DemandStatus after = chronicle.statusOn(demand.slug(), to);
            if (before != after) {
                moves.add(new DiffView.StatusMove(demand.slug(), before, after));
            }
        }
        return new DiffView(negotiation.slug, from, to, cells, moves, tabled, withdrawn, asRecorded);
    }

    public Page<TimelineItem> timeline(String slug, Instant asRecorded, PageRequest page) {
        Negotiation negotiation = negotiations.require(slug);
        LocalDate afterDay = null;
        String afterKind = null;
        String afterId = null;
        Long afterChange = null;
        if (page.after() != null) {
            String[] key = page.after().split("\\|");
            try {
                afterDay = LocalDate.parse(key[0]);
                if (!Dates.supported(afterDay)) {
                    throw new IllegalArgumentException("day out of range");
                }
                // A token from before events were listed is a stance's: day|change.
                afterKind = key.length == 2 ? TimelineItem.STANCE : key[1];
                afterId = key[key.length - 1];
                if (afterKind.equals(TimelineItem.STANCE)) {
                    afterChange = Long.parseLong(afterId);
                } else if (!afterKind.equals(TimelineItem.EVENT) || key.length != 3) {
                    throw new IllegalArgumentException("unknown kind");
                }
            } catch (RuntimeException e) {
                throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                        "page_token is not a token this service issued.",
                        List.of(new FieldError("page_token", "is not a token this service issued")));
            }
        }
        int limit = page.fetchSize();
        List<NegotiationEvent> eventRows;
        List<TrackedStance> stanceRows;
        if (afterDay == null) {
            eventRows = events.timeline(negotiation, asRecorded, null, null, limit);
            stanceRows = positions.tracked(negotiation, asRecorded, null, null, limit);
        } else if (afterKind.equals(TimelineItem.EVENT)) {
            // After an event: the day's later events, and every stance from that day on (change ids are positive).
            eventRows = events.timeline(negotiation, asRecorded, afterDay, afterId, limit);
            stanceRows = positions.tracked(negotiation, asRecorded, afterDay, 0L, limit);
        } else {
            // After a stance: the day's events came before it.
            eventRows = events.timeline(negotiation, asRecorded, afterDay, null, limit);
            stanceRows = positions.tracked(negotiation, asRecorded, afterDay, afterChange, limit);
        }
        // Each list is in timeline order already; merging them keeps it, and the first limit of the
        // merge come from the first limit of each.
        List<TimelineItem> merged = new ArrayList<>(limit);
        int e = 0;
        int s = 0;
        while (merged.size() < limit && (e < eventRows.size() || s < stanceRows.size())) {
            boolean eventFirst = s == stanceRows.size() || e < eventRows.size()
                    && !eventRows.get(e).occurredOn.isAfter(stanceRows.get(s).effectiveOn());
            merged.add(eventFirst ? TimelineItem.of(eventRows.get(e++)) : TimelineItem.of(stanceRows.get(s++)));
        }
        return page.page(merged, TimelineItem::key);
    }

    public SeriesView series(String slug, String interval, String by, LocalDate from, LocalDate to,
            Instant asRecorded) {
        UnaryOperator<LocalDate> startOf = switch (interval == null ? "week" : interval) {
            case "day" -> d -> d;
            case "week" -> d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> d -> d.withDayOfMonth(1);
            default -> throw InvalidRequest.badParameter("interval", "must be day, week or month");
        };
        String grouping = by == null ? "demand_status" : by;
        if (!grouping.equals("demand_status") && !grouping.equals("party")) {
            throw InvalidRequest.badParameter("by", "must be demand_status or party");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw InvalidRequest.badParameter("to", "must not be before from");
        }
        Negotiation negotiation = negotiations.require(slug);
        Chronicle chronicle = chronicle(negotiation, asRecorded);
        LocalDate first = from != null ? from : firstDay(negotiation, chronicle);
        LocalDate last = to != null ? to : lastDay(negotiation, chronicle, first);
        if (last.isBefore(first)) {
            last = first;
        }
        List<SeriesView.Point> points = new ArrayList<>();
        String step = interval == null ? "week" : interval;
        for (LocalDate start = first; !start.isAfter(last);) {
            if (points.size() == MAX_POINTS) {
                throw InvalidRequest.badParameter("interval", "gives more than " + MAX_POINTS
                        + " points for this range; ask for a coarser interval or a shorter range");
            }
            LocalDate next = switch (step) {
                case "day" -> startOf.apply(start).plusDays(1);
                case "week" -> startOf.apply(start).plusWeeks(1);
                default -> startOf.apply(start).plusMonths(1);
            };
            LocalDate end = next.minusDays(1).isAfter(last) ? last : next.minusDays(1);
            points.add(grouping.equals("party") ? partyPoint(chronicle, negotiation, start, end)
                    : statusPoint(chronicle, start, end));
            start = next;
        }
        return new SeriesView(negotiation.slug, step, grouping, first, last, points, asRecorded);
    }

    public MilestonesView milestones(String slug, Instant asRecorded) {
        Negotiation negotiation = negotiations.require(slug);
        Chronicle chronicle = chronicle(negotiation, asRecorded);
        Map<String, Map<PositionStatus, TrackedStance>> firsts = new LinkedHashMap<>();
        negotiation.participants.forEach(p -> firsts.put(p.slug, new EnumMap<>(PositionStatus.class)));
        // Tracks come in demand slug order, so of two stances on the same day the first demand by slug wins.
        for (Chronicle.Track track : chronicle.tracks()) {
            Map<PositionStatus, TrackedStance> ofParty = firsts.computeIfAbsent(track.party(),
                    p -> new EnumMap<>(PositionStatus.class));
            for (TrackedStance stance : track.effective()) {
                if (stance.status() == PositionStatus.UNASSESSED) {
                    continue;
                }
                TrackedStance known = ofParty.get(stance.status());
                if (known == null || stance.effectiveOn().isBefore(known.effectiveOn())) {
                    ofParty.put(stance.status(), stance);
                }
            }
        }
        List<MilestonesView.Milestone> items = new ArrayList<>();
        firsts.forEach((party, byStatus) -> byStatus.forEach((status, stance) -> items.add(
                new MilestonesView.Milestone(party, status, stance.effectiveOn(), stance.demand(), id(stance)))));
        return new MilestonesView(negotiation.slug, items, asRecorded);
    }

    public AlignmentView alignment(String slug, LocalDate asOf, Instant asRecorded) {
        Negotiation negotiation = negotiations.require(slug);
        Chronicle chronicle = chronicle(negotiation, asRecorded);
        List<Chronicle.DemandFacts> considered = asOf == null ? chronicle.demands() : chronicle.tabledBy(asOf);
        LocalDate day = asOf == null ? LocalDate.of(9999, 12, 31) : asOf;
        List<Map<String, PositionStatus>> stances = new ArrayList<>();
        for (Chronicle.DemandFacts demand : considered) {
            Map<String, PositionStatus> held = new LinkedHashMap<>();
            chronicle.tracks(demand.slug()).forEach(t -> held.put(t.party(), t.statusOn(day)));
            stances.add(held);
        }
        List<String> parties = negotiation.participants.stream().map(p -> p.slug).toList();
        List<AlignmentView.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            for (int j = i + 1; j < parties.size(); j++) {
                String a = parties.get(i);
                String b = parties.get(j);
                int shared = 0;
                int compared = 0;
                int agreeing = 0;
                for (Map<String, PositionStatus> held : stances) {
                    PositionStatus sa = held.get(a);
                    PositionStatus sb = held.get(b);
                    if (sa == null || sb == null) {
                        continue;
                    }
                    shared++;
                    if (Leaning.comparable(sa, sb)) {
                        compared++;
                        if (Leaning.agree(sa, sb)) {
                            agreeing++;
                        }
                    }
                }
                pairs.add(new AlignmentView.Pair(List.of(a, b), shared, compared, agreeing,
                        compared == 0 ? null : (double) agreeing / compared));
            }
        }
        return new AlignmentView(negotiation.slug, asOf, pairs, asRecorded);
    }

    private SeriesView.Point statusPoint(Chronicle chronicle, LocalDate start, LocalDate end) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (DemandStatus status : DemandStatus.values()) {
            counts.put(status.name(), 0);
        }
        for (Chronicle.DemandFacts demand : chronicle.tabledBy(end)) {
            counts.merge(chronicle.statusOn(demand.slug(), end).name(), 1, Integer::sum);
        }
        return new SeriesView.Point(start, end, counts, null);
    }

    private SeriesView.Point partyPoint(Chronicle chronicle, Negotiation negotiation, LocalDate start, LocalDate end) {
        Map<String, Map<String, Integer>> parties = new LinkedHashMap<>();
        for (Party party : negotiation.participants) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (PositionStatus status : PositionStatus.values()) {
                counts.put(status.name(), 0);
            }
            parties.put(party.slug, counts);
        }
        for (Chronicle.DemandFacts demand : chronicle.tabledBy(end)) {
            for (Chronicle.Track track : chronicle.tracks(demand.slug())) {
                Map<String, Integer> counts = parties.get(track.party());
                if (counts != null) {
                    counts.merge(track.statusOn(end).name(), 1, Integer::sum);
                }
            }
        }
        return new SeriesView.Point(start, end, null, parties);
    }

    /** The negotiation as Parley had it recorded at {@code asRecorded} (now when null): see {@link ReadAt}. */
    private Chronicle chronicle(Negotiation negotiation, Instant asRecorded) {
        List<Chronicle.DemandFacts> facts = demands.ofNegotiation(negotiation).stream()
                .filter(d -> asRecorded == null || !d.createdAt.isAfter(asRecorded))
                .map(d -> new Chronicle.DemandFacts(d.slug, d.title, d.proposer.slug, d.tabledOn)).toList();
        return Chronicle.of(facts, positions.involvements(negotiation), positions.tracked(negotiation, asRecorded));
    }

    // Defaults come from the data, never from today's date, so an unchanged negotiation keeps its ETag.

    /** The negotiation's start, or its first tabling or stance if that is earlier. */
    private static LocalDate firstDay(Negotiation negotiation, Chronicle chronicle) {
        return earlier(negotiation.startedOn, chronicle.firstDay());
    }

    /** The negotiation's end, or while it runs the last day anything took effect (never before {@code first}). */
    private static LocalDate lastDay(Negotiation negotiation, Chronicle chronicle, LocalDate first) {
        return negotiation.endedOn != null ? negotiation.endedOn : later(first, chronicle.lastDay());
    }

    private static String id(TrackedStance stance) {
        return Long.toString(stance.changeId());
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return b == null || !b.isBefore(a) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b == null || !b.isAfter(a) ? a : b;
    }
}
