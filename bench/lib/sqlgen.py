"""Bulk data for 10k/100k demands: scaled copies of the seed written as CSV and loaded with SQL.

Copy k of the seed gets the same rows the import API would write for it (negotiation, participants,
citations, demands, addressees, positions, the whole history with its citation links), with the
derived fields computed here by the service's own rules: a position's current stance is the last
one recorded whose day is not before the current one (Position.record), and a demand's status
follows the five rules of DemandStatus.derive. Parties and sources are the seed's and are shared.

What SQL skips, by design: change_log, webhook_delivery and resource_version rows. The feed does not
list bulk-loaded rows, and their ETags start from version 0, which is what a never-written scope has.

Ids are deterministic per copy and far above anything the service generates itself
(BASE + k * stride + i), so loads can be repeated for further copies; the identity columns are
restarted above the highest id afterwards, so the service's own inserts never collide.
"""
import csv
import json
import os

import gen_data

BASE = 100_000_000
STRIDE = {'negotiation': 1, 'demand': 100, 'demand_position': 200, 'position_change': 1000}
TS = '2026-11-22 00:00:00+00'
AGREEING = {'ACCEPTED', 'CODIFIED'}
ENGAGING = {'OPEN_TO_DISCUSSION', 'COUNTER_PROPOSED', 'CONDITIONALLY_ACCEPTED', 'ACCEPTED', 'CODIFIED'}

COLUMNS = {
    'negotiation': ['id', 'slug', 'title', 'summary', 'started_on', 'ended_on', 'created_at', 'updated_at'],
    'negotiation_participant': ['negotiation_id', 'party_id', 'ordinal'],
    'citation': ['id', 'source_id', 'title', 'url', 'published_on', 'quote', 'speaker', 'kind', 'relation',
                 'created_at'],
    'demand': ['id', 'slug', 'negotiation_id', 'proposer_id', 'title', 'text', 'topic', 'kind', 'tabled_on',
               'status', 'created_at', 'updated_at'],
    'demand_addressee': ['demand_id', 'party_id', 'ordinal'],
    'demand_position': ['id', 'demand_id', 'party_id', 'role', 'status', 'effective_on', 'current_change_id'],
    'position_change': ['id', 'position_id', 'status', 'effective_on', 'note', 'recorded_at', 'recorded_by'],
    'position_change_citation': ['change_id', 'citation_id', 'ordinal', 'relation'],
}
IDENTITY_TABLES = ['negotiation', 'demand', 'demand_position', 'position_change']


def ts(instant):
    # '2026-11-22T00:00:01Z' -> '2026-11-22 00:00:01+00', which PostgreSQL and H2 both read
    return instant.replace('T', ' ').replace('Z', '+00')


def derive(proposer, addressees):
    if proposer == 'WITHDRAWN':
        return 'WITHDRAWN'
    if addressees and all(a in AGREEING for a in addressees):
        return 'AGREED'
    if any(a in ENGAGING for a in addressees):
        return 'IN_NEGOTIATION'
    if 'REJECTED' in addressees:
        return 'REJECTED'
    return 'PENDING'


