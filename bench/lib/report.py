"""Writes BENCHMARKS.md and bench/results/chart.svg from a results JSON (bench/results/latest.json)."""
import html
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)


def fmt(v, digits=1):
    if v is None:
        return '—'
    if isinstance(v, bool):
        return 'yes' if v else 'no'
    if isinstance(v, float):
        if abs(v) >= 100:
            return '{:,.0f}'.format(v)
        return ('{:.%df}' % digits).format(v)
    if isinstance(v, int):
        return '{:,}'.format(v)
    return str(v)


def met(v):
    return {True: '**yes**', False: '**NO**', None: '—'}[v]


def scale(v):
    return '—' if v is None else ('%gk' % (v / 1000) if v >= 1000 else str(v))


# ---------------------------------------------------------------- SVG

def svg_chart(res):
    W = 860
    parts = []
    y = 10

    def text(x, y, s, size=12, anchor='start', weight='normal', fill='#222'):
        parts.append('<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" font-weight="%s" fill="%s">%s</text>'
                     % (x, y, size, anchor, weight, fill, html.escape(str(s))))

    def rect(x, y, w, h, fill):
        parts.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>' % (x, y, max(0, w), h, fill))

    def line(x1, y1, x2, y2, stroke='#222', width=1, dash=None):
        parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%s"%s/>'
                     % (x1, y1, x2, y2, stroke, width, ' stroke-dasharray="%s"' % dash if dash else ''))

    # Panel 1: throughput as a share of /q/health/live, with the goal marked.
    rows = [r for r in res['rows'] if r['scenario'] in ('S1', 'S2', 'S3') and r['ratio'] is not None]
    text(10, y + 16, 'Throughput relative to /q/health/live in the same run (wrk %d threads, %d connections, %d s)'
         % (res['params']['threads'], res['params']['connections'], res['params']['duration']), 14, weight='bold')
    y += 30
    left, right = 250, W - 60
    top_ratio = max([1.0] + [r['ratio'] for r in rows])
    sx = (right - left) / top_ratio
    for r in rows:
        label = '%s %s, %s demands' % (r['scenario'], r['db'], scale(r['scale']))
        text(left - 8, y + 13, label, 12, 'end')
        rect(left, y + 2, r['ratio'] * sx, 14, '#3b7dd8' if r['met'] else '#d8553b')
        text(left + r['ratio'] * sx + 4, y + 13, '%.2f' % r['ratio'], 11)
        goal = float(r['goal'].split('>=')[1].split('x')[0])
        line(left + goal * sx, y, left + goal * sx, y + 18, '#111', 2)
        y += 20
    line(left, y, right, y, '#888')
    for t in [0, 0.25, 0.5, 0.75, 1.0] + ([1.5, 2.0] if top_ratio > 1.4 else []):
        if t <= top_ratio:
            line(left + t * sx, y, left + t * sx, y + 4, '#888')
            text(left + t * sx, y + 16, '%g' % t, 10, 'middle', fill='#555')
    text(left, y + 32, 'bar: scenario req/s ÷ health/live req/s (blue: goal met, red: missed); black tick: goal', 11,
         fill='#555')
    y += 50

    # Panel 2: stance writes per second on PostgreSQL, beside the commit ceiling of the same run.
    s4 = [r for r in res['rows'] if r['scenario'] in ('S4', 'W', 'W-batch')]
    ceiling = next((r['measured'] for r in res['rows'] if r['scenario'] == 'S4-ceiling'), None)
    if s4:
        text(10, y + 16, 'Stance writes per second (goal on PostgreSQL: 0.6 of the serialized-commit ceiling)', 14,
             weight='bold')
        y += 30
        top = max([ceiling or 0] + [r['measured'] for r in s4]) * 1.1
        sx = (right - left) / top
        for r in s4:
            text(left - 8, y + 13, '%s %s' % (r['scenario'], r['db']), 12, 'end')
            rect(left, y + 2, r['measured'] * sx, 14, '#3b7dd8' if r['met'] in (True, None) else '#d8553b')
            text(left + r['measured'] * sx + 4, y + 13, '%.0f/s' % r['measured'], 11)
            y += 20
        if ceiling:
            goal = 0.6 * ceiling
            line(left + goal * sx, y - 20 * len(s4), left + goal * sx, y, '#111', 2, '4,3')
            text(left + goal * sx + 4, y + 12, '0.6 × %.0f/s' % ceiling, 10, fill='#555')
        y += 30

    # Panel 3: S5 latency at fixed arrival rates.
    s5 = res.get('s5') or {}
    if s5:
        text(10, y + 16, 'S5 latency from intended start, 90% polls / 10% writes, fixed arrival rates', 14,
             weight='bold')
        y += 30
        h = 180
        runs = [(db, run) for db, out in s5.items() for run in out['runs']]
        rates = sorted({run['rate'] for _, run in runs})
        vals = [run['all'].get('latency_ms', {}).get(p) for _, run in runs for p in ('p50', 'p99')]
        vals = [v for v in vals if v]
        top = max(vals + [1.0]) * 1.15
        x0, x1 = left, right
        line(x0, y + h, x1, y + h, '#888')
        line(x0, y, x0, y + h, '#888')
        for t in range(5):
            v = top * t / 4
            line(x0 - 4, y + h - h * t / 4, x0, y + h - h * t / 4, '#888')
            text(x0 - 8, y + h - h * t / 4 + 4, '%.1f ms' % v, 10, 'end', fill='#555')

        def px(i):
            return x0 + (x1 - x0) * ((i + 0.5) / max(1, len(rates)))
        for i, rate in enumerate(rates):
            text(px(i), y + h + 16, '%g req/s' % rate, 10, 'middle', fill='#555')
        colors = {'h2': '#3b7dd8', 'postgresql': '#2a9d5c'}
        legend_y = y + 6
        for db, out in s5.items():
            for p, dash in (('p50', None), ('p99', '5,3')):
                pts = []
                for run in out['runs']:
                    v = run['all'].get('latency_ms', {}).get(p)
                    if v is not None:
                        pts.append((px(rates.index(run['rate'])), y + h - h * v / top))
                if len(pts) > 1:
                    parts.append('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>' % (
                        colors.get(db, '#888'), ' stroke-dasharray="%s"' % dash if dash else '',
                        ' '.join('%.1f,%.1f' % pt for pt in pts)))
                for pt in pts:  # p50 filled, p99 open
                    parts.append('<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="%s" stroke-width="2"/>' % (
                        pt[0], pt[1], colors.get(db, '#888') if p == 'p50' else '#fff', colors.get(db, '#888')))
                text(x1 - 150, legend_y + 4, '%s %s (%s)' % (db, p, 'filled' if p == 'p50' else 'open'), 11,
                     fill=colors.get(db, '#888'))
                line(x1 - 180, legend_y, x1 - 155, legend_y, colors.get(db, '#888'), 2, dash)
                legend_y += 14
        y += h + 30
    text(10, y + 10, 'Generated by bench/run.sh (%s run, %s); the machine was shared, so absolute numbers are noisy.'
         % (res['mode'], res.get('started_at', '')), 10, fill='#777')
    y += 20
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
            'font-family="Helvetica, Arial, sans-serif">\n<rect width="100%%" height="100%%" fill="#fff"/>\n%s\n</svg>\n'
            % (W, y, W, y, '\n'.join(parts)))


