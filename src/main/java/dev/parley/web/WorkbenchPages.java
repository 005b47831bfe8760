package dev.parley.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.parley.citation.CitationFilter;
import dev.parley.citation.CitationKind;
import dev.parley.citation.CitationRelation;
import dev.parley.citation.CitationService;
import dev.parley.citation.CitationView;
import dev.parley.citation.SourceView;
import dev.parley.common.ApiException;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.Demand;
import dev.parley.demand.DemandKind;
import dev.parley.demand.DemandService;
import dev.parley.demand.DemandView;
import dev.parley.demand.LinkType;
import dev.parley.demand.PositionService;
import dev.parley.demand.PositionStatus;
import dev.parley.demand.PositionView;
import dev.parley.demand.ReadAt;
import dev.parley.demand.StanceBasis;
import dev.parley.document.DocumentService;
import dev.parley.document.DocumentView;
import dev.parley.event.DatePrecision;
import dev.parley.event.EventKind;
import dev.parley.event.EventService;
import dev.parley.event.EventView;
import dev.parley.negotiation.Negotiation;
import dev.parley.negotiation.NegotiationService;
import dev.parley.negotiation.NegotiationView;
import dev.parley.party.PartyService;
import dev.parley.party.PartyView;
import dev.parley.security.SignedIn;
import dev.parley.security.SignsIn;
import dev.parley.security.WebSessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The analyst's workbench: signing in with an API key, and the forms that record stances and create
 * demands, links and events. The forms send their writes to the API itself (workbench.js), so a page write obeys the
 * API's rules: roles, If-Match, Idempotency-Key, validation. Every method checks its caller itself
 * ({@link SignsIn}): an anonymous visitor is shown the sign-in form rather than a 401.
 */
@Path("/workbench")
@Produces(MediaType.TEXT_HTML)
public class WorkbenchPages {

    @CheckedTemplate(basePath = "workbench")
    static class Templates {
        static native TemplateInstance signIn(Nav nav, String next, String error);

        static native TemplateInstance home(Nav nav, List<NegotiationView> negotiations);

        static native TemplateInstance stance(Nav nav, DemandView demand, PositionView current,
                List<PositionStatus> statuses, List<CitationView> citations, List<SourceView> sources,
                List<CitationKind> kinds, List<CitationRelation> relations, String partyName, Evidence evidence);

        static native TemplateInstance newDemand(Nav nav, String idempotencyKey, List<NegotiationView> negotiations,
                List<PartyView> parties, List<DemandKind> kinds, String negotiation);

        static native TemplateInstance newLink(Nav nav, String idempotencyKey, DemandView demand,
                List<DemandView> targets, List<LinkType> types, List<CitationView> citations);

        static native TemplateInstance newEvent(Nav nav, String idempotencyKey, NegotiationView negotiation,
                List<PartyView> participants, List<EventKind> kinds, List<DatePrecision> precisions);
    }

    /**
     * What a stance may rest on beyond its citations: the documents a quote is selected in (this
     * negotiation's first, then the rest), how the stance is known, how exactly its day is, and the
     * round it came from. {@code more} says the other documents go past one page.
     */
    record Evidence(List<DocumentView> ours, List<DocumentView> others, boolean more, List<StanceBasis> bases,
            List<DayPrecision> precisions, List<EventView> events) {
    }

    private final WebSessions sessions;
    private final SignedIn signedIn;
    private final NegotiationService negotiations;
    private final DemandService demands;
    private final PositionService positions;
    private final CitationService citations;
    private final PartyService parties;
    private final DocumentService documents;
    private final EventService events;

    WorkbenchPages(WebSessions sessions, SignedIn signedIn, NegotiationService negotiations, DemandService demands,
            PositionService positions, CitationService citations, PartyService parties, DocumentService documents,
            EventService events) {
        this.documents = documents;
        this.events = events;
        this.sessions = sessions;
        this.signedIn = signedIn;
        this.negotiations = negotiations;
        this.demands = demands;
        this.positions = positions;
        this.citations = citations;
        this.parties = parties;
    }