def write_copies(seed, parties, first_copy, target_demands, already, out_dir):
    """Writes one CSV per table for the copies needed to go from `already` to `target_demands`
    demands. `parties` maps party slug to id. Answers (next_copy, demands_written, rows_by_table)."""
    os.makedirs(out_dir, exist_ok=True)
    files = {t: open(os.path.join(out_dir, t + '.csv'), 'w', newline='', encoding='utf-8') for t in COLUMNS}
    writers = {t: csv.writer(f, lineterminator='\n') for t, f in files.items()}
    rows = {t: 0 for t in COLUMNS}

    def put(table, *values):
        writers[table].writerow(['' if v is None else v for v in values])
        rows[table] += 1

    per_copy = len(seed['demands'])
    k = first_copy
    have = already
    written = 0
    try:
        while have < target_demands:
            take = min(per_copy, target_demands - have)
            negotiations, citations, demands = gen_data.copy_parts(seed, k, take)
            nid = {}
            for i, n in enumerate(negotiations):
                nid[n['slug']] = BASE + k * STRIDE['negotiation'] + i
                put('negotiation', nid[n['slug']], n['slug'], n['title'], n.get('summary'), n['started_on'],
                    n.get('ended_on'), TS, TS)
                for o, p in enumerate(n['participants']):
                    put('negotiation_participant', nid[n['slug']], parties[p], o)
            relation_of = {c['id']: c['relation'] for c in citations}
            for c in citations:
                put('citation', c['id'], c['source_id'], c['title'], c.get('url'), c.get('published_on'),
                    c['quote'], c.get('speaker'), c['kind'], c['relation'], TS)
            position_seq = 0
            change_seq = 0
            for i, d in enumerate(demands):
                did = BASE + k * STRIDE['demand'] + i
                histories = {p['party']: p['history'] for p in d['positions']}
                involved = [(d['proposer'], 'PROPOSER', 'TABLED')] + [(a, 'ADDRESSEE', 'UNASSESSED')
                                                                     for a in d['addressees']]
                proposer_status = 'UNASSESSED'
                addressee_statuses = []
                position_rows = []
                change_rows = []
                for party, role, opening in involved:
                    pid = BASE + k * STRIDE['demand_position'] + position_seq
                    position_seq += 1
                    history = histories.get(party)
                    if history is None:  # the opening stance the service gives a party left out
                        history = [{'status': opening, 'effective_on': d['tabled_on'], 'note': None,
                                    'citation_ids': [], 'recorded_at': '2026-11-22T00:00:00Z',
                                    'recorded_by': 'bench'}]
                    status, effective, current = 'UNASSESSED', d['tabled_on'], None
                    for s in history:
                        cid = BASE + k * STRIDE['position_change'] + change_seq
                        change_seq += 1
                        change_rows.append((cid, pid, s))
                        if current is None or s['effective_on'] >= effective:  # Position.record
                            status, effective, current = s['status'], s['effective_on'], cid
                    position_rows.append((pid, did, parties[party], role, status, effective, current))
                    if role == 'PROPOSER':
                        proposer_status = status
                    else:
                        addressee_statuses.append(status)
                put('demand', did, d['slug'], nid[d['negotiation']], parties[d['proposer']], d['title'], d['text'],
                    d['topic'], d['kind'], d['tabled_on'], derive(proposer_status, addressee_statuses), TS, TS)
                for o, a in enumerate(d['addressees']):
                    put('demand_addressee', did, parties[a], o)
                for row in position_rows:
                    put('demand_position', *row)
                for cid, pid, s in change_rows:
                    put('position_change', cid, pid, s['status'], s['effective_on'], s.get('note'),
                        ts(s['recorded_at']), s['recorded_by'])
                    # A link takes the relation its citation was created with (V61); the seed's
                    # citation_links are left out of the copies.
                    for o, c in enumerate(s['citation_ids']):
                        put('position_change_citation', cid, c, o, relation_of[c])
            have += take
            written += take
            k += 1
    finally:
        for f in files.values():
            f.close()
    return k, written, rows


def restart_ids(next_copy):
    """Statements (the same in PostgreSQL and H2) that move identity columns above the loaded ids."""
    return ['alter table %s alter column id restart with %d' % (t, BASE + (next_copy + 1) * STRIDE[t])
            for t in IDENTITY_TABLES]


def postgres_script(out_dir, next_copy):
    lines = ['\\set ON_ERROR_STOP on', 'begin;']
    for table, cols in COLUMNS.items():
        lines.append("\\copy %s (%s) from '%s' with (format csv)" % (table, ', '.join(cols),
                                                                       os.path.join(out_dir, table + '.csv')))
    lines += [s + ';' for s in restart_ids(next_copy)]
    lines += ['commit;', 'analyze;']
    return '\n'.join(lines) + '\n'


def h2_script(out_dir, next_copy):
    lines = []
    for table, cols in COLUMNS.items():
        lines.append("insert into %s (%s) select * from csvread('%s', '%s', 'charset=UTF-8');"
                     % (table, ', '.join(cols), os.path.join(out_dir, table + '.csv'), ','.join(cols)))
    lines += [s + ';' for s in restart_ids(next_copy)]
    lines.append('analyze;')
    return '\n'.join(lines) + '\n'


if __name__ == '__main__':
    import sys
    seed = gen_data.load_seed()
    parties = {'russia': 1, 'united-states': 2, 'nato': 3, 'ukraine': 4}
    k, n, rows = write_copies(seed, parties, 1, int(sys.argv[1]), len(seed['demands']), sys.argv[2])
    print(json.dumps({'next_copy': k, 'demands': n, 'rows': rows}))
