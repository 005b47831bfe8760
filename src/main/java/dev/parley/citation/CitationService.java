package dev.parley.citation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.ApiException;
import dev.parley.common.Clocks;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;

/** Sources and the citations drawn from them. */
@ApplicationScoped
public class CitationService {

    private final SourceRepository sources;
    private final CitationRepository citations;
    private final ChangeLog changes;
    private final QuoteLocator quotes;

    private final Clock clock;

    CitationService(SourceRepository sources, CitationRepository citations, ChangeLog changes, QuoteLocator quotes,
            Clock clock) {
        this.clock = clock;
        this.sources = sources;
        this.citations = citations;
        this.changes = changes;
        this.quotes = quotes;
    }

    public Source requireSource(String id) {
        return sources.findById(id).orElseThrow(() -> new NotFound("source", id));
    }

    public Optional<Source> findSource(String id) {
        return sources.findById(id);
    }

    public Page<Source> listSources(PageRequest page) {
        return page.page(sources.page(page.after(), page.fetchSize()), s -> s.id);
    }

    public List<Source> allSources() {
        return sources.all();
    }

    @Transactional
    public Source createSource(SourceRequest request) {
        return createSource(Ids.next("src"), request);
    }

    @Transactional
    public Source updateSource(String id, UnaryOperator<SourceRequest> edit) {
        Source source = requireSource(id);
        changes.updating(CitationChanges.sourceUpdated(source));
        apply(source, edit.apply(SourceRequest.of(source)));
        changes.record(CitationChanges.sourceUpdated(source));
        return source;
    }

    /** Upserts a source under the id a bundle gives it; answers true when it was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsertSource(String id, SourceRequest request) {
        Optional<Source> existing = sources.findById(id);
        if (existing.isEmpty()) {
            createSource(id, request);
            return true;
        }
        if (!SourceRequest.of(existing.get()).equals(request)) {
            updateSource(id, current -> request);
        }
        return false;
    }

    public Citation requireCitation(String id) {
        return citations.findById(id).orElseThrow(() -> new NotFound("citation", id));
    }

    public Page<Citation> listCitations(CitationFilter filter, PageRequest page) {
        return page.page(citations.page(filter, page.after(), page.fetchSize()), c -> c.id);
    }

    public List<Citation> allCitations() {
        return citations.all();
    }

    /**
     * Resolves the citations a stance names: existing ones by id (errors at {@code /citation_ids/i})
     * and new ones created from {@code inline} (errors at {@code /citations/i/...}), each quote
     * anchored in the document it names.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Citation> attach(List<CitationRequest> inline, List<String> ids) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Citation> existing = new HashMap<>();
        if (!ids.isEmpty()) {
            citations.findByIds(ids).forEach(c -> existing.put(c.id, c));
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!existing.containsKey(ids.get(i))) {
                errors.add(new FieldError("/citation_ids/" + i, "no citation with id '" + ids.get(i) + "'"));
            }
        }
        List<Source> inlineSources = new ArrayList<>();
        for (int i = 0; i < inline.size(); i++) {
            Optional<Source> source = sources.findById(inline.get(i).sourceId());
            if (source.isEmpty()) {
                errors.add(new FieldError("/citations/" + i + "/source_id",
                        "no source with id '" + inline.get(i).sourceId() + "'"));
            }
            inlineSources.add(source.orElse(null));
            errors.addAll(check(inline.get(i), "/citations/" + i));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        // Every quote is anchored before anything is written.
        List<TextAnchor> anchors = new ArrayList<>();
        for (int i = 0; i < inline.size(); i++) {
            anchors.add(anchor(inline.get(i), "/citations/" + i));
        }
        List<Citation> attached = new ArrayList<>();
        for (int i = 0; i < inline.size(); i++) {
            attached.add(create(Ids.next("cit"), inlineSources.get(i), inline.get(i), anchors.get(i)));
        }
        ids.forEach(id -> attached.add(existing.get(id)));
        return attached;
    }

    /** Upserts a citation under the id a bundle gives it; answers true when it was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsertCitation(String id, CitationRequest request, String pointer) {
        Source source = sources.findById(request.sourceId()).orElseThrow(() -> new InvalidRequest(
                pointer + "/source_id", "no source with id '" + request.sourceId() + "'"));
        List<FieldError> errors = check(request, pointer);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        Optional<Citation> existing = citations.findById(id);
        if (existing.isPresent() && requestOf(existing.get()).equals(request)) {
            return false;
        }
        TextAnchor anchor = anchor(request, pointer);
        if (existing.isEmpty()) {
            create(id, source, request, anchor);
            return true;
        }
        Citation citation = existing.get();
        CitationRequest resolved = new CitationRequest(request.sourceId(), request.title(), request.url(),
                request.publishedOn(), request.quote(), request.speaker(), request.kind(), request.relation(),
                request.documentId(), anchor, request.via(), request.language(), request.translated(),
                request.originalQuote(), request.credibility());
        if (!requestOf(citation).equals(resolved)) {
            changes.updating(CitationChanges.citationUpdated(citation));
            fill(citation, source, request, anchor);
            changes.record(CitationChanges.citationUpdated(citation));
        }
        return false;
    }

    /** What the members say together that each alone cannot: an anchor needs a document, an original a translation. */
    private static List<FieldError> check(CitationRequest request, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (request.anchor() != null && request.documentId() == null) {
            errors.add(new FieldError(pointer + "/anchor", "needs document_id"));
        }
        if (request.originalQuote() != null && !Boolean.TRUE.equals(request.translated())) {
            errors.add(new FieldError(pointer + "/original_quote", "is only for a translated quote (translated: true)"));
        }
        TextAnchor anchor = request.anchor();
        if (anchor != null && anchor.start() != null && anchor.end() != null && anchor.end() < anchor.start()) {
            errors.add(new FieldError(pointer + "/anchor/end", "must not be before start"));
        }
        return errors;
    }

