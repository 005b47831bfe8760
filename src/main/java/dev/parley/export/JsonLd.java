package dev.parley.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.party.PartyKind;

/**
 * The export as JSON-LD: schema.org for what the web already has words for (a demand and each
 * stance are a Claim, a citation a Quotation from a CreativeWork, parties and sources
 * Organizations or Persons, a negotiation an Event, a document a CreativeWork its citations are part
 * of), PROV wasDerivedFrom from a stance to the citations it rests on and from a citation to its
 * document, W3C Web Annotation selectors for a citation's anchor, and Parley's own terms under the served context. Node ids are
 * the API's
 * URLs of the same things.
 */
final class JsonLd {

    /** The served @context: term definitions only, the same for every export of this deployment. */
    static Map<String, Object> context(String base) {
        String vocab = base + ExportService.CONTEXT_PATH + "#";
        Map<String, Object> id = Map.of("@type", "@id");
        Map<String, Object> date = Map.of("@type", "xsd:date");
        return Map.of("@context", Map.ofEntries(
                Map.entry("@vocab", "https://schema.org/"),
                Map.entry("prov", "http://www.w3.org/ns/prov#"),
                Map.entry("xsd", "http://www.w3.org/2001/XMLSchema#"),
                Map.entry("parley", vocab),
                Map.entry("wasDerivedFrom", Map.of("@id", "prov:wasDerivedFrom", "@type", "@id")),
                Map.entry("author", id), Map.entry("about", id), Map.entry("publisher", id), Map.entry("attendee", id),
                Map.entry("isPartOf", id), Map.entry("sameAs", id), Map.entry("url", id),
                Map.entry("addressee", Map.of("@id", "parley:addressee", "@type", "@id")),
                Map.entry("coProposer", Map.of("@id", "parley:coProposer", "@type", "@id")),
                Map.entry("concerned", Map.of("@id", "parley:concerned", "@type", "@id")),
                Map.entry("inseparable", Map.of("@id", "parley:inseparable", "@type", "xsd:boolean")),
                Map.entry("condition", Map.of("@id", "parley:condition", "@type", "@id")),
                Map.entry("counter", Map.of("@id", "parley:counter", "@type", "@id")),
                Map.entry("event", Map.of("@id", "parley:event", "@type", "@id")),
                Map.entry("linkFrom", Map.of("@id", "parley:linkFrom", "@type", "@id")),
                Map.entry("linkTo", Map.of("@id", "parley:linkTo", "@type", "@id")),
                Map.entry("superEvent", id), Map.entry("citation", id), Map.entry("changeSummary", "parley:changeSummary"),
                Map.entry("precision", "parley:precision"),
                Map.entry("status", "parley:status"), Map.entry("role", "parley:role"),
                Map.entry("kind", "parley:kind"), Map.entry("reliability", "parley:reliability"),
                Map.entry("relation", "parley:relation"), Map.entry("recordedBy", "parley:recordedBy"),
                Map.entry("basis", "parley:basis"), Map.entry("effectiveOnPrecision", "parley:effectiveOnPrecision"),
                Map.entry("changeKind", "parley:changeKind"), Map.entry("reason", "parley:reason"),
                Map.entry("corrects", Map.of("@id", "parley:corrects", "@type", "@id")),
                Map.entry("effectiveOn", Map.of("@id", "parley:effectiveOn", "@type", "xsd:date")),
                Map.entry("startDate", date), Map.entry("endDate", date), Map.entry("datePublished", date),
                Map.entry("dateCreated", Map.of("@type", "xsd:dateTime")),
                Map.entry("oa", "http://www.w3.org/ns/oa#"),
                Map.entry("archivedAt", id), Map.entry("dateRetrieved", Map.of("@id", "parley:dateRetrieved",
                        "@type", "xsd:dateTime")),
                Map.entry("textHeld", Map.of("@id", "parley:textHeld", "@type", "xsd:boolean")),
                Map.entry("textSha256", "parley:textSha256"),
                Map.entry("textLength", Map.of("@id", "parley:textLength", "@type", "xsd:integer")),
                Map.entry("via", Map.of("@id", "parley:via", "@container", "@list")),
                Map.entry("translated", Map.of("@id", "parley:translated", "@type", "xsd:boolean")),
                Map.entry("originalQuote", "parley:originalQuote"),
                Map.entry("credibility", Map.of("@id", "parley:credibility", "@type", "xsd:integer")),
                Map.entry("selector", Map.of("@id", "oa:hasSelector")),
                Map.entry("exact", "oa:exact"), Map.entry("prefix", "oa:prefix"), Map.entry("suffix", "oa:suffix"),
                Map.entry("start", Map.of("@id", "oa:start", "@type", "xsd:nonNegativeInteger")),
                Map.entry("end", Map.of("@id", "oa:end", "@type", "xsd:nonNegativeInteger"))));
    }

