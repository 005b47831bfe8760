package dev.parley.demand;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.common.Api;
import dev.parley.common.Idempotent;
import dev.parley.common.InvalidRequest;
import dev.parley.common.MergePatch;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.common.RequestValidator;
import dev.parley.etag.Scopes;
import dev.parley.etag.Versioned;
import dev.parley.security.Requires;
import dev.parley.security.Role;

@Path("/api/v1/demands")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Demands")
public class DemandResource {

    private final DemandService service;
    private final PositionService positions;
    private final RequestValidator validator;
    private final MergePatch mergePatch;

    DemandResource(DemandService service, PositionService positions, RequestValidator validator,
            MergePatch mergePatch) {
        this.positions = positions;
        this.service = service;
        this.validator = validator;
        this.mergePatch = mergePatch;
    }

    @GET
    // Every stance moves citation lists (Scopes.CITATIONS) and citation edits their own scope: with
    // include=, the tag also covers the positions and citations embedded.
    @Versioned(value = DemandChanges.DEMANDS, included = { Scopes.CITATIONS, Scopes.CITATION_EDITS })
    @Operation(operationId = "listDemands", summary = "List demands", description = "Ordered by slug. Filters combine with AND; an unknown negotiation, party or topic simply matches nothing.")
    @APIResponse(responseCode = "200", description = "A page of demands.")
    public Page<DemandView> list(
            @Parameter(description = "Negotiation slug.") @QueryParam("negotiation") String negotiation,
            @Parameter(description = "Slug of the proposing party.") @QueryParam("proposer") String proposer,
            @Parameter(description = "Slug of a party the demand is addressed to.") @QueryParam("addressee") String addressee,
            @Parameter(description = "Derived demand status.", schema = @Schema(implementation = DemandStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Topic slug.") @QueryParam("topic") String topic,
            @Parameter(description = "Only demands whose explain carries this evidence flag (see Explain.flags); repeat it to ask for several, which must all be present.", schema = @Schema(type = SchemaType.ARRAY, implementation = EvidenceFlag.class)) @QueryParam("flag") List<String> flag,
            @Parameter(description = "Case-insensitive text to find in the title or text.", schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @QueryParam("q") String q,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken,
            @Parameter(description = "Embeds more in each item, saving a call per row: positions (each involved party's current stance, as a matrix cell), citations (the same with each stance's citations; implies positions). Comma-separated or repeated (so no enumeration: \"positions,citations\" is one value); anything else is 400. The page costs a fixed number of database statements whatever its size.", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)) @QueryParam("include") List<String> include) {
        DemandFilter filter = new DemandFilter(blankToNull(negotiation), blankToNull(proposer), blankToNull(addressee),
                parseStatus(status), blankToNull(topic), blankToNull(q), parseFlags(flag));
        if (filter.q() != null && filter.q().length() > 200) {
            throw InvalidRequest.badParameter("q", "must be at most 200 characters");
        }
        Set<String> embeds = includes(include);
        Page<Demand> page = service.list(filter, PageRequest.of(pageSize, pageToken, filter.fingerprint()));
        if (embeds.isEmpty()) {
            return page.map(DemandView::from);
        }
        Map<Long, List<DemandPositionView>> positions = this.positions.embedded(page.items(),
                embeds.contains("citations"));
        return page.map(d -> DemandView.from(d).withPositions(positions.getOrDefault(d.id, List.of())));
    }

    private static Set<String> includes(List<String> raw) {
        Set<String> embeds = new TreeSet<>();
        for (String value : raw == null ? List.<String> of() : raw) {
            for (String part : value.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!name.equals("positions") && !name.equals("citations")) {
                    throw InvalidRequest.badParameter("include", "may name positions and citations");
                }
                embeds.add(name);
            }
        }
        return embeds;
    }

    @POST
    @Requires(Role.ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDemand", summary = "Table a demand", description = "Creates the demand with a position for every involved party: the proposer and each co-proposer TABLED, each addressee and concerned party UNASSESSED, all effective on tabled_on.")
    @APIResponse(responseCode = "201", description = "Created.", headers = @Header(ref = Api.LOCATION), content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    @Idempotent
    public RestResponse<DemandView> create(DemandRequest request) {
        Demand demand = service.create(validator.check(request));
        return RestResponse.ResponseBuilder.<DemandView> created(URI.create("/api/v1/demands/" + demand.slug))
                .entity(DemandView.from(demand)).build();
    }

    @GET
    @Versioned(DemandChanges.DEMAND)
    @Path("/{slug}")
    @Operation(operationId = "getDemand", summary = "Get a demand", description = "With its derived status, computed from the current positions of the proposer and the addressees.")
    @APIResponse(responseCode = "200", description = "The demand.")
    public DemandView get(@PathParam("slug") String slug) {
        return DemandView.from(service.require(slug));
    }

    @PATCH
    @Versioned(DemandChanges.DEMAND)
    @Requires(Role.ANALYST)
    @Path("/{slug}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "updateDemand", summary = "Change a demand", description = "JSON merge patch (RFC 7396). slug, negotiation and proposer cannot change. A new addressee or concerned party gets an UNASSESSED position, a new co-proposer a TABLED one; one with recorded stances cannot be removed (409), and moves to another role only when its stances suit it (409 ROLE_HAS_STANCES). A change of title or text keeps the wording it replaced under /revisions. A PACKAGE with members stays one (409 PACKAGE_HAS_MEMBERS).")
    @APIResponse(responseCode = "200", description = "The changed demand.")
    @APIResponse(ref = Api.CONFLICT_RESPONSE, responseCode = "409")
    public DemandView update(@PathParam("slug") String slug,
            @RequestBody(content = @Content(schema = @Schema(implementation = DemandRequest.class))) JsonNode patch) {
        return DemandView.from(service.update(slug,
                current -> validator.check(mergePatch.apply(current, patch, DemandRequest.class))));
    }

    @GET
    @Versioned(DemandChanges.DEMAND)
    @Path("/{slug}/revisions")
    @Operation(operationId = "listDemandRevisions", summary = "List the earlier wordings of a demand", description = "Newest first: each PATCH that changed the title or text kept the wording it replaced, with when, by whom and the change_summary it gave.")
    @APIResponse(responseCode = "200", description = "A page of revisions.")
    public Page<RevisionView> revisions(@PathParam("slug") String slug,
            @Parameter(ref = Api.PAGE_SIZE) @QueryParam("page_size") String pageSize,
            @Parameter(ref = Api.PAGE_TOKEN) @QueryParam("page_token") String pageToken) {
        return service.revisions(slug, PageRequest.of(pageSize, pageToken, "revisions:" + slug));
    }

    @DELETE
    @Versioned(DemandChanges.DEMAND)
    @Requires(Role.ANALYST)
    @Path("/{slug}")
    @Operation(operationId = "deleteDemand", summary = "Delete a demand", description = "Deletes the demand with its positions and their history; citations stay.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public void delete(@PathParam("slug") String slug) {
        service.delete(slug);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<EvidenceFlag> parseFlags(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<EvidenceFlag> flags = new ArrayList<>();
        for (String value : raw) {
            try {
                flags.add(EvidenceFlag.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw InvalidRequest.badParameter("flag", "must be one of " + Arrays.toString(EvidenceFlag.values()));
            }
        }
        return flags;
    }

    private static DemandStatus parseStatus(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return DemandStatus.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.badParameter("status", "must be one of "
                    + Arrays.toString(DemandStatus.values()).toUpperCase(Locale.ROOT));
        }
    }
}