# ---------------------------------------------------------------- Markdown

def markdown(res, chart_rel):
    out = []
    w = out.append
    m = res['machine']
    w('# Benchmarks\n')
    w('Generated by `bench/run.sh%s` from `bench/results/latest.json` (%s run started %s, commit %s, %s s). '
      'Rerun the script to regenerate this page, the JSON and the chart; `bench/run.sh --quick` is a short smoke run '
      'of every scenario at 1k demands.\n' % (' --quick' if res['mode'] == 'quick' else '', res['mode'],
                                              res.get('started_at'), m.get('commit'), fmt(res.get('elapsed_s'))))
    w('Machine: %s CPUs, %s GB, %s, %s; load average %s before and %s after the run. **Numbers from a shared or '
      'loaded machine are noisy; the ratios to `/q/health/live` measured back to back in the same run are the '
      'figures to compare.**\n' % (m.get('cpus'), m.get('mem_gb'), m.get('java'), m.get('wrk'),
                                   '/'.join('%.1f' % x for x in m.get('loadavg_before', [])),
                                   '/'.join('%.1f' % x for x in m.get('loadavg_after', []))))
    w('![benchmark chart](%s)\n' % chart_rel)
    w('## Results\n')
    w('Every throughput figure is wrk with %d threads and %d connections for %d s after a %d s warm-up, and its '
      '`/q/health/live` figure was measured with the same settings immediately before it.\n'
      % (res['params']['threads'], res['params']['connections'], res['params']['duration'], res['params']['warmup']))
    w('| scenario | database | demands | what | measured | health/live (same run) | ratio | goal | met? |')
    w('|---|---|---|---|---|---|---|---|---|')
    for r in res['rows']:
        if r['scenario'] in ('S5', 'F'):
            continue
        measured = '%s %s' % (fmt(r['measured'], 2 if r['unit'] in ('s', 'ms p99') else 1), r['unit'])
        if r['scenario'] == 'S3-deep':
            measured += ' (first page %s ms; %.2f×)' % (fmt(r['first_page_p99_ms'], 2), r['p99_ratio'])
        if r.get('cpu_ms_per_write'):
            measured += ' (CPU per write: %s)' % ', '.join('%s %.2f ms' % (k, v) for k, v in r['cpu_ms_per_write'].items())
        if r['scenario'] == 'S4-ceiling':
            measured += ' serialized; %s tx/s independent' % fmt(r['independent_tps'])
        if r['scenario'] == 'S4-replay':
            measured += ' (%s positions)' % fmt(r['positions'])
        if r.get('errors'):
            measured += ', %d errors' % r['errors']
            if r.get('statuses'):
                measured += ' (statuses %s)' % ', '.join('%s×%s' % (n, c) for c, n in sorted(r['statuses'].items()))
        w('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            r['scenario'], r['db'], scale(r['scale']), r['what'], measured,
            fmt(r['health_rps']) + ' req/s' if r['health_rps'] else '—', fmt(r['ratio'], 2), r['goal'] or '—',
            met(r['met'])))
    fl = phase_source(res, 'floor')
    missed = [r for r in res['rows'] if r['met'] is False and r['scenario'] != 'F']
    missed += [r for r in (fl or {}).get('rows', []) if r['met'] is False and r['scenario'] == 'F']
    w('')
    if missed:
        w('Goals missed in this run: ' + '; '.join('%s (%s)' % (row_name(r), r['goal']) for r in missed) + '.\n')
    else:
        w('Every goal was met in this run.\n')
    causes = {}
    for r in missed:
        if r['scenario'] in CAUSES:
            causes.setdefault(CAUSES[r['scenario']](r, res), []).append(r)
    if causes:
        w('### Why a goal was missed\n')
        for text, rows in causes.items():
            w('- **%s**: %s' % ('; '.join(row_name(r) for r in rows), text))
        w('')

    if res.get('s5'):
        w('## S5: polls and writes at fixed arrival rates (open model)\n')
        w('`bench/lib/OpenLoad.java`: request *i* starts at *t0 + i/rate* whether or not earlier ones were answered, '
          'and latency runs from that intended start, so a stall shows in the percentiles (no coordinated '
          'omission). 90%% are dashboard polls (conditional GET of one of %s negotiations\' matrix with the last ETag '
          'seen), 10%% stance PUTs with If-Match on %s positions of those negotiations. %s s per rate after %s s of '
          'warm-up at that rate.\n' % (
              next(iter(res['s5'].values()))['negotiations'], next(iter(res['s5'].values()))['positions'],
              next(iter(res['s5'].values()))['duration_s'], next(iter(res['s5'].values()))['warmup_s']))
        w('| database | rate (req/s) | achieved | p50 ms | p99 ms | poll p99 ms | write p99 ms | outcomes |')
        w('|---|---|---|---|---|---|---|---|')
        for r in res['rows']:
            if r['scenario'] != 'S5':
                continue
            oc = r['outcomes']
            w('| %s | %g | %s | %s | %s | %s | %s | polls %s; writes %s |' % (
                r['db'], r['rate'], fmt(r['achieved_rps']), fmt(r['p50_ms'], 2), fmt(r['p99_ms'], 2),
                fmt(r['poll_p99_ms'], 2), fmt(r['write_p99_ms'], 2),
                ', '.join('%s×%s' % (v, k) for k, v in (oc['poll'] or {}).items()),
                ', '.join('%s×%s' % (v, k) for k, v in (oc['write'] or {}).items())))
        w('')

    if fl:
        floor_section(w, fl, fl is not res)

    if res.get('quote_run'):
        quote_section(w, res['quote_run'])

    if res.get('flat_export_run'):
        flat_export_section(w, res['flat_export_run'])
    wr = phase_source(res, 'writes')
    if wr:
        writes_section(w, wr, wr is not res)

    js = res.get('json_server') or {}
    if js.get('runs'):
        w('## The floor: json-server %s serving the same data\n' % js['version'])
        w('json-server (Express, everything in memory, no database, no auth, no validation) serves the seed matrix '
          'and the %s demands Parley had, as Parley answered them, on the same machine with the same wrk settings. '
          'It is the floor a user could throw together, not a goal.\n' % fmt(js['scale']))
        w('| scenario | Parley H2 req/s | json-server req/s | Parley ÷ json-server |')
        w('|---|---|---|---|')
        for sc, label in (('S1', 'matrix poll, 304'), ('S2', 'seed matrix, 200'), ('S3', 'page of 50 demands')):
            parley = next((r for r in res['rows'] if r['scenario'] == sc and r['db'] == 'h2'
                           and r['scale'] == js['scale']), None)
            j = js['runs'].get(sc)
            if parley and j:
                w('| %s %s | %s | %s | %.2f |' % (sc, label, fmt(parley['measured']), fmt(j['rps']),
                                                 parley['measured'] / j['rps']))
        w('')

    gen = res.get('generation') or {}
    w('## Data generation\n')
    w('Scaled copies of the seed case: copy *k* is its own negotiation with the 19 demands, every position and '
      'stance history, and its own copies of the 53 citations. The import API is what a user would use, but it '
      'is far too slow for 100k demands (below), so the bulk is written as CSV by `bench/lib/sqlgen.py` and loaded '
      'with SQL (`\\copy` on PostgreSQL, `CSVREAD` through H2\'s RunScript with the service stopped), with the '
      'derived columns (current stance, demand status) computed by the service\'s rules. A bulk load writes no '
      'change log, outbox or ETag version rows.\n')
    imp = gen.get('import_api')
    if imp:
        w('- Import API (`POST /api/v1/import`, one seed copy per bundle, H2): %s demands in %s s = %s demands/s; '
          '100k demands would take about %s minutes.' % (imp['demands'], imp['seconds'], imp['demands_per_s'],
                                                         imp['extrapolated_100k_minutes']))
    for g in gen.get('sql', []):
        w('- SQL bulk load, %s, up to %s demands: +%s demands (%s position changes, %s citations) in %s s '
          '(CSV %s s, load %s s).' % (g['db'], fmt(g['scale']), fmt(g['demands_added']),
                                      fmt(g['rows']['position_change']), fmt(g['rows']['citation']), g['seconds'],
                                      g['csv_seconds'], g['load_seconds']))
    w('')

    sq = res.get('sql_statements') or {}
    if sq.get('counts'):
        w('## SQL statements per request\n')
        w('Counted from Hibernate\'s SQL log (`quarkus.hibernate-orm."h2".log.sql`) on a restart over the same H2 '
          'data (%s demands), by the X-Request-Id each statement is logged with; the second of two identical '
          'requests is counted. Statements sent with plain JDBC are not in that log: the version read behind an '
          'ETag when this replica does not hold it in memory yet, the check of a rendered body before it is stored, '
          'and under the cursor lock of a write the cursor, the If-Match versions, the change log, the outbox and '
          'the version updates (5 round trips; `bench/pg/stance-write.sql` lists a stance write\'s in full).\n'
          % fmt(sq['scale']))
        w('| request | status | statements |')
        w('|---|---|---|')
        for name, c in sq['counts'].items():
            w('| %s | %s | %s |' % (name, c['status'], c['statements']))
        w('')
    jfr = res.get('jfr')
    if jfr and jfr.get('runs'):
        w('## JFR: where the CPU went in each measured run (`--jfr`, last H2 phase)\n')
        w('Execution samples of the service whose time falls within each measured wrk run: the innermost Parley '
          'frame on the stack, and the top frame.\n')
        w('| run | samples | innermost Parley frames | top frames |')
        w('|---|---|---|---|')
        for r in jfr['runs']:
            w('| %s | %s | %s | %s |' % (r['run'], r['samples'],
                                      '<br>'.join('`%s` %s' % (f.split('(')[0], n) for f, n in r['first_parley_frames'][:5]),
                                      '<br>'.join('`%s` %s' % (f.split('(')[0], n) for f, n in r['top_frames'][:5])))
        w('')
    notes = res.get('notes') or []
    if notes:
        w('## Notes from the run\n')
        for n in notes:
            w('- ' + n)
        w('')

    w('## How each scenario is measured\n')
    w('- **S1** `GET /api/v1/negotiations/{seed}/matrix` with `If-None-Match` set to its current ETag (checked to '
      'answer 304 before the run). Goal ≥ 0.70 of health/live.')
    w('- **S2** the same matrix without `If-None-Match` (200, the whole seed matrix). Goal ≥ 0.25.')
    w('- **S3** `GET /api/v1/demands?page_size=50` (first page, 200). Goal ≥ 0.20. **S3-deep**: the page tokens are '
      'walked with `page_size=500` to the last full page, and a 50-demand page there is measured right after the '
      'first page with the same settings; goal: its p99 within 1.5× the first page\'s, at 100k demands. Both '
      'pages are then stored bodies, served from memory; the rows marked "response cache off" repeat the '
      'comparison on a restart with `PARLEY_RESPONSE_CACHE_MAX_BYTES=0`, where every request runs the keyset query.')
    w('- **S4** `PUT /api/v1/demands/{d}/positions/{p}` with `If-Match`, Bearer admin key, alternating '
      'OPEN_TO_DISCUSSION / REJECTED with an existing citation (`bench/wrk/put_stance.lua`). Positions are one per '
      'demand (a write changes the ETag of every position of its demand); each wrk thread owns a slice of them, '
      'never writes one position twice at once, and sends the ETag of the previous answer for that position, so '
      'only writes are measured. Each write appends the change, its change-log row and outbox insert, and the demand '
      'status change when it moves. Goal on PostgreSQL: ≥ 0.6 of the serialized-commit ceiling (S4-ceiling) '
      'measured in the same run; the W rows repeat it on fresh positions beside the batch endpoint.')
    w('- **S5** see above. Hyperfoil\'s Maven plugin 0.25.2 does resolve from Maven Central and runs a basic '
      'benchmark, but its Maven goal reports only mean/stdev/max per metric (plus a raw HDR dump in the log), and '
      'requests that wait for a free connection are reported as blocked time rather than in the latency; a '
      '150-line JDK-only generator gives latency from the intended start, per-rate JSON and the ETag bookkeeping '
      'the writes need, with nothing to download.')
    w('- **S6** (reported; the goals for start and memory are the ratios to the framework floor, F) time to ready: from starting `java -jar target/quarkus-app/quarkus-run.jar` to the first 200 from '
      '`/q/health/ready` (polled every 20 ms), on a cold start (empty database: migrations and seed import) and on '
      'restarts over loaded data; default JVM options unless `BENCH_JAVA_OPTS` is set. RSS: `VmRSS` of the service '
      'process after S1–S5 (peak `VmHWM` in the label). Two more H2 restarts over the largest data set: with lean JVM '
      'options (`%s`; time to ready, RSS after the warm-up reads), and with the options the container image runs '
      '(`%s`: the Dockerfile\'s `JAVA_OPTS`, its class-data archive recorded by the same training run the image '
      'build makes, and the Deployment\'s CPU and memory limits as the JVM sees them in the pod; time to ready, then '
      'S1–S3 and RSS after them).' % (' '.join(res.get('lean_jvm', [])), ' '.join(res.get('image_jvm', []))))
    w('- **S4-replay** `bench/pg/stance-write.sql` with pgbench (`-M prepared`, the S4 clients, for the measured '
      'duration) on the loaded PostgreSQL data once the service has stopped: every statement one stance write sends, '
      'batches pipelined, so the rate is what PostgreSQL alone allows this transaction on the machine.')
    w('- The service runs with `PARLEY_RATE_LIMIT_PER_SECOND=0`, `QUARKUS_HTTP_HOST=127.0.0.1`, a fresh H2 folder '
      'and a fresh PostgreSQL database per run (dropped afterwards). All load goes to 127.0.0.1 and stops by itself.')
    w('')
    return '\n'.join(out)