    private final ObjectMapper mapper;
    private final String base;

    JsonLd(ObjectMapper mapper, String base) {
        this.mapper = mapper;
        this.base = base;
    }

    void write(ExportService export, String negotiation, OutputStream out) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("@context", base + ExportService.CONTEXT_PATH);
            json.writeArrayFieldStart("@graph");
            export.forEachParty(negotiation, p -> {
                json.writeStartObject();
                json.writeStringField("@id", base + "/parties/" + p.slug());
                json.writeStringField("@type", p.kind() == PartyKind.PERSON ? "Person" : "Organization");
                json.writeStringField("identifier", p.slug());
                json.writeStringField("name", p.name());
                json.writeStringField("kind", p.kind().name());
                if (p.wikidataId() != null) {
                    json.writeStringField("sameAs", "http://www.wikidata.org/entity/" + p.wikidataId());
                }
                json.writeEndObject();
            });
            export.forEachSource(negotiation, s -> {
                json.writeStartObject();
                json.writeStringField("@id", base + "/sources/" + s.id());
                json.writeStringField("@type", "Organization");
                json.writeStringField("name", s.name());
                json.writeStringField("kind", s.kind().name());
                json.writeStringField("reliability", s.reliability().name());
                json.writeEndObject();
            });
            // Documents quoted from: CreativeWorks of their own, which citations are part of.
            export.forEachDocument(negotiation, d -> {
                json.writeStartObject();
                json.writeStringField("@id", base + "/documents/" + d.id());
                json.writeStringField("@type", "CreativeWork");
                json.writeStringField("identifier", d.id());
                json.writeStringField("headline", d.title());
                if (d.url() != null) {
                    json.writeStringField("url", d.url());
                }
                if (d.archivedUrl() != null) {
                    json.writeStringField("archivedAt", d.archivedUrl());
                }
                if (d.sourceId() != null) {
                    json.writeStringField("publisher", base + "/sources/" + d.sourceId());
                }
                if (d.publishedOn() != null) {
                    json.writeStringField("datePublished", d.publishedOn().toString());
                }
                json.writeStringField("precision", d.publishedOnPrecision().name());
                if (d.retrievedAt() != null) {
                    json.writeStringField("dateRetrieved", d.retrievedAt().toString());
                }
                if (d.language() != null) {
                    json.writeStringField("inLanguage", d.language());
                }
                json.writeBooleanField("textHeld", d.textHeld());
                if (d.textSha256() != null) {
                    json.writeStringField("textSha256", d.textSha256());
                }
                if (d.textLength() != null) {
                    json.writeNumberField("textLength", d.textLength());
                }
                json.writeEndObject();
            });
            export.forEachCitation(negotiation, c -> {
                json.writeStartObject();
                json.writeStringField("@id", base + "/citations/" + c.id());
                json.writeStringField("@type", "Quotation");
                json.writeStringField("text", c.quote());
                if (c.speaker() != null) {
                    json.writeObjectFieldStart("creator");
                    json.writeStringField("name", c.speaker());
                    json.writeEndObject();
                }
                json.writeStringField("kind", c.kind().name());
                json.writeStringField("relation", c.relation().name());
                // The work quoted from: the article or document, published by the source.
                json.writeObjectFieldStart("isBasedOn");
                json.writeStringField("@type", "CreativeWork");
                json.writeStringField("headline", c.title());
                if (c.url() != null) {
                    json.writeStringField("url", c.url());
                }
                if (c.publishedOn() != null) {
                    json.writeStringField("datePublished", c.publishedOn().toString());
                }
                json.writeStringField("publisher", base + "/sources/" + c.sourceId());
                json.writeEndObject();
                if (c.documentId() != null) {
                    String document = base + "/documents/" + c.documentId();
                    json.writeStringField("isPartOf", document);
                    json.writeStringField("wasDerivedFrom", document);
                    anchor(json, c);
                }
                if (!c.via().isEmpty()) {
                    json.writeArrayFieldStart("via");
                    for (String relay : c.via()) {
                        json.writeString(relay);
                    }
                    json.writeEndArray();
                }
                if (c.language() != null) {
                    json.writeStringField("inLanguage", c.language());
                }
                if (c.translated() != null) {
                    json.writeBooleanField("translated", c.translated());
                }
                if (c.originalQuote() != null) {
                    json.writeStringField("originalQuote", c.originalQuote());
                }
                if (c.credibility() != null) {
                    json.writeNumberField("credibility", c.credibility());
                }
                json.writeEndObject();
            });
            export.forEachNegotiation(negotiation, (n, participants) -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("@id", base + "/negotiations/" + n.slug());
                    json.writeStringField("@type", "Event");
                    json.writeStringField("identifier", n.slug());
                    json.writeStringField("name", n.title());
                    if (n.summary() != null) {
                        json.writeStringField("description", n.summary());
                    }
                    json.writeStringField("startDate", n.startedOn().toString());
                    if (n.endedOn() != null) {
                        json.writeStringField("endDate", n.endedOn().toString());
                    }
                    ids(json, "attendee", "/parties/", participants);
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            export.forEachDemand(negotiation, (d, roles, changes, terms) -> {
                try {
                    String demand = base + "/demands/" + d.slug();
                    json.writeStartObject();
                    json.writeStringField("@id", demand);
                    json.writeStringField("@type", "Claim");
                    json.writeStringField("identifier", d.slug());
                    json.writeStringField("name", d.title());
                    json.writeStringField("text", d.text());
                    json.writeStringField("author", base + "/parties/" + d.proposer());
                    ids(json, "addressee", "/parties/", roles.addressees());
                    if (!roles.coProposers().isEmpty()) {
                        ids(json, "coProposer", "/parties/", roles.coProposers());
                    }
                    if (!roles.concerned().isEmpty()) {
                        ids(json, "concerned", "/parties/", roles.concerned());
                    }
                    if (d.inseparable()) {
                        json.writeBooleanField("inseparable", true);
                    }
                    json.writeStringField("about", base + "/negotiations/" + d.negotiation());
                    json.writeStringField("keywords", d.topic());
                    json.writeStringField("kind", d.kind().name());
                    json.writeStringField("status", d.status().name());
                    json.writeStringField("dateCreated", d.tabledOn().toString());
                    json.writeEndObject();
                    for (ExportRepository.ChangeRow c : changes) {
                        json.writeStartObject();
                        json.writeStringField("@id", demand + "/positions/" + c.party() + "/history#change-" + c.id());
                        json.writeStringField("@type", "Claim");
                        json.writeStringField("author", base + "/parties/" + c.party());
                        json.writeStringField("about", demand);
                        json.writeStringField("role", c.role().name());
                        json.writeStringField("status", c.status().name());
                        json.writeStringField("effectiveOn", c.effectiveOn().toString());
                        if (c.note() != null) {
                            json.writeStringField("text", c.note());
                        }
                        json.writeStringField("dateCreated", c.recordedAt().toString());
                        json.writeStringField("recordedBy", c.recordedBy());
                        if (c.basis() != null) {
                            json.writeStringField("basis", c.basis().name());
                        }
                        json.writeStringField("effectiveOnPrecision", c.precision().name());
                        json.writeStringField("changeKind", c.kind().name());
                        if (c.corrects() != null) {
                            json.writeStringField("corrects", demand + "/positions/" + c.party() + "/history#change-"
                                    + c.corrects());
                            json.writeStringField("reason", c.reason());
                        }
                        List<String> evidence = terms.citationIds(c.id());
                        if (!evidence.isEmpty()) {
                            ids(json, "wasDerivedFrom", "/citations/", evidence);
                        }
                        List<String> conditions = terms.conditions().getOrDefault(c.id(), List.of());
                        if (!conditions.isEmpty()) {
                            ids(json, "condition", "/demands/", conditions);
                        }
                        if (c.counter() != null) {
                            json.writeStringField("counter", base + "/demands/" + c.counter());
                        }
                        if (c.eventId() != null) {
                            json.writeStringField("event",
                                    base + "/negotiations/" + d.negotiation() + "/events/" + c.eventId());
                        }
                        json.writeEndObject();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // Rounds of a negotiation: schema.org Events within the negotiation's.
            export.forEachEvent(negotiation, (e, lists) -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("@id", base + "/negotiations/" + e.negotiation() + "/events/" + e.id());
                    json.writeStringField("@type", "Event");
                    json.writeStringField("identifier", e.id());
                    json.writeStringField("name", e.title());
                    json.writeStringField("kind", e.kind().name());
                    json.writeStringField("startDate", e.occurredOn().toString());
                    if (e.occurredOnPrecision() != null) {
                        json.writeStringField("precision", e.occurredOnPrecision().name());
                    }
                    if (e.note() != null) {
                        json.writeStringField("description", e.note());
                    }
                    json.writeStringField("superEvent", base + "/negotiations/" + e.negotiation());
                    ids(json, "attendee", "/parties/", lists.parties());
                    if (!lists.citationIds().isEmpty()) {
                        ids(json, "citation", "/citations/", lists.citationIds());
                    }
                    json.writeEndObject();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            export.forEachLink(negotiation, (l, citationIds) -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("@id", base + "/demands/" + l.demand() + "/links/" + l.id());
                    json.writeStringField("@type", "parley:Link");
                    json.writeStringField("kind", l.type().name());
                    json.writeStringField("linkFrom", base + "/demands/" + l.demand());
                    json.writeStringField("linkTo", base + "/demands/" + l.target());
                    if (l.note() != null) {
                        json.writeStringField("description", l.note());
                    }
                    if (!citationIds.isEmpty()) {
                        ids(json, "wasDerivedFrom", "/citations/", citationIds);
                    }
                    json.writeEndObject();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            // An earlier wording: a version of the demand's Claim, as its revisions endpoint lists it.
            export.forEachRevision(negotiation, r -> {
                json.writeStartObject();
                json.writeStringField("@id", base + "/demands/" + r.demand() + "/revisions#revision-" + r.id());
                json.writeStringField("@type", "Claim");
                json.writeStringField("name", r.title());
                json.writeStringField("text", r.text());
                json.writeStringField("isPartOf", base + "/demands/" + r.demand());
                json.writeStringField("dateCreated", r.changedAt().toString());
                json.writeStringField("recordedBy", r.changedBy());
                if (r.changeSummary() != null) {
                    json.writeStringField("changeSummary", r.changeSummary());
                }
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** The anchor as W3C Web Annotation selectors: the quote with its context, and its code-point offsets. */
    private static void anchor(JsonGenerator json, ExportRepository.CitationRow c) throws IOException {
        json.writeArrayFieldStart("selector");
        json.writeStartObject();
        json.writeStringField("@type", "oa:TextQuoteSelector");
        json.writeStringField("exact", c.anchorExact());
        if (c.anchorPrefix() != null) {
            json.writeStringField("prefix", c.anchorPrefix());
        }
        if (c.anchorSuffix() != null) {
            json.writeStringField("suffix", c.anchorSuffix());
        }
        json.writeEndObject();
        if (c.anchorStart() != null && c.anchorEnd() != null) {
            json.writeStartObject();
            json.writeStringField("@type", "oa:TextPositionSelector");
            json.writeNumberField("start", c.anchorStart());
            json.writeNumberField("end", c.anchorEnd());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void ids(JsonGenerator json, String field, String path, List<String> keys) throws IOException {
        json.writeArrayFieldStart(field);
        for (String key : keys) {
            json.writeString(base + path + key);
        }
        json.writeEndArray();
    }
}