    @GET
    @SignsIn
    public Response home(@QueryParam("next") String next) {
        Nav nav = Nav.of(signedIn);
        if (!nav.signedIn()) {
            return PageTags.form(Templates.signIn(nav, safeNext(next), null));
        }
        return PageTags.form(
                Templates.home(nav, negotiations.all().stream().map(NegotiationView::from).toList()));
    }

    @POST
    @SignsIn
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("key") String key, @FormParam("next") String next,
            @HeaderParam("Origin") String origin, @HeaderParam("X-Forwarded-Proto") String forwardedProto,
            @Context UriInfo uri) {
        // No session exists yet for SameSite to guard: a sign-in posted from another site is refused.
        if (origin != null && !sameOrigin(origin, uri)) {
            return PageTags.form(403, Templates.signIn(Nav.of(signedIn), safeNext(next),
                    "Sign in from this site's own page."));
        }
        Optional<WebSessions.Opened> opened = sessions.signIn(key);
        if (opened.isEmpty()) {
            return PageTags.form(401, Templates.signIn(Nav.of(signedIn), safeNext(next),
                    "That API key is unknown or revoked."));
        }
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(cookie(opened.get().token(), secure(uri, forwardedProto), -1)).build();
    }

    @POST
    @SignsIn
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @Context HttpHeaders headers,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto, @Context UriInfo uri) {
        Cookie cookie = headers.getCookies().get(WebSessions.COOKIE);
        if (cookie != null && signedIn.session().isPresent()
                && !WebSessions.csrfMatches(signedIn.session().get(), csrf)) {
            return PageTags.form(403, Templates.signIn(Nav.of(signedIn), "/workbench",
                    "Sign out from this site's own page."));
        }
        if (cookie != null) {
            sessions.signOut(cookie.getValue());
        }
        return Response.seeOther(URI.create("/")).cookie(cookie("", secure(uri, forwardedProto), 0)).build();
    }

    @GET
    @SignsIn
    @Path("/stance")
    public Response stance(@QueryParam("demand") String demand, @QueryParam("party") String party,
            @Context UriInfo uri) {
        Nav nav = Nav.of(signedIn);
        if (!nav.signedIn()) {
            return signInFirst(uri);
        }
        PositionView current = positions.current(demand, party, ReadAt.NOW);
        List<CitationView> known = citations.listCitations(new CitationFilter(demand, null, null),
                PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null, "citations|" + demand))
                .map(CitationView::from).items();
        List<SourceView> sources = citations.allSources().stream().map(SourceView::from).toList();
        Demand shown = demands.require(demand);
        return PageTags.form(Templates.stance(nav, DemandView.from(shown), current,
                PositionStatus.allowed(current.role()), known, sources, Arrays.asList(CitationKind.values()),
                Arrays.asList(CitationRelation.values()), parties.require(party).name,
                evidence(shown.negotiation.slug, known)));
    }

    /**
     * The negotiation's documents are those its rounds name, those already quoted on the demand, and
     * those of the sources quoted on it; the rest follow, one page of them.
     */
    private Evidence evidence(String negotiation, List<CitationView> known) {
        List<EventView> rounds = events.list(negotiation, PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null,
                "events:" + negotiation)).map(EventView::from).items();
        Set<String> named = new HashSet<>();
        rounds.forEach(e -> named.addAll(e.documentIds()));
        known.stream().map(CitationView::documentId).filter(Objects::nonNull).forEach(named::add);
        Set<String> quotedSources = known.stream().map(CitationView::sourceId).collect(Collectors.toSet());
        Page<DocumentView> page = documents
                .list(null, PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null, "documents|null"))
                .map(DocumentView::from);
        Map<Boolean, List<DocumentView>> split = page.items().stream().collect(Collectors.partitioningBy(
                d -> named.contains(d.id()) || d.sourceId() != null && quotedSources.contains(d.sourceId())));
        List<DocumentView> ours = new ArrayList<>(split.get(true));
        // A named document beyond the first page still belongs first.
        named.stream().filter(id -> ours.stream().noneMatch(d -> d.id().equals(id)))
                .forEach(id -> documents.find(id).map(DocumentView::from).ifPresent(ours::add));
        return new Evidence(ours, split.get(false), page.nextPageToken() != null,
                Arrays.asList(StanceBasis.values()), Arrays.asList(DayPrecision.values()), rounds);
    }

    @GET
    @SignsIn
    @Path("/demands/new")
    public Response newDemand(@QueryParam("negotiation") String negotiation, @Context UriInfo uri) {
        Nav nav = Nav.of(signedIn);
        if (!nav.signedIn()) {
            return signInFirst(uri);
        }
        return PageTags.form(Templates.newDemand(nav, UUID.randomUUID().toString(),
                negotiations.all().stream().map(NegotiationView::from).toList(),
                parties.all().stream().map(PartyView::from).toList(), Arrays.asList(DemandKind.values()),
                negotiation));
    }

    /** A link from the demand to another of its negotiation, shown by citations already on the demand. */
    @GET
    @SignsIn
    @Path("/links/new")
    public Response newLink(@QueryParam("demand") String demand, @Context UriInfo uri) {
        Nav nav = Nav.of(signedIn);
        if (!nav.signedIn()) {
            return signInFirst(uri);
        }
        Demand from = demands.require(demand);
        List<DemandView> targets = demands.ofNegotiation(from.negotiation).stream()
                .filter(d -> !d.slug.equals(from.slug)).map(DemandView::from)
                .sorted(Comparator.comparing(DemandView::title)).toList();
        List<CitationView> known = citations.listCitations(new CitationFilter(demand, null, null),
                PageRequest.of(String.valueOf(PageRequest.MAX_SIZE), null, "citations|" + demand))
                .map(CitationView::from).items();
        return PageTags.form(Templates.newLink(nav, UUID.randomUUID().toString(), DemandView.from(from), targets,
                Arrays.asList(LinkType.values()), known));
    }

    /** A round of the negotiation; the parties offered are its participants. */
    @GET
    @SignsIn
    @Path("/events/new")
    public Response newEvent(@QueryParam("negotiation") String negotiation, @Context UriInfo uri) {
        Nav nav = Nav.of(signedIn);
        if (!nav.signedIn()) {
            return signInFirst(uri);
        }
        Negotiation shown = negotiations.require(negotiation);
        return PageTags.form(Templates.newEvent(nav, UUID.randomUUID().toString(), NegotiationView.from(shown),
                shown.participants.stream().map(PartyView::from).toList(), Arrays.asList(EventKind.values()),
                Arrays.asList(DatePrecision.values())));
    }

    private Response signInFirst(UriInfo uri) {
        String here = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return Response.seeOther(URI.create("/workbench?next=" + java.net.URLEncoder.encode(here,
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    /** Only a path on this site: never an open redirect. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.length() < 500 ? next : "/workbench";
    }

    private static boolean sameOrigin(String origin, UriInfo uri) {
        URI self = uri.getBaseUri();
        String host = self.getHost() + (self.getPort() == -1 ? "" : ":" + self.getPort());
        return origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    private static boolean secure(UriInfo uri, String forwardedProto) {
        return "https".equalsIgnoreCase(uri.getBaseUri().getScheme()) || "https".equalsIgnoreCase(forwardedProto);
    }

    /** HttpOnly and SameSite=Strict; Secure behind TLS; no Max-Age: it ends with the browser or the idle limit. */
    private static NewCookie cookie(String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(WebSessions.COOKIE).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** A refused page is a page too, not problem+json: see {@link ErrorPage}. */
    @ServerExceptionMapper
    Response refused(ApiException e) {
        return ErrorPage.of(e, signedIn);
    }
}