def s4_cause(r, res):
    cpu = r.get('cpu_ms_per_write') or {}
    total = sum(cpu.values())
    cores = res['machine'].get('cpus') or 1
    text = ''
    if total:
        text = ('each write cost %s ms of CPU (%s), so %s cores, which wrk shares, cannot run more than about '
                '%s writes/s. ' % ('%.2f' % total, ', '.join('%s %.2f' % kv for kv in cpu.items()), cores,
                                   fmt(cores * 1000 / total)))
    replay = next((c for c in res['rows'] if c['scenario'] == 'S4-replay'), None)
    ceiling_tps = next((c['measured'] for c in res['rows'] if c['scenario'] == 'S4-ceiling'), None)
    if replay:
        text += ('PostgreSQL alone, with pgbench as the only client and no service, ran the %d statements of one '
                 'stance write at %s tx/s on this machine (S4-replay), %.2f of the ceiling, before the service spends '
                 'any CPU of its own. ' % (replay['statements'], fmt(replay['measured']),
                                           replay['measured'] / ceiling_tps if ceiling_tps else float('nan')))
    ceiling = next((c for c in res['rows'] if c['scenario'] == 'S4-ceiling'), None)
    if ceiling and replay:
        text += ('The smallest transaction serialized the way Parley\'s writers are (one counter row updated, one '
                 'insert, commit) ran at %s tx/s, independent inserts at %s tx/s. %sThe '
                 'ceiling\'s transaction holds the counter row through one insert and the commit, while a stance '
                 'write, once it has taken the change cursor, still checks the If-Match versions, writes the change '
                 'log (three rows when the demand moves: position.changed, demand.status_changed, demand.updated '
                 'with its before), the outbox and the versions, and commits: four round trips and a larger WAL '
                 'flush under the lock, which every other writer waits for. ' % (
                     fmt(ceiling['measured']), fmt(ceiling['independent_tps']),
                     ('PostgreSQL spent %.2f ms of CPU per write here, so %s cores would run the replay at about %s '
                      'a second if no writer waited for another; it ran at %s, so the writers wait on each other. '
                      % (cpu['postgresql'], cores, fmt(cores * 1000 / cpu['postgresql']), fmt(replay['measured'])))
                     if cpu.get('postgresql') else ''))
    return text + ('Before the lock a write reads the demand with its negotiation, parties and own links, its '
                   'positions, the citations and the links to it, inserts the stance and its citation link and '
                   'updates the position and the demand (8 statements through Hibernate, StanceWriteCostTest). '
                   'Writing several stances in one transaction (POST /stances/batch, the W-batch rows) pays the '
                   'lock, the check and the commit once.')


