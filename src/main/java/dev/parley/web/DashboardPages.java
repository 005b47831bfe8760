package dev.parley.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.parley.common.ApiException;
import dev.parley.common.Dates;
import dev.parley.common.PageRequest;
import dev.parley.demand.DemandService;
import dev.parley.demand.ReadAt;
import dev.parley.demand.Standings;
import dev.parley.etag.Scopes;
import dev.parley.event.EventService;
import dev.parley.event.EventView;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationChanges;
import dev.parley.negotiation.NegotiationService;
import dev.parley.negotiation.NegotiationView;
import dev.parley.party.Party;
import dev.parley.party.PartyChanges;
import dev.parley.party.PartyService;
import dev.parley.reading.DiffView;
import dev.parley.reading.ReadingService;
import dev.parley.security.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The dashboard: the negotiations, each one's matrix on any day (grouped by package), and what changed
 * between two days as the API's diff reads it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    @CheckedTemplate(basePath = "negotiation")
    static class Templates {
        static native TemplateInstance list(Nav nav, List<NegotiationView> negotiations);

        static native TemplateInstance matrix(Nav nav, NegotiationView negotiation, Grid grid, Slider slider,
                String gridTag, List<EventView> rounds, Map<String, String> names);

        static native TemplateInstance matrix$grid(Grid grid);

        static native TemplateInstance changes(Nav nav, NegotiationView negotiation, DiffView diff, boolean toGiven,
                Map<String, String> titles, Map<String, String> names);
    }

    /** The as_of slider: day 0 is the negotiation's start, the last day the latest stance (or its end). */
    record Slider(LocalDate first, LocalDate last, long days, long value) {
    }

    private final NegotiationService negotiations;
    private final PartyService parties;
    private final DemandService demands;
    private final Standings standings;
    private final ReadingService reading;
    private final EventService events;
    private final PageTags tags;
    private final SignedIn signedIn;

    DashboardPages(NegotiationService negotiations, PartyService parties, DemandService demands, Standings standings,
            ReadingService reading, EventService events, PageTags tags, SignedIn signedIn) {
        this.standings = standings;
        this.events = events;
        this.negotiations = negotiations;
        this.demands = demands;
        this.reading = reading;
        this.parties = parties;
        this.tags = tags;
        this.signedIn = signedIn;
    }

    @GET
    public Response list(@Context Request request, @Context UriInfo uri) {
        return tags.page(request, uri, List.of(NegotiationChanges.NEGOTIATIONS), versions -> Templates.list(nav(),
                negotiations.all().stream().map(NegotiationView::from).toList()));
    }

    @GET
    @Path("negotiations/{slug}")
    public Response matrix(@PathParam("slug") String slug, @QueryParam("as_of") String asOf,
            @Context Request request, @Context UriInfo uri) {
        LocalDate day = Dates.parseParameter("as_of", blankToNull(asOf));
        return tags.page(request, uri, scopes(slug), versions -> {
            Negotiation negotiation = negotiations.require(slug);
            Grid grid = grid(slug, day);
            // The tag the grid alone has now: the page's first refresh then costs a 304.
            String gridTag = tags.tag("/negotiations/" + slug + "/grid", day == null ? null : "as_of=" + day,
                    versions);
            Grid now = day == null ? grid : grid(slug, null);
            LocalDate first = negotiation.startedOn;
            LocalDate last = latest(first, negotiation.endedOn, now.latest());
            long days = ChronoUnit.DAYS.between(first, last);
            long value = day == null ? days : Math.clamp(ChronoUnit.DAYS.between(first, day), 0, days);
            // Its rounds, which move the matrix's scope too: a new event shows here at once.
            List<EventView> rounds = events.list(slug, PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null,
                    "events:" + slug)).map(EventView::from).items();
            return Templates.matrix(nav(), NegotiationView.from(negotiation), grid,
                    new Slider(first, last, days, value), gridTag, rounds, partyNames());
        });
    }

    /** The grid alone, which the page swaps in when the slider moves or a change arrives. */
    @GET
    @Path("negotiations/{slug}/grid")
    public Response grid(@PathParam("slug") String slug, @QueryParam("as_of") String asOf,
            @Context Request request, @Context UriInfo uri) {
        LocalDate day = Dates.parseParameter("as_of", blankToNull(asOf));
        return tags.page(request, uri, scopes(slug), versions -> Templates.matrix$grid(grid(slug, day)));
    }

    @GET
    @Path("negotiations/{slug}/changes")
    public Response changes(@PathParam("slug") String slug, @QueryParam("from") String from,
            @QueryParam("to") String to, @Context Request request, @Context UriInfo uri) {
        LocalDate fromDay = Dates.parseParameter("from", blankToNull(from));
        LocalDate toDay = Dates.parseParameter("to", blankToNull(to));
        return tags.page(request, uri, scopes(slug), versions -> {
            Negotiation negotiation = negotiations.require(slug);
            Map<String, String> titles = new HashMap<>();
            demands.ofNegotiation(negotiation).forEach(d -> titles.put(d.slug, d.title));
            return Templates.changes(nav(), NegotiationView.from(negotiation), reading.diff(slug, fromDay, toDay, null),
                    toDay != null, titles, partyNames());
        });
    }

    /** The matrix grouped by package: with no package there is nothing to group and the order is the same. */
    private Grid grid(String slug, LocalDate day) {
        return Grid.of(standings.matrix(negotiations.require(slug), new ReadAt(day, null), true), partyNames());
    }

    private Map<String, String> partyNames() {
        Map<String, String> names = new HashMap<>();
        for (Party party : parties.all()) {
            names.put(party.slug, party.name);
        }
        return names;
    }

    private Nav nav() {
        return Nav.of(signedIn);
    }

    private static List<String> scopes(String slug) {
        return List.of(Scopes.fill(NegotiationChanges.NEGOTIATION, slug), Scopes.fill(Scopes.MATRIX, slug),
                PartyChanges.PARTIES);
    }

    private static LocalDate latest(LocalDate first, LocalDate... others) {
        LocalDate latest = first;
        for (LocalDate other : others) {
            if (other != null && other.isAfter(latest)) {
                latest = other;
            }
        }
        return latest;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A refused page is a page too, not problem+json: see {@link ErrorPage}. */
    @ServerExceptionMapper
    Response refused(ApiException e) {
        return ErrorPage.of(e, signedIn);
    }
}
