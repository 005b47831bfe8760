package dev.parley.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.parley.citation.CitationChanges;
import dev.parley.citation.CitationService;
import dev.parley.citation.CitationView;
import dev.parley.citation.Source;
import dev.parley.common.ApiException;
import dev.parley.common.PageRequest;
import dev.parley.demand.ChangeKind;
import dev.parley.demand.Demand;
import dev.parley.demand.DemandChanges;
import dev.parley.demand.DemandService;
import dev.parley.demand.DemandView;
import dev.parley.demand.LinkType;
import dev.parley.demand.LinkView;
import dev.parley.demand.PositionService;
import dev.parley.demand.PositionView;
import dev.parley.demand.ReadAt;
import dev.parley.document.DocumentChanges;
import dev.parley.document.DocumentService;
import dev.parley.document.DocumentView;
import dev.parley.etag.Scopes;
import dev.parley.event.EventService;
import dev.parley.event.EventView;
import dev.parley.party.Party;
import dev.parley.party.PartyChanges;
import dev.parley.party.PartyService;
import dev.parley.security.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** A demand: each party's stances as a timeline picture and as a history with its evidence. */
@Path("/demands/{slug}")
@Produces(MediaType.TEXT_HTML)
public class DemandPage {

    @CheckedTemplate(basePath = "demand")
    static class Templates {
        static native TemplateInstance demand(Nav nav, DemandView demand, String negotiationTitle,
                Map<String, String> names, List<Lane> lanes, Timeline timeline, Map<String, Source> sources,
                Map<String, DocumentView> documents, List<Linked> links, List<EventView> rounds,
                Map<String, EventView> events);
    }

    /** A link read from this demand's side: "this demand TYPE other" when outgoing, else "other TYPE this demand". */
    record Linked(boolean outgoing, LinkType type, String other, String title, String note) {
    }

    /** One party's history, newest first, with its current stance on top. */
    record Lane(String party, String name, PositionView current, List<PositionView> history) {
    }

    /** The picture: a band per party, a segment per stance from its day to the next one's, a line per round. */
    record Timeline(int width, int height, List<Band> bands, List<Tick> ticks, List<Round> rounds) {
    }

    /** A round the stances came from, as a dashed line across the bands on its day. */
    record Round(int x, EventView event) {
    }

    record Band(String name, int labelY, List<Segment> segments) {
    }

    /** A stance's stretch of its band; wide ones also name the status inside. */
    record Segment(int x, int y, int width, PositionView stance) {

        public int textX() {
            return x + 4;
        }

        public int textY() {
            return y + 16;
        }

        public boolean named() {
            return width > 110;
        }
    }

    record Tick(int x, String label) {
    }

    static final int LABEL = 150;
    static final int WIDTH = 760;
    static final int ROW = 34;

    private final DemandService demands;
    private final PositionService positions;
    private final CitationService citations;
    private final PartyService parties;
    private final DocumentService documents;
    private final EventService events;
    private final PageTags tags;
    private final SignedIn signedIn;

    DemandPage(DemandService demands, PositionService positions, CitationService citations, PartyService parties,
            DocumentService documents, EventService events, PageTags tags, SignedIn signedIn) {
        this.demands = demands;
        this.events = events;
        this.documents = documents;
        this.positions = positions;
        this.citations = citations;
        this.parties = parties;
        this.tags = tags;
        this.signedIn = signedIn;
    }