def s6_cause(r, res):
    if 'time' in r['what']:
        return ('JVM mode on this machine: the Quarkus boot (the CDI container, Hibernate ORM for the two persistence '
                'units the one build carries, Hibernate Validator, Flyway, the PostgreSQL or H2 pool) with a cold JIT, '
                'plus the seed import on a cold start. The class-data archive of the image options maps the classes a '
                'start loads instead of loading them (compare the default restart at the same scale); lean JVM options '
                '(C1 only) cut JIT time but not enough, and cost throughput. A native image would start in a fraction '
                'of a second, but building one needs GraalVM or Mandrel, which this machine does not have and no '
                'container registry can bring.')
    return ('JVM mode: RSS is the heap the JVM is allowed to grow to plus about 150 MB it needs besides (metaspace '
            'for some 14,000 classes, code cache, symbols, thread stacks; measured with NMT). With default options the '
            'heap may grow to a quarter of the machine\'s RAM; the image options size it from the Deployment\'s '
            'memory limit (75 % of 768 MiB), which the export needs, as it builds the whole data set in memory. The '
            'lean row (a 128 MiB heap) shows the floor.')


def row_name(r):
    """A row as a list of missed goals names it: an F row by its ratio, the others by database and scale."""
    if r['scenario'] == 'F':
        return 'F ' + r['what'].split(' (')[0]
    return '%s %s %s' % (r['scenario'], r['db'], scale(r['scale']))