    /** The anchor to store, with the locator's pointers under the citation's. */
    private TextAnchor anchor(CitationRequest request, String pointer) {
        if (request.documentId() == null) {
            return null;
        }
        try {
            return quotes.anchor(request.documentId(), request.quote(), request.anchor());
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), e.title(), e.getMessage(), e.errors().stream()
                    .map(f -> new FieldError(pointer + f.pointer(), f.message())).toList());
        }
    }

    public static CitationRequest requestOf(Citation c) {
        return new CitationRequest(c.source.id, c.title, c.url, c.publishedOn, c.quote, c.speaker, c.kind,
                c.relation, c.documentId, c.anchor(), List.copyOf(c.via), c.language, c.translated, c.originalQuote,
                c.credibility);
    }

    private Source createSource(String id, SourceRequest request) {
        Source source = new Source();
        source.id = id;
        source.createdAt = Clocks.now(clock);
        apply(source, request);
        sources.persist(source);
        changes.record(CitationChanges.sourceCreated(source));
        return source;
    }

    private Citation create(String id, Source source, CitationRequest request, TextAnchor anchor) {
        Citation citation = new Citation();
        citation.id = id;
        citation.createdAt = Clocks.now(clock);
        fill(citation, source, request, anchor);
        citations.persist(citation);
        changes.record(CitationChanges.citationCreated(citation));
        return citation;
    }

    private static void fill(Citation citation, Source source, CitationRequest request, TextAnchor anchor) {
        citation.source = source;
        citation.title = request.title();
        citation.url = request.url();
        citation.publishedOn = request.publishedOn();
        citation.quote = request.quote();
        citation.speaker = request.speaker();
        citation.kind = request.kind();
        citation.relation = request.relation();
        citation.documentId = request.documentId();
        citation.anchorExact = anchor == null ? null : anchor.exact();
        citation.anchorPrefix = anchor == null ? null : anchor.prefix();
        citation.anchorSuffix = anchor == null ? null : anchor.suffix();
        citation.anchorStart = anchor == null ? null : anchor.start();
        citation.anchorEnd = anchor == null ? null : anchor.end();
        if (!citation.via.equals(request.via())) {
            citation.via = List.copyOf(request.via());
        }
        citation.language = request.language();
        citation.translated = request.translated();
        citation.originalQuote = request.originalQuote();
        citation.credibility = request.credibility();
    }

    private void apply(Source source, SourceRequest request) {
        source.name = request.name();
        source.kind = request.kind();
        source.reliability = request.reliability();
        source.reliabilityNote = request.reliabilityNote();
        source.updatedAt = Clocks.now(clock);
    }
}
