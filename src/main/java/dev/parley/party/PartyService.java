package dev.parley.party;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.parley.common.Clocks;
import dev.parley.common.Conflict;
import dev.parley.common.FieldError;
import dev.parley.common.InvalidRequest;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.feed.ChangeLog;

/** Creates, changes and deletes parties, each in one transaction with its change-log entry. */
@ApplicationScoped
public class PartyService {

    private final PartyRepository parties;
    private final ChangeLog changes;

    private final Clock clock;

    PartyService(PartyRepository parties, ChangeLog changes, Clock clock) {
        this.clock = clock;
        this.parties = parties;
        this.changes = changes;
    }

    public Party require(String slug) {
        return parties.findBySlug(slug).orElseThrow(() -> new NotFound("party", slug));
    }

    public Optional<Party> find(String slug) {
        return parties.findBySlug(slug);
    }

    /**
     * Resolves the slugs a request names, in order; unknown ones fail as 400 at {@code pointer/i}.
     */
    public List<Party> resolve(List<String> slugs, String pointer) {
        Map<String, Party> found = new LinkedHashMap<>();
        parties.findBySlugs(slugs).forEach(p -> found.put(p.slug, p));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < slugs.size(); i++) {
            if (!found.containsKey(slugs.get(i))) {
                errors.add(new FieldError(pointer + "/" + i, "no party with slug '" + slugs.get(i) + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return slugs.stream().map(found::get).toList();
    }

    public List<Party> all() {
        return parties.all();
    }

    public Page<Party> list(PageRequest page) {
        return page.page(parties.page(page.after(), page.fetchSize()), p -> p.slug);
    }

    @Transactional
    public Party create(PartyRequest request) {
        if (parties.findBySlug(request.slug()).isPresent()) {
            throw new Conflict("SLUG_TAKEN", "A party with slug '" + request.slug() + "' exists.");
        }
        Party party = new Party();
        party.slug = request.slug();
        party.createdAt = Clocks.now(clock);
        apply(party, request);
        parties.persist(party);
        changes.record(PartyChanges.created(party));
        return party;
    }

    @Transactional
    public Party update(String slug, UnaryOperator<PartyRequest> edit) {
        Party party = require(slug);
        changes.updating(PartyChanges.updated(party));
        PartyRequest request = edit.apply(PartyRequest.of(party));
        if (!slug.equals(request.slug())) {
            throw new InvalidRequest("/slug", "is immutable");
        }
        apply(party, request);
        changes.record(PartyChanges.updated(party));
        return party;
    }

    /** Upserts from an imported bundle; answers true when the party was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean upsert(PartyRequest request) {
        Optional<Party> existing = parties.findBySlug(request.slug());
        if (existing.isEmpty()) {
            create(request);
            return true;
        }
        Party party = existing.get();
        if (!PartyRequest.of(party).equals(request)) {
            changes.updating(PartyChanges.updated(party));
            apply(party, request);
            changes.record(PartyChanges.updated(party));
        }
        return false;
    }

    @Transactional
    public void delete(String slug) {
        Party party = require(slug);
        try {
            parties.deleteNow(party);
        } catch (PersistenceException e) {
            throw new Conflict("PARTY_REFERENCED",
                    "Party '" + slug + "' is a participant, proposer or addressee; remove those references first.");
        }
        changes.record(PartyChanges.deleted(slug));
    }

    private void apply(Party party, PartyRequest request) {
        party.name = request.name();
        party.kind = request.kind();
        party.wikidataId = request.wikidataId();
        party.updatedAt = Clocks.now(clock);
    }
}