def start_rest_ms(start):
    """What a start took beyond its steps over 5 ms: the JVM, Quarkus's bootstrap, smaller steps."""
    return round(start['ready_s'] * 1000) - sum(start['steps_ms'].values())


def f_cause(r, res):
    fl = phase_source(res, 'floor')['floor']
    if 'time to ready' in r['what']:
        steps = fl.get('steps')
        if not steps:
            return 'see the floor section.'
        parley, floor = steps['parley']['steps_ms'], steps['floor']['steps_ms']
        more = sorted(((parley.get(n, 0) - floor.get(n, 0), n) for n in set(parley) | set(floor)), reverse=True)
        median = fl['median']
        cut = lambda app: 1 - median[app + '/image']['ready_s'] / median[app + '/default']['ready_s']  # noqa: E731
        return ('Parley does more at start than the floor, and the image options (the AOT cache) cut both about '
                'alike (Parley\'s time to ready by %d %%, the floor\'s by %d %%): in one more start of each with the '
                'image options, Parley\'s start steps over 5 ms took %d ms against the floor\'s %d ms (the table under '
                '"Parley beside the framework\'s own floor"), most of the difference in %s; the rest of each start '
                '(the JVM, Quarkus\'s bootstrap, smaller steps) took %d ms against %d ms.' % (
                    round(100 * cut('parley')), round(100 * cut('floor')), sum(parley.values()), sum(floor.values()),
                    ', '.join('`%s` (%+d ms)' % (n, d) for d, n in more[:4]), start_rest_ms(steps['parley']),
                    start_rest_ms(steps['floor'])))
    def spans(app):  # each option's lowest and highest RSS over the app's restarts
        return ', '.join('%s %s–%s' % (key.split('/')[1], fmt(min(x['rss_mb'] for x in runs)),
                                       fmt(max(x['rss_mb'] for x in runs)))
                         for key, runs in fl['runs'].items() if key.startswith(app + '/'))
    return ('RSS after load, restart by restart in this run: Parley %s, floor %s (MB). The floor on the JVM\'s '
            'default options runs G1 with a heap sized from this machine\'s %s GiB, which grows with the load by '
            'different amounts from one restart to the next; the image options bound Parley\'s heap by the pod\'s '
            'limit.' % (spans('parley'), spans('floor'), fmt(res['machine'].get('mem_gb') or 0)))


