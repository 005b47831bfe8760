package dev.parley.citation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.parley.common.Clock;
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

    CitationService(SourceRepository sources, CitationRepository citations, ChangeLog changes) {
        this.sources = sources;
        this.citations = citations;
        this.changes = changes;
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
     * and new ones created from {@code inline} (errors at {@code /citations/i/source_id}).
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
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        List<Citation> attached = new ArrayList<>();
        for (int i = 0; i < inline.size(); i++) {
            attached.add(create(Ids.next("cit"), inlineSources.get(i), inline.get(i)));
        }
        ids.forEach(id -> attached.add(existing.get(id)));
        return attached;
    }

    /** Upserts a citation under the id a bundle gives it; answers true when it was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsertCitation(String id, CitationRequest request, String pointer) {
        Source source = sources.findById(request.sourceId()).orElseThrow(() -> new InvalidRequest(
                pointer + "/source_id", "no source with id '" + request.sourceId() + "'"));
        Optional<Citation> existing = citations.findById(id);
        if (existing.isEmpty()) {
            create(id, source, request);
            return true;
        }
        Citation citation = existing.get();
        if (!requestOf(citation).equals(request)) {
            fill(citation, source, request);
            changes.record(CitationChanges.citationUpdated(citation));
        }
        return false;
    }

    public static CitationRequest requestOf(Citation c) {
        return new CitationRequest(c.source.id, c.title, c.url, c.publishedOn, c.quote, c.speaker, c.kind,
                c.relation);
    }

    private Source createSource(String id, SourceRequest request) {
        Source source = new Source();
        source.id = id;
        source.createdAt = Clock.now();
        apply(source, request);
        sources.persist(source);
        changes.record(CitationChanges.sourceCreated(source));
        return source;
    }

    private Citation create(String id, Source source, CitationRequest request) {
        Citation citation = new Citation();
        citation.id = id;
        citation.createdAt = Clock.now();
        fill(citation, source, request);
        citations.persist(citation);
        changes.record(CitationChanges.citationCreated(citation));
        return citation;
    }

    private static void fill(Citation citation, Source source, CitationRequest request) {
        citation.source = source;
        citation.title = request.title();
        citation.url = request.url();
        citation.publishedOn = request.publishedOn();
        citation.quote = request.quote();
        citation.speaker = request.speaker();
        citation.kind = request.kind();
        citation.relation = request.relation();
    }

    private static void apply(Source source, SourceRequest request) {
        source.name = request.name();
        source.kind = request.kind();
        source.reliability = request.reliability();
        source.reliabilityNote = request.reliabilityNote();
        source.updatedAt = Clock.now();
    }
}