    @GET
    public Response demand(@PathParam("slug") String slug, @Context Request request, @Context UriInfo uri) {
        List<String> scopes = List.of(Scopes.fill(DemandChanges.DEMAND, slug), Scopes.fill(DemandChanges.POSITIONS, slug),
                Scopes.CITATION_EDITS, CitationChanges.SOURCES, PartyChanges.PARTIES, DocumentChanges.DOCUMENTS);
        // The negotiation's matrix moves with its events and with the demands links name, which show here too.
        Supplier<List<String>> negotiation = () -> List
                .of(Scopes.fill(Scopes.MATRIX, demands.require(slug).negotiation.slug));
        return tags.page(request, uri, scopes, negotiation, versions -> {
            Demand demand = demands.require(slug);
            Map<String, String> names = new HashMap<>();
            for (Party party : parties.all()) {
                names.put(party.slug, party.name);
            }
            Map<String, Source> sources = new HashMap<>();
            for (Source source : citations.allSources()) {
                sources.put(source.id, source);
            }
            List<Lane> lanes = new ArrayList<>();
            for (PositionView current : positions.current(slug, ReadAt.NOW)) {
                List<PositionView> history = positions.history(slug, current.party(), ReadAt.NOW,
                        PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null,
                                "history|" + slug + "|" + current.party() + "|null"))
                        .items();
                lanes.add(new Lane(current.party(), names.getOrDefault(current.party(), current.party()), current,
                        history));
            }
            // The documents the quotes sit in, named beside each quote.
            Map<String, DocumentView> quoted = new HashMap<>();
            documents.byIds(lanes.stream().flatMap(l -> l.history().stream()).flatMap(s -> s.citations().stream())
                    .map(CitationView::documentId).filter(Objects::nonNull).distinct().toList())
                    .forEach(d -> quoted.put(d.id, DocumentView.from(d)));
            // The rounds its stances came from, in date order.
            Map<String, EventView> named = new HashMap<>();
            lanes.stream().flatMap(l -> l.history().stream()).map(PositionView::eventId).filter(Objects::nonNull)
                    .distinct().forEach(id -> events.find(id).ifPresent(e -> named.put(id, EventView.from(e))));
            List<EventView> rounds = named.values().stream()
                    .sorted(Comparator.comparing(EventView::occurredOn).thenComparing(EventView::id)).toList();
            DemandView view = DemandView.from(demand);
            return Templates.demand(Nav.of(signedIn), view, demand.negotiation.title, names, lanes,
                    timeline(demand.tabledOn, lanes, rounds), sources, quoted, links(view), rounds, named);
        });
    }

    private List<Linked> links(DemandView demand) {
        List<Linked> linked = new ArrayList<>();
        for (LinkView link : demand.links()) {
            linked.add(new Linked(true, link.type(), link.target(), title(link.target()), link.note()));
        }
        for (LinkView link : demand.linkedFrom()) {
            linked.add(new Linked(false, link.type(), link.demand(), title(link.demand()), link.note()));
        }
        return linked;
    }

    private String title(String slug) {
        return demands.find(slug).map(d -> d.title).orElse(slug);
    }

    /** Lays the stances and rounds out on a day axis from the tabling to a week past the latest of them. */
    static Timeline timeline(LocalDate tabled, List<Lane> lanes, List<EventView> rounds) {
        LocalDate start = tabled;
        LocalDate end = tabled;
        for (EventView round : rounds) {
            start = round.occurredOn().isBefore(start) ? round.occurredOn() : start;
            end = round.occurredOn().isAfter(end) ? round.occurredOn() : end;
        }
        for (Lane lane : lanes) {
            for (PositionView stance : lane.history()) {
                if (stance.effectiveOn().isBefore(start)) {
                    start = stance.effectiveOn();
                }
                if (stance.effectiveOn().isAfter(end)) {
                    end = stance.effectiveOn();
                }
            }
        }
        end = end.plusDays(Math.max(7, ChronoUnit.DAYS.between(start, end) / 10));
        double perDay = (double) (WIDTH - LABEL) / ChronoUnit.DAYS.between(start, end);
        List<Band> bands = new ArrayList<>();
        int y = 28;
        for (Lane lane : lanes) {
            // What reads still see: corrected stances and retractions stay in the history below, not on the line.
            List<PositionView> oldestFirst = new ArrayList<>(lane.history().stream()
                    .filter(s -> s.correctedBy() == null && s.changeKind() != ChangeKind.RETRACTION).toList());
            oldestFirst.sort(Comparator.comparing(PositionView::effectiveOn).thenComparing(PositionView::recordedAt));
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < oldestFirst.size(); i++) {
                PositionView stance = oldestFirst.get(i);
                LocalDate until = i + 1 < oldestFirst.size() ? oldestFirst.get(i + 1).effectiveOn() : end;
                int x = LABEL + (int) Math.round(ChronoUnit.DAYS.between(start, stance.effectiveOn()) * perDay);
                int to = LABEL + (int) Math.round(ChronoUnit.DAYS.between(start, until) * perDay);
                segments.add(new Segment(x, y, Math.max(3, to - x), stance));
            }
            bands.add(new Band(lane.name(), y + 17, segments));
            y += ROW;
        }
        List<Tick> ticks = new ArrayList<>();
        long span = ChronoUnit.DAYS.between(start, end);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(span > 400 ? "yyyy" : "d MMM yyyy");
        for (int i = 0; i <= 4; i++) {
            LocalDate day = start.plusDays(span * i / 4);
            ticks.add(new Tick(LABEL + (int) Math.round(span * i / 4 * perDay), format.format(day)));
        }
        List<Round> marks = new ArrayList<>();
        for (EventView round : rounds) {
            marks.add(new Round(LABEL + (int) Math.round(ChronoUnit.DAYS.between(start, round.occurredOn()) * perDay),
                    round));
        }
        return new Timeline(WIDTH, y + 10, bands, ticks, marks);
    }

    /** A refused page is a page too, not problem+json: see {@link ErrorPage}. */
    @ServerExceptionMapper
    Response refused(ApiException e) {
        return ErrorPage.of(e, signedIn);
    }
}