CAUSES = {
    'F': f_cause,
    'S1': lambda r, res: ('the 304 is decided on the event loop from versions held in memory, with no query and no '
                          'worker thread; what remains is RESTEasy Reactive matching the resource and running the '
                          'filters (authentication, rate limit, the ETag), which /q/health/live does not.'),
    'S4': s4_cause,
    'W': s4_cause,
    'S6': s6_cause,
}


def phase_source(res, key):
    """A phase's figures (`key`: 'floor' or 'writes'): those of a later `--only` run of it if there
    is one, else the full run's own."""
    own = res if res.get(key) else None
    later = res.get(key + '_run')
    if later and (not own or later['started_at'] > res['started_at']):
        return later
    return own


def floor_section(w, fl, separate):
    m = fl['machine']
    w('## Parley beside the framework\'s own floor\n')
    w('`bench/floor` is the smallest Quarkus service of Parley\'s kind: REST with Jackson, Hibernate ORM on an '
      'H2 file, Flyway and health, one entity. Each app is restarted over its own data %d times, alternating, '
      'with the same JVM options: the JVM\'s defaults, and the container image\'s (`JAVA_OPTS` and the pod\'s limits, '
      'each app with the AOT cache of its own training run). Medians; ready is the first 200 from '
      '`/q/health/ready`, the first request is the app\'s main read right after (Parley: the seed matrix; floor: '
      '`/items`), RSS is read after %s s of wrk on its reads.%s\n' % (
          fl['floor']['repeats'], fl['params']['warmup'] if fl['params']['warmup'] > 2 else 2,
          (' From `bench/run.sh --only floor` (started %s, commit %s, %s, load average %s before).'
           % (fl['started_at'], m.get('commit'), m.get('java'), '/'.join('%.1f' % x for x in m.get('loadavg_before', []))))
          if separate else ''))
    w('| app / JVM options | ready s | first request ms | RSS after load MB |')
    w('|---|---|---|---|')
    for k, v in fl['floor']['median'].items():
        w('| %s | %s | %s | %s |' % (k, fmt(v['ready_s'], 2), fmt(v['first_request_ms'], 1), fmt(v['rss_mb'])))
    w('')
    w('| ratio | measured | goal | met? |')
    w('|---|---|---|---|')
    for r in fl['rows']:
        if r['scenario'] == 'F':
            w('| %s | %s× | %s | %s |' % (r['what'], fmt(r['measured'], 2), r['goal'] or '—', met(r['met'])))
    w('')
    w('Image options: `%s`.\n' % ' '.join(fl['floor']['options']['image']))
    if fl['floor'].get('steps'):
        startup_steps_table(w, fl['floor']['steps'])


