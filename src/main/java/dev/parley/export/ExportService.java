package dev.parley.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.parley.bundle.Bundle;
import dev.parley.common.Clocks;
import dev.parley.demand.ChangeKind;
import dev.parley.demand.DayPrecision;
import dev.parley.demand.StanceRequest;
import dev.parley.negotiation.NegotiationRequest;
import dev.parley.party.PartyRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes the data set, or one negotiation's part of it, as a JSON bundle, a zip of CSV files or
 * JSON-LD, straight to the response: rows are read in batches of {@link #BATCH} and forgotten once
 * written, so memory does not grow with the data set.
 */
@ApplicationScoped
public class ExportService {

    /** Rows per query and per session clear. */
    static final int BATCH = 500;
    /** A large export may take minutes; the default transaction timeout would cut it off mid-body. */
    private static final int TIMEOUT_SECONDS = 1800;

    public static final String ZIP = "application/zip";
    public static final String JSON_LD = "application/ld+json";
    /** Where the JSON-LD @context is served, below the API base. */
    public static final String CONTEXT_PATH = "/export/context.jsonld";

    private final ExportRepository rows;
    private final ObjectMapper mapper;
    /** Values written without a flush each: the stream is flushed as its buffer fills, not per row. */
    private final ObjectWriter values;

    private final Clock clock;

    ExportService(ExportRepository rows, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.rows = rows;
        this.mapper = mapper;
        this.values = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** The API's absolute base URL as the caller reached it, without a trailing slash: JSON-LD ids start with it. */
    public static String base(UriInfo uri) {
        String root = uri.getBaseUri().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/api/v1";
    }

    /** The format a media type names. */
    public enum Format {
        JSON,
        CSV_ZIP,
        JSON_LD
    }

    /** Writes the export in one read-only transaction; {@code base} is the API's absolute URL, for JSON-LD ids. */
    public void write(Format format, String negotiation, String base, OutputStream out) {
        QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).run(() -> {
            try {
                switch (format) {
                    case JSON -> bundle(negotiation, out);
                    case CSV_ZIP -> zip(negotiation, out);
                    case JSON_LD -> new JsonLd(mapper, base).write(this, negotiation, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- the JSON bundle, as import reads it ----

    private void bundle(String negotiation, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", Bundle.FORMAT);
            json.writeFieldName("exported_at");
            values.writeValue(json, Clocks.now(clock));
            json.writeArrayFieldStart("parties");
            forEachParty(negotiation, p -> write(json, new PartyRequest(p.slug(), p.name(), p.kind(), p.wikidataId())));
            json.writeEndArray();
            json.writeArrayFieldStart("sources");
            forEachSource(negotiation, s -> write(json, new Bundle.BundleSource(s.id(), s.name(), s.kind(),
                    s.reliability(), s.reliabilityNote())));
            json.writeEndArray();
            json.writeArrayFieldStart("documents");
            forEachDocument(negotiation, d -> write(json, new Bundle.BundleDocument(d.id(), d.title(), d.url(),
                    d.archivedUrl(), d.sourceId(), d.publishedOn(), d.publishedOnPrecision(), d.retrievedAt(),
                    d.language(), d.textHeld() ? rows.text(d.id()) : null, d.textSha256(), d.textHeld())));
            json.writeEndArray();
            json.writeArrayFieldStart("citations");
            forEachCitation(negotiation, c -> write(json, new Bundle.BundleCitation(c.id(), c.sourceId(), c.title(),
                    c.url(), c.publishedOn(), c.quote(), c.speaker(), c.kind(), c.relation(), c.documentId(),
                    c.anchor(), c.via().isEmpty() ? null : c.via(), c.language(), c.translated(), c.originalQuote(),
                    c.credibility())));
            json.writeEndArray();
            json.writeArrayFieldStart("negotiations");
            forEachNegotiation(negotiation, (n, participants) -> write(json, new NegotiationRequest(n.slug(), n.title(),
                    n.summary(), n.startedOn(), n.endedOn(), participants)));
            json.writeEndArray();
            json.writeArrayFieldStart("demands");
            forEachDemand(negotiation, (d, roles, changes, terms) -> {
                Map<String, List<Bundle.BundleStance>> histories = new LinkedHashMap<>();
                // A correction names what it corrects by its index in the party's history.
                Map<Long, Integer> indexOf = new HashMap<>();
                for (ExportRepository.ChangeRow c : changes) {
                    List<String> conditions = terms.conditions().getOrDefault(c.id(), List.of());
                    List<ExportRepository.Cited> cited = terms.cited().getOrDefault(c.id(), List.of());
                    List<StanceRequest.CitationLink> links = cited.stream().filter(x -> x.relation() != x.own())
                            .map(x -> new StanceRequest.CitationLink(x.citation(), x.relation())).toList();
                    List<Bundle.BundleStance> history = histories.computeIfAbsent(c.party(), p -> new ArrayList<>());
                    indexOf.put(c.id(), history.size());
                    history.add(new Bundle.BundleStance(c.status(), c.effectiveOn(), c.note(),
                            cited.stream().filter(x -> x.relation() == x.own()).map(ExportRepository.Cited::citation)
                                    .toList(),
                            c.recordedAt(), c.recordedBy(), conditions.isEmpty() ? null : conditions, c.counter(),
                            c.eventId(), c.basis(), c.precision() == DayPrecision.DAY ? null : c.precision(),
                            c.kind() == ChangeKind.STANCE ? null : c.kind(),
                            c.corrects() == null ? null : indexOf.get(c.corrects()), c.reason(),
                            links.isEmpty() ? null : links));
                }
                List<Bundle.BundlePosition> positions = new ArrayList<>();
                histories.forEach((party, history) -> positions.add(new Bundle.BundlePosition(party, history)));
                write(json, new Bundle.BundleDemand(d.slug(), d.negotiation(), d.proposer(), roles.addressees(),
                        d.title(), d.text(), d.topic(), d.kind(), d.tabledOn(), positions,
                        roles.coProposers().isEmpty() ? null : roles.coProposers(),
                        roles.concerned().isEmpty() ? null : roles.concerned(), d.inseparable() ? Boolean.TRUE : null));
            });
            json.writeEndArray();
            json.writeArrayFieldStart("events");
            forEachEvent(negotiation, (e, lists) -> write(json, new Bundle.BundleEvent(e.id(), e.negotiation(), e.kind(),
                    e.occurredOn(), e.occurredOnPrecision(), e.title(), lists.parties(), lists.documentIds(), e.note(),
                    lists.citationIds())));
            json.writeEndArray();
            json.writeArrayFieldStart("links");
            forEachLink(negotiation, (l, citationIds) -> write(json, new Bundle.BundleLink(l.id(), l.demand(), l.type(),
                    l.target(), l.note(), citationIds)));
            json.writeEndArray();
            json.writeArrayFieldStart("revisions");
            forEachRevision(negotiation, r -> write(json, new Bundle.BundleRevision(r.demand(), r.title(), r.text(),
                    r.changedAt(), r.changedBy(), r.changeSummary())));
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void write(JsonGenerator json, Object value) {
        try {
            values.writeValue(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- CSV files in a zip ----

    private void zip(String negotiation, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        Csv csv = new Csv(text);

        entry(zip, csv, "parties.csv", "slug", "name", "kind", "wikidata_id");
        forEachParty(negotiation, p -> row(csv, p.slug(), p.name(), p.kind(), p.wikidataId()));

        entry(zip, csv, "negotiations.csv", "slug", "title", "summary", "started_on", "ended_on", "participants");
        forEachNegotiation(negotiation, (n, participants) -> row(csv, n.slug(), n.title(), n.summary(), n.startedOn(),
                n.endedOn(), String.join(";", participants)));

        entry(zip, csv, "sources.csv", "id", "name", "kind", "reliability", "reliability_note");
        forEachSource(negotiation, s -> row(csv, s.id(), s.name(), s.kind(), s.reliability(), s.reliabilityNote()));

        // The texts stay out of the zip: spreadsheets cannot hold them; /documents/{id}/text serves each.
        entry(zip, csv, "documents.csv", "id", "title", "url", "archived_url", "source_id", "published_on",
                "published_on_precision", "retrieved_at", "language", "text_held", "text_sha256", "text_length");
        forEachDocument(negotiation, d -> row(csv, d.id(), d.title(), d.url(), d.archivedUrl(), d.sourceId(),
                d.publishedOn(), d.publishedOnPrecision(), d.retrievedAt(), d.language(), d.textHeld(), d.textSha256(),
                d.textLength()));

        entry(zip, csv, "citations.csv", "id", "source_id", "title", "url", "published_on", "quote", "speaker", "kind",
                "relation", "document_id", "anchor_exact", "anchor_prefix", "anchor_suffix", "anchor_start", "anchor_end",
                "via", "language", "translated", "original_quote", "credibility");
        forEachCitation(negotiation, c -> row(csv, c.id(), c.sourceId(), c.title(), c.url(), c.publishedOn(), c.quote(),
                c.speaker(), c.kind(), c.relation(), c.documentId(), c.anchorExact(), c.anchorPrefix(), c.anchorSuffix(),
                c.anchorStart(), c.anchorEnd(), String.join(";", c.via()), c.language(), c.translated(),
                c.originalQuote(), c.credibility()));

        entry(zip, csv, "demands.csv", "slug", "negotiation", "proposer", "addressees", "title", "text", "topic", "kind",
                "tabled_on", "status", "co_proposers", "concerned", "inseparable");
        forEachDemand(negotiation, (d, roles, changes, terms) -> row(csv, d.slug(), d.negotiation(), d.proposer(),
                String.join(";", roles.addressees()), d.title(), d.text(), d.topic(), d.kind(), d.tabledOn(),
                d.status(), String.join(";", roles.coProposers()), String.join(";", roles.concerned()),
                d.inseparable()));
        // A file of its own: the demands are read a second time rather than held while demands.csv is written.
        entry(zip, csv, "position_changes.csv", "change_id", "demand", "party", "role", "status", "effective_on",
                "note", "citation_ids", "recorded_at", "recorded_by", "conditions", "counter", "event_id",
                "citation_relations", "basis", "effective_on_precision", "change_kind", "corrects", "reason");
        forEachDemand(negotiation, (d, roles, changes, terms) -> {
            for (ExportRepository.ChangeRow c : changes) {
                row(csv, c.id(), c.demand(), c.party(), c.role(), c.status(), c.effectiveOn(), c.note(),
                        String.join(";", terms.citationIds(c.id())), c.recordedAt(),
                        c.recordedBy(), String.join(";", terms.conditions().getOrDefault(c.id(), List.of())),
                        c.counter(), c.eventId(),
                        terms.cited().getOrDefault(c.id(), List.of()).stream().map(x -> x.relation().name())
                                .collect(java.util.stream.Collectors.joining(";")),
                        c.basis(), c.precision(), c.kind(), c.corrects(), c.reason());
            }
        });

        entry(zip, csv, "events.csv", "id", "negotiation", "kind", "occurred_on", "occurred_on_precision", "title",
                "parties", "document_ids", "note", "citation_ids");
        forEachEvent(negotiation, (e, lists) -> row(csv, e.id(), e.negotiation(), e.kind(), e.occurredOn(),
                e.occurredOnPrecision(), e.title(), String.join(";", lists.parties()),
                String.join(";", lists.documentIds()), e.note(), String.join(";", lists.citationIds())));

        entry(zip, csv, "links.csv", "id", "demand", "type", "target", "note", "citation_ids");
        forEachLink(negotiation, (l, citationIds) -> row(csv, l.id(), l.demand(), l.type(), l.target(), l.note(),
                String.join(";", citationIds)));

        entry(zip, csv, "revisions.csv", "demand", "title", "text", "changed_at", "changed_by", "change_summary");
        forEachRevision(negotiation, r -> row(csv, r.demand(), r.title(), r.text(), r.changedAt(), r.changedBy(),
                r.changeSummary()));
        csv.flush();
        zip.finish();
        zip.flush();
    }

    /** Starts the next file (closing the one before) with its header row. */
    private static void entry(ZipOutputStream zip, Csv csv, String name, String... header) throws IOException {
        csv.flush();
        zip.putNextEntry(new ZipEntry(name));
        csv.row((Object[]) header);
    }

    private static void row(Csv csv, Object... fields) {
        try {
            csv.row(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- batched reads shared by the formats ----

    interface RowConsumer<T> {
        void accept(T row) throws IOException;
    }

    interface NegotiationConsumer {
        void accept(ExportRepository.NegotiationRow negotiation, List<String> participants);
    }

    interface DemandConsumer {
        void accept(ExportRepository.DemandRow demand, Roles roles, List<ExportRepository.ChangeRow> changes,
                Terms terms);
    }

    /** The parties a demand names besides its proposer. */
    record Roles(List<String> addressees, List<String> coProposers, List<String> concerned) {
    }

    /** Per stance of a batch: the citation ids it cites and the slugs of the demands it names as conditions. */
    record Terms(Map<Long, List<ExportRepository.Cited>> cited, Map<Long, List<String>> conditions) {

        /** The ids of the citations a change uses, in order. */
        List<String> citationIds(Long change) {
            return cited.getOrDefault(change, List.of()).stream().map(ExportRepository.Cited::citation).toList();
        }
    }

    /** The lists an event holds. */
    record EventLists(List<String> parties, List<String> documentIds, List<String> citationIds) {
    }

    interface EventConsumer {
        void accept(ExportRepository.EventRow event, EventLists lists);
    }

    interface LinkConsumer {
        void accept(ExportRepository.LinkRow link, List<String> citationIds);
    }

    void forEachParty(String negotiation, RowConsumer<ExportRepository.PartyRow> each) throws IOException {
        keyset(after -> rows.parties(negotiation, after, BATCH), ExportRepository.PartyRow::slug, "", each);
    }

    void forEachSource(String negotiation, RowConsumer<ExportRepository.SourceRow> each) throws IOException {
        keyset(after -> rows.sources(negotiation, after, BATCH), ExportRepository.SourceRow::id, "", each);
    }

    void forEachDocument(String negotiation, RowConsumer<ExportRepository.DocumentRow> each) throws IOException {
        keyset(after -> rows.documents(negotiation, after, BATCH), ExportRepository.DocumentRow::id, "", each);
    }

    void forEachCitation(String negotiation, RowConsumer<ExportRepository.CitationRow> each) throws IOException {
        keyset(after -> rows.citations(negotiation, after, BATCH), ExportRepository.CitationRow::id, "", each);
    }

    void forEachNegotiation(String negotiation, NegotiationConsumer each) {
        String after = "";
        while (true) {
            List<ExportRepository.NegotiationRow> batch = rows.negotiations(negotiation, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            Map<Long, List<String>> participants = group(rows.participants(batch.stream().map(n -> n.id()).toList()));
            batch.forEach(n -> each.accept(n, participants.getOrDefault(n.id(), List.of())));
            rows.clear();
            after = batch.get(batch.size() - 1).slug();
        }
    }

    void forEachDemand(String negotiation, DemandConsumer each) {
        long after = 0;
        while (true) {
            List<ExportRepository.DemandRow> batch = rows.demands(negotiation, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            List<Long> ids = batch.stream().map(ExportRepository.DemandRow::id).toList();
            Map<Long, List<String>> addressees = group(rows.addressees(ids));
            Map<Long, List<String>> coProposers = group(rows.coProposers(ids));
            Map<Long, List<String>> concerned = group(rows.concerned(ids));
            Map<Long, List<ExportRepository.ChangeRow>> changes = new HashMap<>();
            List<Long> changeIds = new ArrayList<>();
            for (ExportRepository.ChangeRow change : rows.changes(ids)) {
                changes.computeIfAbsent(change.demandId(), id -> new ArrayList<>()).add(change);
                changeIds.add(change.id());
            }
            Map<Long, List<ExportRepository.Cited>> cited = new HashMap<>();
            Map<Long, List<String>> conditions = new HashMap<>();
            for (int from = 0; from < changeIds.size(); from += BATCH) {
                List<Long> slice = changeIds.subList(from, Math.min(changeIds.size(), from + BATCH));
                rows.cited(slice)
                        .forEach(c -> cited.computeIfAbsent(c.change(), id -> new ArrayList<>()).add(c));
                rows.conditions(slice)
                        .forEach(c -> conditions.computeIfAbsent(c.change(), id -> new ArrayList<>()).add(c.demand()));
            }
            Terms terms = new Terms(cited, conditions);
            for (ExportRepository.DemandRow demand : batch) {
                each.accept(demand, new Roles(addressees.getOrDefault(demand.id(), List.of()),
                        coProposers.getOrDefault(demand.id(), List.of()), concerned.getOrDefault(demand.id(), List.of())),
                        changes.getOrDefault(demand.id(), List.of()), terms);
            }
            rows.clear();
            after = batch.get(batch.size() - 1).id();
        }
    }

    void forEachEvent(String negotiation, EventConsumer each) {
        String after = "";
        while (true) {
            List<ExportRepository.EventRow> batch = rows.events(negotiation, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            List<String> ids = batch.stream().map(ExportRepository.EventRow::id).toList();
            Map<String, List<String>> parties = items(rows.eventParties(ids));
            Map<String, List<String>> documents = items(rows.eventDocuments(ids));
            Map<String, List<String>> cited = items(rows.eventCitations(ids));
            batch.forEach(e -> each.accept(e, new EventLists(parties.getOrDefault(e.id(), List.of()),
                    documents.getOrDefault(e.id(), List.of()), cited.getOrDefault(e.id(), List.of()))));
            rows.clear();
            after = batch.get(batch.size() - 1).id();
        }
    }

    void forEachLink(String negotiation, LinkConsumer each) {
        String after = "";
        while (true) {
            List<ExportRepository.LinkRow> batch = rows.links(negotiation, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            Map<String, List<String>> cited = items(
                    rows.linkCitations(batch.stream().map(ExportRepository.LinkRow::id).toList()));
            batch.forEach(l -> each.accept(l, cited.getOrDefault(l.id(), List.of())));
            rows.clear();
            after = batch.get(batch.size() - 1).id();
        }
    }

    void forEachRevision(String negotiation, RowConsumer<ExportRepository.RevisionRow> each) throws IOException {
        long after = 0;
        while (true) {
            List<ExportRepository.RevisionRow> batch = rows.revisions(negotiation, after, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (ExportRepository.RevisionRow revision : batch) {
                each.accept(revision);
            }
            rows.clear();
            after = batch.get(batch.size() - 1).id();
        }
    }

    private static Map<String, List<String>> items(List<ExportRepository.Item> items) {
        Map<String, List<String>> grouped = new HashMap<>();
        items.forEach(i -> grouped.computeIfAbsent(i.owner(), id -> new ArrayList<>()).add(i.value()));
        return grouped;
    }

    private <T> void keyset(Function<String, List<T>> page, Function<T, String> key, String start, RowConsumer<T> each)
            throws IOException {
        String after = start;
        while (true) {
            List<T> batch = page.apply(after);
            if (batch.isEmpty()) {
                return;
            }
            for (T row : batch) {
                each.accept(row);
            }
            rows.clear();
            after = key.apply(batch.get(batch.size() - 1));
        }
    }

    private static Map<Long, List<String>> group(List<ExportRepository.Member> members) {
        Map<Long, List<String>> grouped = new HashMap<>();
        members.forEach(m -> grouped.computeIfAbsent(m.owner(), id -> new ArrayList<>()).add(m.party()));
        return grouped;
    }
}
