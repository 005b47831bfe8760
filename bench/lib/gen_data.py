"""Scaled copies of the seed case as import bundles of at most ~0.9 MiB each.

Copy k (k >= 1) of the seed is a negotiation '<seed slug>-c<k>' with the seed's 19 demands
('<demand slug>-c<k>'), their positions and whole histories, and its own copies of the 53 citations
('<citation id>_c<k>'); parties and sources are shared. The seed itself (copy 0) is loaded by the
service on first start, so a data set of N demands is the seed plus enough copies to reach N (the
last copy may be partial). Each bundle holds whole copies, so every citation a stance names is in
the same bundle or an earlier one.
"""
import json
import os
import sys

SEED_PATH = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'main', 'resources', 'seed',
                         'security-guarantees-2021.json')
MAX_BODY = 900_000  # the service refuses bodies over 1 MiB


def load_seed():
    with open(SEED_PATH, encoding='utf-8') as f:
        return json.load(f)


def seed_demand_count(seed):
    return len(seed['demands'])


def copy_parts(seed, k, limit=None):
    """(negotiation, citations, demands) of copy k, with at most `limit` demands."""
    suffix = '-c%d' % k
    cid = {c['id']: '%s_c%d' % (c['id'], k) for c in seed['citations']}
    negotiations = []
    for n in seed['negotiations']:
        n = dict(n)
        n['slug'] = n['slug'] + suffix
        n['title'] = (n['title'] + ' (bench copy %d)' % k)[:300]
        negotiations.append(n)
    nslug = {n['slug']: n['slug'] + suffix for n in seed['negotiations']}
    citations = []
    for c in seed['citations']:
        c = dict(c)
        c['id'] = cid[c['id']]
        # Copies carry no documents: their quotes stand without an anchor.
        c.pop('document_id', None)
        c.pop('anchor', None)
        citations.append(c)
    demands = []
    for d in seed['demands'][:limit]:
        d = json.loads(json.dumps(d))
        d['slug'] = d['slug'] + suffix
        d['negotiation'] = nslug[d['negotiation']]
        for p in d['positions']:
            for s in p['history']:
                s['citation_ids'] = [cid[x] for x in s['citation_ids']]
                for link in s.get('citation_links') or []:
                    link['citation_id'] = cid[link['citation_id']]
                # Copies carry no events; terms name the copy's own demands.
                s.pop('event_id', None)
                if s.get('counter'):
                    s['counter'] = s['counter'] + suffix
                if s.get('conditions'):
                    s['conditions'] = [x + suffix for x in s['conditions']]
        demands.append(d)
    return negotiations, citations, demands


def bundles(seed, first_copy, target_demands, already):
    """Yields (bundle_json_bytes, demands_in_it, next_copy) until `target_demands` demands exist,
    `already` being how many exist now and `first_copy` the next copy number."""
    per_copy = seed_demand_count(seed)
    k = first_copy
    have = already
    current = None
    current_demands = 0

    def empty():
        return {'format': 'parley-bundle/1', 'parties': seed['parties'], 'sources': seed['sources'],
                'citations': [], 'negotiations': [], 'demands': []}

    while have < target_demands:
        take = min(per_copy, target_demands - have)
        negotiations, citations, demands = copy_parts(seed, k, take)
        part = json.dumps({'n': negotiations, 'c': citations, 'd': demands}, separators=(',', ':'))
        if current is not None and current_size + len(part) > MAX_BODY:
            yield json.dumps(current, separators=(',', ':')).encode('utf-8'), current_demands, k
            current = None
        if current is None:
            current = empty()
            current_size = len(json.dumps(current, separators=(',', ':')))
            current_demands = 0
        current['negotiations'] += negotiations
        current['citations'] += citations
        current['demands'] += demands
        current_size += len(part)
        current_demands += take
        have += take
        k += 1
    if current is not None:
        yield json.dumps(current, separators=(',', ':')).encode('utf-8'), current_demands, k


if __name__ == '__main__':
    seed = load_seed()
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    total = 0
    for body, n, k in bundles(seed, 1, target, seed_demand_count(seed)):
        total += 1
        print(len(body), n, k)
    print('bundles', total)