# What Quarkus's start steps do, for the table of where Parley's start goes.
STEP_MEANING = {
    'ArcProcessor.notifyBeanContainerListeners': 'Hibernate ORM builds the metadata of each persistence unit '
                                                 '(Parley has two, H2 and PostgreSQL, one of them inactive)',
    'HibernateValidatorProcessor.init': 'Hibernate Validator reads the constraints of every constrained class',
    'LifecycleEventsBuildStep.startupEvent': 'the app\'s own start observers (Parley: secrets key, bootstrap admin '
                                             'key, resealing, seed check: its first queries)',
    'FlywayProcessor.startActions': 'Flyway opens the database and validates the applied migrations',
    'HibernateOrmProcessor.startPersistenceUnits': 'Hibernate builds the session factory of the active unit',
    'MicrometerProcessor.configureRegistry': 'Micrometer\'s registry and binders',
    'HibernateOrmProcessor.build': 'Hibernate ORM\'s static set-up of each persistence unit',
    'ArcProcessor.initializeContainer': 'the CDI container',
    'ResteasyReactiveProcessor.setupDeployment': 'the REST endpoints',
    'RuntimeConfigSetupBuildStep.setupRuntimeConfig': 'the runtime configuration',
    'VertxHttpProcessor.openSocket': 'the HTTP socket',
}


def startup_steps_table(w, steps):
    parley, floor = steps['parley'], steps['floor']
    names = set(parley['steps_ms']) | set(floor['steps_ms'])
    diff = sorted(names, key=lambda n: (floor['steps_ms'].get(n, 0) - parley['steps_ms'].get(n, 0), n))
    w('Where the time to ready goes: one more start of each app with the image options and '
      '`-Dquarkus.debug.print-startup-times=true` (steps over 5 ms; Parley ready in %s s, the floor in %s s). '
      'The steps that cost Parley the most more than the floor:\n' % (fmt(parley['ready_s'], 2), fmt(floor['ready_s'], 2)))
    w('| start step | Parley ms | floor ms | Parley − floor | what it does |')
    w('|---|---|---|---|---|')
    for n in diff[:8]:
        p, f = parley['steps_ms'].get(n, 0), floor['steps_ms'].get(n, 0)
        w('| `%s` | %d | %d | %+d | %s |' % (n, p, f, p - f, STEP_MEANING.get(n, '')))
    sums = [sum(x['steps_ms'].values()) for x in (parley, floor)]
    rest = [start_rest_ms(x) for x in (parley, floor)]
    w('| all steps over 5 ms | %d | %d | %+d | |' % (sums[0], sums[1], sums[0] - sums[1]))
    w('| the rest: JVM start, Quarkus\'s bootstrap, smaller steps, the first readiness answer | %d | %d | %+d | |'
      % (rest[0], rest[1], rest[0] - rest[1]))
    w('')


def quote_section(w, q):
    r = q['quote']
    m = q['machine']
    w('## Q: checking a quote against its document\n')
    w('A stance PUT whose new citation names a document Parley holds the text of must find the quote in that text '
      '(Unicode NFC; curly and straight quote marks and runs of white space equal) before anything is written. The '
      'service keeps the folded form of the texts cited last (about 2M UTF-16 units in all), since a text never '
      'changes; a text not kept is read and folded again. Here each text is about %s bytes of UTF-8 (%s code points, the '
      'quote at its very end). One client sends sequential PUTs with If-Match, in turn to three positions of one '
      'demand: one citing the quote with no document, one citing it in the same document every time, one citing it '
      'in each of %d documents in turn (more than are kept, so every write folds a whole text). %d warm-up PUTs of '
      'each, then %d of each, timed at the client. From `bench/run.sh --only quote` (started %s, commit %s, %s, load '
      'average %s before).\n' % (fmt(r['text_bytes']), fmt(r['text_code_points']), r['documents'], r['warmup_puts'],
                                 r['puts'], q['started_at'], m.get('commit'), m.get('java'),
                                 '/'.join('%.1f' % x for x in m.get('loadavg_before', []))))
    w('| stance PUT with | median ms | p90 ms | mean ms | median ÷ plain | p90 ÷ plain |')
    w('|---|---|---|---|---|---|')
    for key, label in (('plain', 'a citation naming no document'),
                       ('kept', 'a citation anchored in a held text kept folded'),
                       ('refolded', 'a citation anchored in a held text folded again')):
        ratios = ('—', '—') if key == 'plain' else ('**%s×**' % fmt(r[key + '_median_ratio'], 2),
                                                    '%s×' % fmt(r[key + '_p90_ratio'], 2))
        w('| %s | %s | %s | %s | %s | %s |' % (label, fmt(r[key]['median_ms'], 2), fmt(r[key]['p90_ms'], 2),
                                              fmt(r[key]['mean_ms'], 2), ratios[0], ratios[1]))
    w('')
    w('Recording each document (one POST of the whole text) took %s ms.\n'
      % ', '.join(fmt(t) for t in r['document_create_ms']))


def flat_export_section(w, run):
    fe = run['flat_export']
    m = run['machine']
    w('## E-flat: each export at %s demands from a 256 MiB heap\n' % fmt(fe['demands'], 0))
    w('`GET /export` in each format, read to the end in 64 KiB pieces, from a service started with `%s` over '
      '%s demands on H2, its RSS (`VmRSS`) sampled every 100 ms meanwhile. The export is written as it is read, so '
      'it finishes within that heap; one that built the data set in memory would run out of it. RSS is that heap, '
      'committed as it is first used, plus what the JVM needs besides (metaspace, code cache, threads): the rise '
      'column is how far RSS moved during one export, against the megabytes it wrote. From `bench/run.sh '
      '--only flat-export` (started %s, commit %s, %s, load average %s before).\n'
      % (' '.join(fe['jvm']), fmt(fe['demands'], 0), run['started_at'], m.get('commit'), m.get('java'),
         '/'.join('%.1f' % x for x in m.get('loadavg_before', []))))
    w('| format | status | MB written | s | RSS before MB | RSS max during MB | rise MB | peak RSS MB |')
    w('|---|---|---|---|---|---|---|---|')
    for key, e in run['exports'].items():
        rise = None if e['rss_max_during_mb'] is None else e['rss_max_during_mb'] - e['rss_before_mb']
        w('| %s | %s | %s | %s | %s | %s | %s | %s |' % (e['format'], e['status'], fmt(e['bytes'] / 1e6),
                                                         fmt(e['seconds']), fmt(e['rss_before_mb'], 0),
                                                         fmt(e['rss_max_during_mb'], 0), fmt(rise, 0),
                                                         fmt(e['peak_rss_mb'], 0)))
    w('')


def writes_section(w, run, separate):
    m = run['machine']
    w('## W: stance writes against the commit ceiling\n')
    w('Single stance PUTs (wrk, %d threads and %d connections, If-Match carried from each answer as in S4, on positions '
      'of their own) and `POST /api/v1/stances/batch` (sequential clients, each on positions of its own, citing an '
      'existing citation), each for %d s after a warm-up (%d s of PUTs, a third of that of batches), on H2 and on PostgreSQL; the PostgreSQL rates are '
      'divided by pgbench\'s serialized-commit ceiling (S4-ceiling: one counter row updated with RETURNING, one '
      'insert, commit, the same clients) measured in the same run.%s\n'
      % (run['params']['threads'], run['params']['connections'], run['params']['duration'], run['params'].get('s4_warmup', run['params']['warmup']),
         (' From `bench/run.sh --only writes` (started %s, commit %s, %s, load average %s before).'
          % (run['started_at'], m.get('commit'), m.get('java'), '/'.join('%.1f' % x for x in m.get('loadavg_before', []))))
         if separate else ''))
    w('| scenario | database | what | measured | ÷ ceiling | CPU per stance | goal | met? |')
    w('|---|---|---|---|---|---|---|---|')
    for r in [r for r in run['rows'] if r['scenario'] in ('W', 'W-batch')]:
        cpu = r.get('cpu_ms_per_write') or r.get('cpu_ms_per_stance') or {}
        w('| %s | %s | %s | %s %s | %s | %s | %s | %s |' % (
            r['scenario'], r['db'], r['what'], fmt(r['measured']), r['unit'],
            fmt(r.get('ceiling_ratio'), 2) if r.get('ceiling_ratio') is not None else '—',
            ', '.join('%s %s ms' % (k, fmt(v, 2)) for k, v in cpu.items()) or '—', r['goal'] or '—', met(r['met'])))
    w('')
    for r in run['rows']:
        cpu = r.get('cpu_ms_per_write') or r.get('cpu_ms_per_stance')
        if r['scenario'] in ('W', 'W-batch') and r['db'] == 'postgresql' and cpu:
            total = sum(cpu.values())
            w('- **%s postgresql**: each stance cost %s ms of CPU (the service, with its JIT compiler threads apart as '
              '`jit`, and PostgreSQL, whose count takes in every PostgreSQL process on the machine), so the machine\'s %d cores, which wrk and the clients share, allow '
              'at most about %s a second; the ceiling\'s transaction costs a fraction of that. %s'
              % (r['scenario'], fmt(total, 2), m.get('cpus') or 2, fmt((m.get('cpus') or 2) * 1000 / total),
                 'A single PUT sends 8 statements through Hibernate (StanceWriteCostTest) and 5 round trips under '
                 'the cursor lock (cursor, If-Match versions, change log, outbox, versions), and renders the '
                 'position and the demand for the change log.' if r['scenario'] == 'W' else
                 'A batch pays the cursor lock, If-Match check and commit once, and each item the rest.'))
    w('')


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(BENCH, 'results', 'latest.json')
    with open(src) as f:
        res = json.load(f)
    # Phases run alone (bench/run.sh --only <phase>) keep their own latest results beside the full run's.
    for phase, key in (('floor', 'floor_run'), ('quote', 'quote_run'), ('flat-export', 'flat_export_run'),
                       ('writes', 'writes_run')):
        alone = os.path.join(os.path.dirname(src), phase + '-latest.json')
        if os.path.exists(alone):
            with open(alone) as f:
                res[key] = json.load(f)
    chart = os.path.join(BENCH, 'results', 'chart.svg')
    with open(chart, 'w') as f:
        f.write(svg_chart(res))
    with open(os.path.join(ROOT, 'BENCHMARKS.md'), 'w') as f:
        f.write(markdown(res, 'bench/results/chart.svg'))
    print('wrote BENCHMARKS.md and bench/results/chart.svg')


if __name__ == '__main__':
    main()
