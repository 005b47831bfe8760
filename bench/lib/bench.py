"""The Parley benchmark driver, run by bench/run.sh (which installs tools, builds, makes the fresh
PostgreSQL database and cleans up). Every process it starts is recorded by PID under
WORK/pids/ and stopped by PID here (and by run.sh's trap if this dies). All traffic goes to
127.0.0.1 and every load step is bounded in time.

Phases:
  H2 (embedded, the default): cold start (S6), import-API sample (generation timing), then for each
    scale: bulk SQL load, restart (time to ready with data), S1/S2/S3 each paired with
    /q/health/live; json-server side by side; S3 deep page at the largest scale; S4 writes; S5 open
    model; RSS after load; a restart with lean JVM options; a training run and a restart with the
    container image's JVM options and class-data archive (S1-S3, RSS); then a restart with SQL
    logging to count statements per request.
  PostgreSQL: cold start, bulk load, S1-S3 (full run only), S4 writes, the commit ceiling with
    pgbench, S5, RSS after load; with the service stopped, pgbench replaying a stance write.
"""
import argparse
import base64
import datetime
import glob
import json
import os
import platform
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import gen_data  # noqa: E402
import sqlgen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
JAR = os.path.join(ROOT, 'target', 'quarkus-app', 'quarkus-run.jar')
FLOOR_JAR = os.path.join(BENCH, 'floor', 'target', 'quarkus-app', 'quarkus-run.jar')
SEED_NEGOTIATION = 'russia-us-nato-security-guarantees'
ADMIN_KEY = 'parley_bench_admin_key_local_only_0123456789'
HOST = '127.0.0.1'

MODES = {
    'quick': dict(threads=2, connections=16, duration=4, warmup=1, scales=[1000], pg_scale=1000,
                  pg_reads=False, sample_copies=1, s4_positions=128, s4_warmup=3, s5_rates=[100], s5_duration=4,
                  s5_warmup=2, s5_negotiations=5, floor_repeats=1, quote_puts=40, quote_warmup=10,
                  write_positions=128, batch_size=100, batch_clients=2),
    'full': dict(threads=2, connections=16, duration=15, warmup=5, scales=[1000, 10000, 100000],
                 pg_scale=100000, pg_reads=True, sample_copies=3, s4_positions=256, s4_warmup=60,
                 s5_rates=[50, 100, 200, 400], s5_duration=20, s5_warmup=5, s5_negotiations=10, floor_repeats=3,
                 quote_puts=150, quote_warmup=40, write_positions=512, batch_size=100, batch_clients=2),
}
LEAN_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx128m', '-Xss512k', '-XX:ReservedCodeCacheSize=48m']


def dockerfile_jvm_opts():
    """JVM_OPTS of the Dockerfile: the image's options but for its AOT cache."""
    with open(os.path.join(ROOT, 'Dockerfile')) as f:
        return shlex.split(re.search(r'JVM_OPTS="([^"]*)"', f.read()).group(1))


def pod_limits():
    """The Deployment's limits as the JVM would see them in the pod: -XX:MaxRAM for the memory limit
    (what MaxRAMPercentage sizes the heap from) and -XX:ActiveProcessorCount for the CPU limit."""
    with open(os.path.join(ROOT, 'k8s', 'deployment.yaml')) as f:
        limits = re.search(r'limits:\s*\n\s*cpu:\s*"?([0-9.]+)(m?)"?\s*\n\s*memory:\s*([0-9]+)Mi', f.read())
    cpus = max(1, int(float(limits.group(1)) / (1000 if limits.group(2) else 1)))
    return ['-XX:MaxRAM=%sm' % limits.group(3), '-XX:ActiveProcessorCount=%d' % cpus]


def image_jvm(archive):
    """The JVM options the container image runs with (JAVA_OPTS in the Dockerfile: JVM_OPTS and its
    AOT cache, here `archive`), in the Deployment's limits."""
    return dockerfile_jvm_opts() + ['-XX:AOTCache=' + archive] + pod_limits()


# Writes, start and memory are held to what this machine itself allows, measured in the same run: the
# serialized-commit ceiling (W, and S4 on PostgreSQL) and the framework's own floor (F). S6's absolute
# times and sizes are reported beside them without a goal.
GOALS = {'S1': 0.70, 'S2': 0.25, 'S3': 0.20, 'S3-deep': 1.5, 'W-ceiling': 0.6, 'F-ready': 0.75, 'F-rss': 1.0}


def log(msg):
    print('[bench %s] %s' % (time.strftime('%H:%M:%S'), msg), flush=True)


# ---------------------------------------------------------------- processes, by PID only

class Proc:
    running = []

    def __init__(self, name, cmd, env, logfile, work):
        self.name = name
        self.logfile = logfile
        self.out = open(logfile, 'w')
        self.started = time.monotonic()
        self.p = subprocess.Popen(cmd, env=env, stdout=self.out, stderr=subprocess.STDOUT, cwd=ROOT,
                                  start_new_session=True)
        self.pidfile = os.path.join(work, 'pids', '%s.pid' % name)
        with open(self.pidfile, 'w') as f:
            f.write(str(self.p.pid))
        Proc.running.append(self)

    @property
    def pid(self):
        return self.p.pid

    def stop(self, timeout=40):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(timeout)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(10)
        self.out.close()
        if os.path.exists(self.pidfile):
            os.remove(self.pidfile)
        if self in Proc.running:
            Proc.running.remove(self)

    @classmethod
    def stop_all(cls):
        for p in list(cls.running):
            try:
                p.stop(timeout=20)
            except Exception as e:  # keep stopping the others
                log('could not stop %s: %s' % (p.name, e))


def run_tracked(ctx_work, name, cmd, env=None, timeout=600):
    """Runs a short-lived tool as a recorded PID (so run.sh's trap can stop it too), bounded in time;
    answers its output."""
    logfile = os.path.join(ctx_work, 'logs', '%s.out' % name)
    proc = Proc(name, cmd, env or dict(os.environ), logfile, ctx_work)
    try:
        code = proc.p.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.stop()
        raise RuntimeError('%s did not finish within %d s' % (name, timeout))
    proc.stop()
    with open(logfile, errors='replace') as f:
        out = f.read()
    if code != 0:
        raise RuntimeError('%s failed (exit %s):\n%s' % (name, code, out[-3000:]))
    return out


def on_signal(signum, frame):
    Proc.stop_all()
    sys.exit(128 + signum)


# ---------------------------------------------------------------- HTTP

def http(method, url, body=None, headers=None, timeout=60):
    assert url.startswith('http://127.0.0.1:'), url
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get_json(url):
    status, _, body = http('GET', url)
    if status != 200:
        raise RuntimeError('GET %s: %s %s' % (url, status, body[:300]))
    return json.loads(body)


def etag_of(url):
    status, headers, _ = http('GET', url)
    if status != 200:
        raise RuntimeError('GET %s: %s' % (url, status))
    return headers.get('ETag') or headers.get('Etag') or headers.get('etag')


# ---------------------------------------------------------------- the service

def service_env():
    """This environment without PARLEY_ and QUARKUS_ settings: the service runs on what the bench sets."""
    return {k: v for k, v in os.environ.items() if not k.startswith(('PARLEY_', 'QUARKUS_'))}


def port_taken(port):
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) == 0


class Service:
    def __init__(self, ctx, name, db, extra_env=None, java_opts=(), jar=JAR):
        self.ctx = ctx
        self.port = ctx.next_port()
        # Another run on this machine may hold the port: readiness would be its service's.
        while port_taken(self.port):
            self.port = ctx.next_port()
        self.base = 'http://%s:%d' % (HOST, self.port)
        env = service_env()
        env.update({'PORT': str(self.port), 'QUARKUS_HTTP_HOST': HOST, 'PARLEY_BOOTSTRAP_ADMIN_KEY': ADMIN_KEY,
                    'PARLEY_RATE_LIMIT_PER_SECOND': '0', 'PARLEY_SEED': 'true', 'PARLEY_SHUTDOWN_DELAY': '0s',
                    'PARLEY_ANONYMOUS_READ': 'true'})
        env.update(db.env())
        env.update(extra_env or {})
        opts = shlex.split(os.environ.get('BENCH_JAVA_OPTS', '')) + list(java_opts)
        self.logfile = os.path.join(ctx.work, 'logs', '%s.log' % name)
        self.proc = Proc(name, ['java'] + opts + ['-jar', jar], env, self.logfile, ctx.work)
        self.ready_s = self.wait_ready()
        self.started_in_s = None
        with open(self.logfile, errors='replace') as f:
            m = re.search(r'started in ([0-9.]+)s', f.read())
            if m:
                self.started_in_s = float(m.group(1))
        log('%s ready on %s in %.2f s (Quarkus says started in %s s)' % (name, self.base, self.ready_s,
                                                                          self.started_in_s))

    def wait_ready(self, limit=300):
        t0 = self.proc.started
        while time.monotonic() - t0 < limit:
            if self.proc.p.poll() is not None:
                raise RuntimeError('the service exited while starting; see %s' % self.logfile)
            try:
                status, _, _ = http('GET', self.base + '/q/health/ready', timeout=2)
                if status == 200:
                    return time.monotonic() - t0
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError('the service was not ready within %d s; see %s' % (limit, self.logfile))

    def rss_mb(self):
        values = {}
        with open('/proc/%d/status' % self.proc.pid) as f:
            for line in f:
                if line.startswith(('VmRSS:', 'VmHWM:')):
                    values[line.split(':')[0]] = int(line.split()[1]) / 1024.0
        return {'rss_mb': round(values.get('VmRSS', 0), 1), 'peak_rss_mb': round(values.get('VmHWM', 0), 1)}

    def stop(self):
        self.proc.stop()

    def url(self, path):
        return self.base + path


class H2:
    kind = 'h2'

    def __init__(self, ctx, name='h2'):
        self.work = ctx.work
        self.dir = os.path.join(ctx.work, name)
        os.makedirs(self.dir, exist_ok=True)
        self.h2jar = [os.path.join(ROOT, 'target', 'quarkus-app', 'lib', 'main', f)
                      for f in os.listdir(os.path.join(ROOT, 'target', 'quarkus-app', 'lib', 'main'))
                      if f.startswith('com.h2database.h2-')][0]

    def env(self):
        return {'PARLEY_DATA_DIR': self.dir, 'PARLEY_DB_KIND': 'h2'}

    def jdbc(self):
        return ('jdbc:h2:file:%s/parley;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH'
                % self.dir)

    def parties(self):
        out = run_tracked(self.work, 'h2-shell', ['java', '-cp', self.h2jar, 'org.h2.tools.Shell', '-url', self.jdbc(),
                                                  '-user', 'parley', '-password', 'parley', '-sql',
                                                  'select id, slug from party'], timeout=120)
        return {m.group(2): int(m.group(1)) for m in re.finditer(r'^(\d+)\s*\|\s*(\S+)', out, re.M)}

    def load(self, csv_dir, next_copy):
        script = os.path.join(csv_dir, 'load-h2.sql')
        with open(script, 'w') as f:
            f.write(sqlgen.h2_script(csv_dir, next_copy))
        run_tracked(self.work, 'h2-runscript', ['java', '-cp', self.h2jar, 'org.h2.tools.RunScript', '-url', self.jdbc(),
                                                '-user', 'parley', '-password', 'parley', '-script', script],
                    timeout=3600)


# One key for every run against one database: the secrets it sealed must open again.
SECRETS_KEY = base64.b64encode(os.urandom(32)).decode()


class Postgres:
    kind = 'postgresql'

    def __init__(self, ctx, database):
        self.database = database
        self.work = ctx.work

    def env(self):
        return {'PARLEY_DB_KIND': 'postgresql',
                'PARLEY_DB_URL': 'jdbc:postgresql://%s:5432/%s' % (HOST, self.database),
                'PARLEY_DB_USER': os.environ.get('BENCH_PG_USER', 'postgres'),
                'PARLEY_DB_PASSWORD': os.environ.get('BENCH_PG_PASSWORD', ''),
                # PostgreSQL does not start without a key for the webhook secrets it stores.
                'PARLEY_SECRETS_KEY': SECRETS_KEY}

    def psql(self, *args):
        return run_tracked(self.work, 'psql', ['psql', '-h', HOST, '-U', os.environ.get('BENCH_PG_USER', 'postgres'),
                                               '-d', self.database, '-X', '-q'] + list(args), timeout=3600)

    def parties(self):
        out = self.psql('-Atc', "select id || ' ' || slug from party")
        return {line.split()[1]: int(line.split()[0]) for line in out.splitlines() if line.strip()}

    def load(self, csv_dir, next_copy):
        script = os.path.join(csv_dir, 'load-pg.sql')
        with open(script, 'w') as f:
            f.write(sqlgen.postgres_script(csv_dir, next_copy))
        self.psql('-f', script)


# ---------------------------------------------------------------- wrk

class Wrk:
    def __init__(self, ctx):
        self.ctx = ctx
        self.p = ctx.p

    def run(self, url, script='get.lua', env=None, duration=None, latency=True, label=''):
        assert url.startswith('http://127.0.0.1:'), url
        duration = duration or self.p['duration']
        e = dict(os.environ)
        e.update({'WRK_LIB': os.path.join(BENCH, 'wrk'), 'WRK_THREADS': str(self.p['threads'])})
        e.update(env or {})
        cmd = ['wrk', '-t%d' % self.p['threads'], '-c%d' % self.p['connections'], '-d%ds' % duration,
               '--timeout', '10s', '-s', os.path.join(BENCH, 'wrk', script)] + (['--latency'] if latency else []) + [url]
        t_start = time.time()
        out = run_tracked(self.ctx.work, 'wrk', cmd, e, timeout=duration + 60)
        if latency:
            self.ctx.windows.append((label, t_start, time.time()))
        m = re.search(r'^WRK_JSON (.*)$', out, re.M)
        if not m:
            raise RuntimeError('wrk gave no result for %s:\n%s' % (url, out))
        r = json.loads(m.group(1))
        r['rps'] = round(r['requests'] / (r['duration_us'] / 1e6), 1)
        r['bytes_per_request'] = round(r['bytes'] / max(1, r['requests']), 1)
        r['url'] = url.split('127.0.0.1', 1)[1]
        log('  wrk %-28s %9.1f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %s' % (
            label, r['rps'], r['latency_us']['p50'] / 1000, r['latency_us']['p99'] / 1000,
            {k: v for k, v in r['errors'].items() if v}))
        return r

    def measured(self, url, label, **kw):
        """A warm-up run (discarded), then the measured one."""
        self.run(url, duration=self.p['warmup'], latency=False, label=label + ' (warm-up)', **kw)
        return self.run(url, label=label, **kw)


# ---------------------------------------------------------------- the run

class Context:
    def __init__(self, args):
        self.args = args
        self.mode = 'quick' if args.quick else 'full'
        self.p = dict(MODES[self.mode])
        if args.scales:
            self.p['scales'] = [int(s) for s in args.scales.split(',')]
            self.p['pg_scale'] = max(self.p['scales'])
        self.work = args.work
        for d in ('pids', 'logs', 'data'):
            os.makedirs(os.path.join(self.work, d), exist_ok=True)
        self._port = int(os.environ.get('BENCH_BASE_PORT', '18480'))
        self.wrk = Wrk(self)
        self.windows = []  # (label, start, end) of each measured wrk run, for JFR attribution
        self.results = {'rows': [], 'generation': {'sql': []}, 'wrk_runs': [], 's5': {}, 's6': {},
                        'json_server': {}, 'sql_statements': {}, 'notes': []}

    def next_port(self):
        self._port += 1
        return self._port

    def row(self, scenario, db, scale, what, measured, unit, health=None, goal=None, goal_text=None, met=None,
            extra=None):
        ratio = round(measured / health, 3) if health else None
        if met is None and goal is not None and ratio is not None:
            met = ratio >= goal
        row = {'scenario': scenario, 'db': db, 'scale': scale, 'what': what, 'measured': measured, 'unit': unit,
               'health_rps': health, 'ratio': ratio, 'goal': goal_text, 'met': met}
        row.update(extra or {})
        self.results['rows'].append(row)
        return row


def demands_total(seed):
    return len(seed['demands'])


class DataSet:
    """Tracks which copies of the seed exist in one database."""

    def __init__(self, seed):
        self.seed = seed
        self.demands = demands_total(seed)  # the seed, loaded by the service on first start
        self.next_copy = 1

    def import_sample(self, ctx, svc, copies):
        """Imports `copies` copies through POST /api/v1/import, one bundle each, timed."""
        target = self.demands + copies * demands_total(self.seed)
        t0 = time.monotonic()
        count = 0
        old = gen_data.MAX_BODY
        gen_data.MAX_BODY = 1  # one copy per bundle
        try:
            for body, n, k in gen_data.bundles(self.seed, self.next_copy, target, self.demands):
                status, _, answer = http('POST', svc.url('/api/v1/import'), body,
                                         {'Content-Type': 'application/json',
                                          'Authorization': 'Bearer ' + ADMIN_KEY}, timeout=600)
                if status != 200:
                    raise RuntimeError('import failed: %s %s' % (status, answer[:500]))
                count += n
                self.next_copy = k
        finally:
            gen_data.MAX_BODY = old
        seconds = time.monotonic() - t0
        self.demands += count
        per_s = count / seconds if seconds else None
        return {'demands': count, 'bundles': copies, 'seconds': round(seconds, 2),
                'demands_per_s': round(per_s, 2) if per_s else None,
                'extrapolated_100k_minutes': round(100000 / per_s / 60, 1) if per_s else None}

    def bulk_load(self, ctx, db, target):
        if target <= self.demands:
            return None
        csv_dir = os.path.join(ctx.work, 'data', '%s-%d' % (db.kind, target))
        t0 = time.monotonic()
        parties = db.parties()
        next_copy, written, rows = sqlgen.write_copies(self.seed, parties, self.next_copy, target, self.demands,
                                                       csv_dir)
        t1 = time.monotonic()
        db.load(csv_dir, next_copy)
        t2 = time.monotonic()
        self.next_copy = next_copy
        self.demands += written
        entry = {'db': db.kind, 'scale': target, 'demands_added': written, 'rows': rows,
                 'csv_seconds': round(t1 - t0, 2), 'load_seconds': round(t2 - t1, 2),
                 'seconds': round(t2 - t0, 2)}
        ctx.results['generation']['sql'].append(entry)
        log('bulk load %s to %d demands: %.1f s (CSV %.1f s, load %.1f s)' % (db.kind, target, t2 - t0, t1 - t0,
                                                                           t2 - t1))
        shutil_rmtree(csv_dir)
        return entry


def shutil_rmtree(path):
    import shutil
    shutil.rmtree(path, ignore_errors=True)


def matrix_path(slug):
    return '/api/v1/negotiations/%s/matrix' % slug


def warm_up(ctx, svc):
    """Right after a start: lets the JIT see health/live, the matrix and a page before any pair is
    measured (each measured run still gets its own warm-up run)."""
    seconds = max(2, 2 * ctx.p['warmup'])
    for path in ('/q/health/live', matrix_path(SEED_NEGOTIATION), '/api/v1/demands?page_size=50'):
        ctx.wrk.run(svc.url(path), duration=seconds, latency=False, label='service warm-up %s' % path.split('?')[0])


def read_scenarios(ctx, svc, db_kind, scale):
    """S1, S2, S3 on one service, each measured right after /q/health/live with the same settings."""
    wrk = ctx.wrk
    health_url = svc.url('/q/health/live')
    matrix = svc.url(matrix_path(SEED_NEGOTIATION))
    tag = etag_of(matrix)
    status, _, _ = http('GET', matrix, headers={'If-None-Match': tag})
    if status != 304:
        raise RuntimeError('the conditional matrix GET answered %s, not 304' % status)
    page = svc.url('/api/v1/demands?page_size=50')
    out = {}
    for scenario, url, env, what in [
            ('S1', matrix, {'WRK_IF_NONE_MATCH': tag}, 'conditional matrix poll, 304'),
            ('S2', matrix, None, 'full seed matrix, 200'),
            ('S3', page, None, 'first page of 50 demands, 200')]:
        h = wrk.measured(health_url, '%s %s health/live' % (db_kind, scenario))
        r = wrk.measured(url, '%s %s @%d' % (db_kind, scenario, scale), env=env)
        ctx.results['wrk_runs'].append({'scenario': scenario, 'db': db_kind, 'scale': scale, 'health': h, 'run': r})
        errors = sum(v for k, v in r['errors'].items() if k != 'unmatched')
        ctx.row(scenario, db_kind, scale, what, r['rps'], 'req/s', h['rps'], GOALS[scenario],
                '>= %.2f x health/live' % GOALS[scenario],
                extra={'p50_ms': r['latency_us']['p50'] / 1000, 'p99_ms': r['latency_us']['p99'] / 1000,
                       'errors': errors, 'bytes_per_request': r['bytes_per_request']})
        out[scenario] = r
    return out


def deep_page(ctx, svc, db_kind, scale):
    """S3 deep page: walks the page tokens (page_size 500) to the last full page and compares the
    p99 of a 50-demand page there with the first page's, back to back."""
    t0 = time.monotonic()
    token, previous, pages = None, None, 0
    while True:
        url = '/api/v1/demands?page_size=500' + ('&page_token=' + token if token else '')
        answer = get_json(svc.url(url))
        pages += 1
        nxt = answer.get('next_page_token')
        if not nxt:
            break
        previous, token = token, nxt
    deep_token = previous or token
    walk_s = time.monotonic() - t0
    if not deep_token:
        ctx.results['notes'].append('S3 deep page: fewer than 500 demands, no deep page')
        return
    depth = (pages - 2) * 500 if previous else 500
    first = svc.url('/api/v1/demands?page_size=50')
    deep = svc.url('/api/v1/demands?page_size=50&page_token=' + deep_token)
    deep_first_item = get_json(deep)['items'][0]['slug']
    f = ctx.wrk.measured(first, '%s S3 first page @%d' % (db_kind, scale))
    d = ctx.wrk.measured(deep, '%s S3 deep page @%d' % (db_kind, scale))
    ratio = round(d['latency_us']['p99'] / max(1, f['latency_us']['p99']), 3)
    ctx.results['wrk_runs'].append({'scenario': 'S3-deep', 'db': db_kind, 'scale': scale, 'first': f, 'deep': d})
    ctx.row('S3-deep', db_kind, scale, 'page of 50 after %d demands (by page token), p99 vs first page' % depth,
            round(d['latency_us']['p99'] / 1000, 2), 'ms p99', None, None,
            'p99 <= %.1f x first page p99%s' % (GOALS['S3-deep'], '' if scale >= 100000 else ' (goal is at 100k)'),
            ratio <= GOALS['S3-deep'],
            extra={'first_page_p99_ms': f['latency_us']['p99'] / 1000, 'p99_ratio': ratio,
                   'deep_rps': d['rps'], 'first_rps': f['rps'], 'depth': depth, 'token_walk_pages': pages,
                   'token_walk_s': round(walk_s, 2), 'deep_first_item': deep_first_item})


def deep_page_rendered(ctx, db, db_kind, scale):
    """S3-deep again on a service whose response cache is off, so both pages are rendered from the
    database on every request: the keyset query's cost at depth, which stored bodies hide."""
    svc = Service(ctx, '%s-rendered' % db.kind, db, extra_env={'PARLEY_RESPONSE_CACHE_MAX_BYTES': '0'})
    try:
        warm_up(ctx, svc)
        deep_page(ctx, svc, '%s, response cache off' % db_kind, scale)
    finally:
        svc.stop()


def list_demands(svc, limit, exclude_negotiations=()):
    """Demand views in slug order, skipping some negotiations."""
    out, token = [], None
    while len(out) < limit:
        answer = get_json(svc.url('/api/v1/demands?page_size=500' + ('&page_token=' + token if token else '')))
        out += [d for d in answer['items'] if d['negotiation'] not in exclude_negotiations]
        token = answer.get('next_page_token')
        if not token:
            break
    return out[:limit]


def citation_for(demand_slug):
    m = re.search(r'-c(\d+)$', demand_slug)
    return 'cit_seed0001_c%s' % m.group(1) if m else 'cit_seed0001'


def position_lines(svc, demands):
    lines = []
    for d in demands:
        path = '/api/v1/demands/%s/positions/%s' % (d['slug'], d['addressees'][0])
        lines.append('%s %s %s' % (path, etag_of(svc.url(path)), citation_for(d['slug'])))
    return lines


def s5_negotiations(ctx):
    n = ctx.p['s5_negotiations']
    return [SEED_NEGOTIATION] + ['%s-c%d' % (SEED_NEGOTIATION, k) for k in range(1, n)]


def writes(ctx, svc, db_kind, scale, ceiling=None):
    """S4: stance writes with wrk, one position per demand, each connection's ETag carried forward; on
    PostgreSQL as a ratio to `ceiling`, the serialized-commit ceiling measured just before."""
    demands = list_demands(svc, ctx.p['s4_positions'], exclude_negotiations=set(s5_negotiations(ctx)))
    path = os.path.join(ctx.work, 'data', 'positions-%s.txt' % db_kind)

    def positions_file():
        # Current ETags, read again before each wrk run: writes still queued in the service when a
        # run stops commit afterwards, so read until two passes agree (bounded).
        lines = position_lines(svc, demands)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.5)
            again = position_lines(svc, demands)
            if again == lines:
                break
            lines = again
        with open(path, 'w') as f:
            f.write('\n'.join(lines) + '\n')
        return lines
    env = {'WRK_POSITIONS': path, 'WRK_KEY': ADMIN_KEY}
    h = ctx.wrk.measured(svc.url('/q/health/live'), '%s S4 health/live' % db_kind)
    # The URL only names host and port; each request carries its own path.
    positions_file()
    ctx.wrk.run(svc.url('/api/v1/demands'), 'put_stance.lua', env, ctx.p['s4_warmup'], False,
                '%s S4 stance PUT (warm-up)' % db_kind)
    lines = positions_file()
    before = cpu_seconds(svc.proc.p.pid, db_kind)
    r = ctx.wrk.run(svc.url('/api/v1/demands'), 'put_stance.lua', env, label='%s S4 stance PUT' % db_kind)
    after = cpu_seconds(svc.proc.p.pid, db_kind)
    cpu = {k: round((after[k] - before[k]) * 1000 / max(1, r['requests']), 3) for k in before}
    log('S4 %s: CPU per write, ms: %s' % (db_kind, cpu))
    ctx.results['wrk_runs'].append({'scenario': 'S4', 'db': db_kind, 'scale': scale, 'health': h, 'run': r})
    errors = sum(v for k, v in r['errors'].items() if k != 'unmatched')
    ratio = round(r['rps'] / ceiling, 3) if ceiling else None
    ctx.row('S4', db_kind, scale, 'stance PUT with If-Match (change log, outbox), %d positions%s' % (
        len(lines), ' ÷ the commit ceiling (%s tx/s)' % fmt_num(ceiling) if ceiling else ''),
            r['rps'], 'writes/s', h['rps'], None,
            '>= %.1f × ceiling' % GOALS['W-ceiling'] if ceiling else 'none (reported)',
            (ratio >= GOALS['W-ceiling'] and errors == 0) if ceiling else None,
            extra={'p50_ms': r['latency_us']['p50'] / 1000, 'p99_ms': r['latency_us']['p99'] / 1000,
                   'errors': errors, 'error_detail': r['errors'], 'statuses': r.get('statuses'),
                   'cpu_ms_per_write': cpu, 'ceiling_ratio': ratio})


EXPORT_FORMATS = (('json', 'application/json'), ('csv-zip', 'application/zip'), ('json-ld', 'application/ld+json'))


def exports(ctx, svc, db_kind, scale):
    """GET /export in each format, read to the end in 64 KiB pieces: bytes, seconds, and the service's
    RSS sampled every 100 ms meanwhile (the export streams, so RSS should not grow with the data set)."""
    out = ctx.results.setdefault('exports', {})
    for name, accept in EXPORT_FORMATS:
        samples = []
        done = threading.Event()

        def sample():
            while not done.is_set():
                try:
                    samples.append(svc.rss_mb()['rss_mb'])
                except OSError:
                    pass
                done.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        before = svc.rss_mb()
        sampler.start()
        t0 = time.monotonic()
        req = urllib.request.Request(svc.url('/api/v1/export'), headers={'Accept': accept,
                                                                         'Authorization': 'Bearer ' + ADMIN_KEY})
        size = 0
        with urllib.request.urlopen(req, timeout=3600) as r:
            status = r.status
            while True:
                piece = r.read(65536)
                if not piece:
                    break
                size += len(piece)
        seconds = time.monotonic() - t0
        done.set()
        sampler.join()
        entry = {'format': name, 'status': status, 'bytes': size, 'seconds': round(seconds, 2),
                 'rss_before_mb': before['rss_mb'], 'rss_max_during_mb': max(samples) if samples else None,
                 'peak_rss_mb': svc.rss_mb()['peak_rss_mb'], 'loadavg': os.getloadavg()}
        out['%s-%s-%d' % (db_kind, name, scale)] = entry
        log('  export %s at %d demands: %d bytes in %.1f s, RSS %.0f MB before, %.0f MB max during'
            % (name, scale, size, seconds, before['rss_mb'], entry['rss_max_during_mb'] or 0))
        ctx.row('EXPORT', db_kind, scale, 'GET /export as %s: %.1f MB' % (accept, size / 1e6), round(seconds, 2),
                's', None, None, None, None)


FLAT_EXPORT_JVM = ['-Xmx256m']


def flat_exports(ctx):
    """E-flat: each export format at the largest scale, read to the end from a service whose heap is
    capped at 256 MiB, RSS sampled every 100 ms meanwhile. The export streams, so it finishes within
    that heap and RSS stays flat; an export that held the data set would run out of heap."""
    h2 = H2(ctx, 'h2-flat')
    data = DataSet(gen_data.load_seed())
    svc = Service(ctx, 'h2-flat-cold', h2)  # migrations and the seed
    svc.stop()
    scale = ctx.p['scales'][-1]
    data.bulk_load(ctx, h2, scale)
    svc = Service(ctx, 'h2-flat-%d' % scale, h2, java_opts=FLAT_EXPORT_JVM)
    try:
        ctx.results['flat_export'] = {'jvm': shlex.split(os.environ.get('BENCH_JAVA_OPTS', '')) + FLAT_EXPORT_JVM,
                                      'scale': scale, 'demands': data.demands, 'ready_s': round(svc.ready_s, 3)}
        exports(ctx, svc, 'h2-xmx256m', scale)
    finally:
        svc.stop()


def cpu_seconds(service_pid, db_kind):
    """CPU time (user + system) so far of the service, apart from its JIT compiler threads ('jit': a
    cost that falls as the code warms up, not one of each write), and, on PostgreSQL, of all its server
    processes."""
    def of(path):
        try:
            with open(path + '/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
        except (OSError, ValueError, IndexError):
            return 0.0

    def compiler(task):
        try:
            with open(task + '/comm') as f:
                return f.read().startswith(('C1 CompilerThre', 'C2 CompilerThre'))
        except OSError:
            return False
    tasks = glob.glob('/proc/%d/task/*' % service_pid)
    jit = sum(of(t) for t in tasks if compiler(t))
    result = {'service': of('/proc/%d' % service_pid) - jit, 'jit': jit}
    if db_kind == 'postgresql':
        pids = subprocess.run(['pgrep', '-x', 'postgres'], capture_output=True, text=True).stdout.split()
        result['postgresql'] = sum(of('/proc/%s' % p) for p in pids)
    return result


def commit_ceiling(ctx, pg):
    """S4's ceiling on this machine: pgbench with the clients S4 uses, in the bench database, running
    (a) the smallest transaction serialized the way Parley's writers are (one counter row updated with
    RETURNING, one insert, commit: the row lock is held through the commit's WAL flush) and (b) the
    same insert without the counter, where PostgreSQL's group commit shares WAL flushes."""
    pg.psql('-c', 'create table bench_counter (id int primary key, v bigint not null);'
                  ' insert into bench_counter values (1, 0);'
                  ' create table bench_log (id bigint primary key, data text not null);'
                  ' create sequence bench_seq start 1000000000')
    scripts = {
        'serialized': 'BEGIN;\nUPDATE bench_counter SET v = v + 1 WHERE id = 1 RETURNING v \\gset\n'
                      "INSERT INTO bench_log VALUES (:v, 'x');\nCOMMIT;\n",
        'independent': "BEGIN;\nINSERT INTO bench_log VALUES (nextval('bench_seq'), 'x');\nCOMMIT;\n",
    }
    tps = {}
    try:
        for name, body in scripts.items():
            script = os.path.join(ctx.work, 'data', 'pgbench-%s.sql' % name)
            with open(script, 'w') as f:
                f.write(body)
            out = run_tracked(ctx.work, 'pgbench-' + name,
                              ['pgbench', '-h', HOST, '-U', os.environ.get('BENCH_PG_USER', 'postgres'), '-n',
                               '-c', str(ctx.p['connections']), '-j', str(ctx.p['threads']),
                               '-T', str(ctx.p['duration']), '-f', script, pg.database],
                              timeout=ctx.p['duration'] + 60)
            m = re.search(r'tps = ([0-9.]+)', out)
            tps[name] = round(float(m.group(1)), 1)
            log('pgbench %s: %.0f tx/s' % (name, tps[name]))
    finally:
        pg.psql('-c', 'drop table if exists bench_counter, bench_log; drop sequence if exists bench_seq')
    ctx.row('S4-ceiling', 'postgresql', None, 'pgbench, %d clients: one counter row + insert + commit (how Parley\'s'
            ' writers serialize); independent inserts beside it' % ctx.p['connections'], tps['serialized'], 'tx/s',
            goal_text='none (the ceiling a serialized commit puts on S4)',
            extra={'independent_tps': tps['independent']})
    return tps


def training_run(ctx, archive):
    """Records the AOT cache the way the Dockerfile does: PARLEY_TRAINING_RUN starts the service on a
    scratch H2 folder, sends it a few rounds of typical requests and stops, under -XX:AOTCacheOutput."""
    scratch = os.path.join(ctx.work, 'training')
    env = service_env()
    env.update({'PARLEY_DATA_DIR': scratch, 'PARLEY_TRAINING_RUN': 'true', 'PARLEY_SHUTDOWN_DELAY': '0s',
                'PORT': '0', 'QUARKUS_HTTP_HOST': HOST, 'PARLEY_BOOTSTRAP_ADMIN_KEY': ADMIN_KEY,
                'PARLEY_RATE_LIMIT_PER_SECOND': '0'})
    t0 = time.monotonic()
    run_tracked(ctx.work, 'training-run', ['java'] + dockerfile_jvm_opts() + pod_limits() + [
        '-XX:AOTCacheOutput=' + archive, '-Xlog:aot=error,cds=off', '-jar', JAR], env, timeout=600)
    shutil_rmtree(scratch)
    log('training run wrote %s in %.1f s' % (archive, time.monotonic() - t0))


class FloorData:
    """The floor's own H2 file (bench/floor: REST, Hibernate ORM, H2, Flyway, health)."""
    kind = 'h2'

    def __init__(self, ctx):
        self.dir = os.path.join(ctx.work, 'floor')
        os.makedirs(self.dir, exist_ok=True)

    def env(self):
        return {'FLOOR_DATA_DIR': self.dir}


def floor_training_run(ctx, archive):
    """The floor has no training mode of its own: it is started under -XX:AOTCacheOutput, sent the
    same number of rounds of its list, item and create requests from here, and stopped (the cache is
    written at its orderly exit)."""
    scratch = FloorData(ctx)
    scratch.dir = os.path.join(ctx.work, 'floor-training')
    os.makedirs(scratch.dir, exist_ok=True)
    t0 = time.monotonic()
    svc = Service(ctx, 'floor-training', scratch, jar=FLOOR_JAR, java_opts=dockerfile_jvm_opts() + pod_limits() + [
        '-XX:AOTCacheOutput=' + archive, '-Xlog:aot=error,cds=off'])
    for i in range(30):
        http('GET', svc.url('/items'))
        http('GET', svc.url('/items/nato-non-expansion'))
        http('GET', svc.url('/items/no-such-item'))
        http('POST', svc.url('/items'), json.dumps({'slug': 'training-%d' % i, 'title': 'Training', 'status':
                                                    'TABLED', 'tabledOn': '2022-01-01'}).encode(),
             {'Content-Type': 'application/json'})
        http('GET', svc.url('/q/health/ready'))
    svc.proc.stop(timeout=300)  # the JVM assembles the cache on its way out
    shutil_rmtree(scratch.dir)
    if not os.path.exists(archive):
        raise RuntimeError('the floor training run wrote no AOT cache; see %s' % svc.logfile)
    log('floor training run wrote %s in %.1f s' % (archive, time.monotonic() - t0))


def framework_floor(ctx):
    """Parley beside the framework's own floor (bench/floor), each restarted over its own data with
    the same JVM options, alternating, `repeats` times: time to ready, the first answer of its main
    read after ready, and RSS after a short load of its reads. Options: the JVM's defaults, and the
    container image's (its JAVA_OPTS and pod limits, each app with the AOT cache of its own
    training run)."""
    repeats = ctx.p['floor_repeats']
    parley_aot = os.path.join(ctx.work, 'app.aot')
    floor_aot = os.path.join(ctx.work, 'floor.aot')
    if not os.path.exists(parley_aot):
        training_run(ctx, parley_aot)
    floor_training_run(ctx, floor_aot)
    apps = {
        'parley': dict(jar=JAR, data=H2(ctx, 'h2-floor-phase'), aot=parley_aot,
                       reads=[matrix_path(SEED_NEGOTIATION), '/api/v1/demands?page_size=50']),
        'floor': dict(jar=FLOOR_JAR, data=FloorData(ctx), aot=floor_aot,
                      reads=['/items', '/items/nato-non-expansion']),
    }
    options = {'default': lambda app: [], 'image': lambda app: image_jvm(apps[app]['aot'])}
    for name, app in apps.items():  # a first start makes each one's data (migrations, Parley's seed)
        Service(ctx, '%s-first-start' % name, app['data'], jar=app['jar']).stop()
    runs = {'%s/%s' % (a, o): [] for o in options for a in apps}
    for i in range(repeats):
        for opt, opts in options.items():
            for name, app in apps.items():
                svc = Service(ctx, '%s-%s-%d' % (name, opt, i), app['data'], jar=app['jar'], java_opts=opts(name))
                t0 = time.monotonic()
                status, _, _ = http('GET', svc.url(app['reads'][0]))
                first_ms = (time.monotonic() - t0) * 1000
                if status != 200:
                    raise RuntimeError('%s answered %s to its first read' % (name, status))
                for path in app['reads']:
                    ctx.wrk.run(svc.url(path), duration=max(2, ctx.p['warmup']), latency=False,
                                label='%s %s load' % (name, path.split('?')[0]))
                run = dict(ready_s=round(svc.ready_s, 3), first_request_ms=round(first_ms, 1), **svc.rss_mb())
                runs['%s/%s' % (name, opt)].append(run)
                svc.stop()
    median = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    summary = {k: {m: median([r[m] for r in v]) for m in ('ready_s', 'first_request_ms', 'rss_mb')}
               for k, v in runs.items()}
    ctx.results['floor'] = {'repeats': repeats, 'runs': runs, 'median': summary,
                            'options': {o: options[o]('parley') for o in options},
                            'steps': {name: startup_steps(ctx, name, app, options['image'](name))
                                      for name, app in apps.items()}}

    def ratio_row(what, parley, floor, metric, unit, goal=None):
        r = round(summary[parley][metric] / summary[floor][metric], 3)
        ctx.row('F', 'h2', None, '%s, Parley %s ÷ floor %s (%s vs %s %s)' % (
            what, parley.split('/')[1], floor.split('/')[1], fmt_num(summary[parley][metric]),
            fmt_num(summary[floor][metric]), unit), r, '×', None, None,
            '<= %.2f×' % goal if goal else None, (r <= goal) if goal else None)
    ratio_row('time to ready', 'parley/image', 'floor/default', 'ready_s', 's', GOALS['F-ready'])
    ratio_row('time to ready', 'parley/default', 'floor/default', 'ready_s', 's')
    ratio_row('time to ready', 'parley/image', 'floor/image', 'ready_s', 's')
    ratio_row('first request after ready', 'parley/image', 'floor/default', 'first_request_ms', 'ms')
    ratio_row('first request after ready', 'parley/image', 'floor/image', 'first_request_ms', 'ms')
    ratio_row('RSS after load', 'parley/image', 'floor/default', 'rss_mb', 'MB', GOALS['F-rss'])
    ratio_row('RSS after load', 'parley/default', 'floor/default', 'rss_mb', 'MB', GOALS['F-rss'])
    ratio_row('RSS after load', 'parley/image', 'floor/image', 'rss_mb', 'MB')


def startup_steps(ctx, name, app, opts):
    """One more start of `app` with `opts`, Quarkus printing the time of each start step over 5 ms
    (`quarkus.debug.print-startup-times`): where the time to ready goes, step by step."""
    svc = Service(ctx, '%s-steps' % name, app['data'], jar=app['jar'],
                  java_opts=opts + ['-Dquarkus.debug.print-startup-times=true'])
    svc.stop()
    with open(svc.logfile, errors='replace') as f:
        steps = {m.group(1): int(m.group(2)) for m in re.finditer(r'Build step (\S+) completed in: (\d+)ms', f.read())}
    return {'ready_s': round(svc.ready_s, 3), 'started_in_s': svc.started_in_s,
            'steps_ms': {k: v for k, v in sorted(steps.items(), key=lambda kv: -kv[1]) if v > 5}}


# ---------------------------------------------------------------- Q: the quote check

QUOTE = 'We need legally binding guarantees, not promises, said the deputy minister (sentence 15).'
QUOTE_WORDS = ('security', 'guarantees', 'NATO', 'enlargement', 'the', 'of', 'and', 'treaty', 'Parties', 'shall',
               's\u00e9curit\u00e9', '\u0431\u0435\u0437\u043e\u043f\u0430\u0441\u043d\u043e\u0441\u0442\u044c',
               '\u0433\u0430\u0440\u0430\u043d\u0442\u0438\u0438', '\u201cindivisible\u201d', 'equal', 'undiminished',
               'missiles', 'deployment', 'territory', 'consultations', 'Article', '1', 'not', 'promises')


def quote_text(max_bytes, seed=15):
    """Prose taking at most `max_bytes` as a JSON string (Latin, accented, Cyrillic words, curly quotes,
    paragraphs), deterministic, with QUOTE once at its end: where a search finds it last."""
    import random
    rnd = random.Random(seed)
    parts, size = [], 0
    tail = '\n\n' + QUOTE + ' The end.'

    def json_bytes(value):
        return len(json.dumps(value, ensure_ascii=False).encode('utf-8')) - 2

    budget = max_bytes - json_bytes(tail)
    while True:
        sentence = ' '.join(rnd.choice(QUOTE_WORDS) for _ in range(rnd.randint(6, 18))).capitalize() + '.'
        sentence += '\n\n' if rnd.random() < 0.15 else ' '
        n = json_bytes(sentence)
        if size + n > budget:
            break
        parts.append(sentence)
        size += n
    return ''.join(parts) + tail


def quote_check(ctx):
    """Q: what checking a citation's quote against a held text costs a stance write. One client sends
    sequential PUTs with If-Match (each after an untimed GET for the ETag), in turn to three
    positions of one demand: one whose citation names no document; one whose citation is anchored
    in the same document every time (about 1 MiB of text, whose folded form the service keeps); one
    whose citation is anchored in each of three such documents in turn, more than the service keeps,
    so every write reads and folds a whole text again. Warm-up PUTs first, then `quote_puts` of each,
    timed at the client."""
    svc = Service(ctx, 'h2-quote', H2(ctx, 'h2-quote'))
    auth = {'Authorization': 'Bearer ' + ADMIN_KEY, 'Content-Type': 'application/json'}

    def call(method, path, body, headers=None, expect=(200, 201)):
        h = dict(auth)
        h.update(headers or {})
        status, answer_headers, answer = http(method, svc.url(path), json.dumps(body, ensure_ascii=False)
                                              .encode('utf-8'), h)
        if status not in expect:
            raise RuntimeError('%s %s: %s %s' % (method, path, status, answer[:300]))
        return answer_headers, json.loads(answer)

    kinds = ('plain', 'kept', 'refolded')
    tag = 'q%d' % int(time.time())
    for slug in ('proposer',) + kinds:
        call('POST', '/api/v1/parties', {'slug': '%s-%s' % (tag, slug), 'name': slug, 'kind': 'STATE'})
    call('POST', '/api/v1/negotiations', {'slug': tag + '-talks', 'title': 'Quote bench', 'started_on': '2022-01-01',
                                          'participants': ['%s-%s' % (tag, p) for p in ('proposer',) + kinds]})
    call('POST', '/api/v1/demands', {'slug': tag + '-demand', 'negotiation': tag + '-talks', 'proposer': tag + '-proposer',
                                     'addressees': ['%s-%s' % (tag, k) for k in kinds], 'title': 'Guarantees',
                                     'text': 'Legally binding guarantees.', 'topic': 'security', 'kind': 'DEMAND',
                                     'tabled_on': '2022-01-10'})
    _, source = call('POST', '/api/v1/sources', {'name': 'Ministry', 'kind': 'GOVERNMENT', 'reliability': 'B'})
    documents, create_ms, text = [], [], None
    for seed in (15, 16, 17):
        # The whole body must stay within the 1 MiB body limit; the text takes all of it but 512 bytes.
        text = quote_text(1024 * 1024 - 512, seed)
        t0 = time.perf_counter()
        _, document = call('POST', '/api/v1/documents', {'title': 'Statement %d' % seed, 'source_id': source['id'],
                                                         'text': text})
        create_ms.append((time.perf_counter() - t0) * 1000)
        documents.append(document['id'])

    def citation(kind, i):
        c = {'source_id': source['id'], 'title': 'Statement', 'quote': QUOTE.replace(', ', ',\u00a0'),
             'kind': 'OFFICIAL_TEXT', 'relation': 'SUPPORTS'}
        if kind == 'kept':
            c['document_id'] = documents[0]
        elif kind == 'refolded':
            c['document_id'] = documents[i % len(documents)]
        return c

    paths = {kind: '/api/v1/demands/%s-demand/positions/%s-%s' % (tag, tag, kind) for kind in kinds}
    times = {kind: [] for kind in kinds}

    def put(kind, i):
        body = {'status': 'REJECTED', 'effective_on': '2022-01-20', 'note': 'write %d' % i,
                'citations': [citation(kind, i)]}
        # A write of one position moves the others' ETags too (they share the demand): read it first, untimed.
        etag = etag_of(svc.url(paths[kind]))
        t = time.perf_counter()
        _, answer = call('PUT', paths[kind], body, {'If-Match': etag})
        elapsed = (time.perf_counter() - t) * 1000
        if kind != 'plain' and answer['citations'][0]['anchor']['exact'] != QUOTE:
            raise RuntimeError('the citation was not anchored: %s' % answer['citations'][0])
        return elapsed

    warm, n = ctx.p['quote_warmup'], ctx.p['quote_puts']
    log('Q: %d warm-up and %d measured PUTs of each kind, documents of %d bytes (created in %s ms)'
        % (warm, n, len(text.encode('utf-8')), ', '.join('%.0f' % t for t in create_ms)))
    for i in range(warm + n):
        for kind in kinds:
            elapsed = put(kind, i)
            if i >= warm:
                times[kind].append(elapsed)
    svc.stop()

    def summary(values):
        ordered = sorted(values)
        return {'median_ms': round(ordered[len(ordered) // 2], 2), 'p90_ms': round(ordered[int(len(ordered) * 0.9)], 2),
                'mean_ms': round(sum(ordered) / len(ordered), 2)}

    result = {'puts': n, 'warmup_puts': warm, 'text_bytes': len(text.encode('utf-8')),
              'text_code_points': len(text), 'documents': len(documents),
              'document_create_ms': [round(t, 1) for t in create_ms]}
    for kind in kinds:
        result[kind] = summary(times[kind])
    for kind, what in (('kept', 'the same held text each time, kept folded'),
                       ('refolded', 'one of %d held texts in turn, each read and folded again' % len(documents))):
        result[kind + '_median_ratio'] = round(result[kind]['median_ms'] / result['plain']['median_ms'], 2)
        result[kind + '_p90_ratio'] = round(result[kind]['p90_ms'] / result['plain']['p90_ms'], 2)
        ctx.row('Q', 'h2', None, 'stance PUT with a citation anchored in %s (%d bytes) ÷ the same PUT with a plain '
                'citation (median %.1f vs %.1f ms)' % (what, result['text_bytes'], result[kind]['median_ms'],
                                                      result['plain']['median_ms']),
                result[kind + '_median_ratio'], '×')
    ctx.results['quote'] = result
    log('Q: %s' % {k: result[k] for k in kinds})
    log('Q: median ratios kept %.2f, refolded %.2f' % (result['kept_median_ratio'], result['refolded_median_ratio']))


# ---------------------------------------------------------------- W: writes against the commit ceiling

def write_rates(ctx, db, ceiling=None):
    """W on one database: single stance PUTs with wrk (as S4, on positions of its own) and POST
    /stances/batch from `batch_clients` sequential clients, each on its own positions, with batches of
    `batch_size`, for the measured duration; on PostgreSQL each as a ratio to `ceiling`."""
    svc = Service(ctx, 'writes-' + db.kind, db)
    try:
        auth = {'Authorization': 'Bearer ' + ADMIN_KEY, 'Content-Type': 'application/json'}

        def call(method, path, body):
            status, _, answer = http(method, svc.url(path), json.dumps(body).encode('utf-8'), auth)
            if status not in (200, 201):
                raise RuntimeError('%s %s: %s %s' % (method, path, status, answer[:300]))
            return json.loads(answer)

        tag = 'w%d' % int(time.time())
        n = ctx.p['write_positions']
        call('POST', '/api/v1/parties', {'slug': tag + '-proposer', 'name': 'Proposer', 'kind': 'STATE'})
        call('POST', '/api/v1/parties', {'slug': tag + '-addressee', 'name': 'Addressee', 'kind': 'STATE'})
        call('POST', '/api/v1/negotiations', {'slug': tag + '-talks', 'title': 'Write bench', 'started_on': '2022-01-01',
                                              'participants': [tag + '-proposer', tag + '-addressee']})
        slugs = ['%s-d%04d' % (tag, i) for i in range(n)]
        for slug in slugs:
            call('POST', '/api/v1/demands', {'slug': slug, 'negotiation': tag + '-talks', 'proposer': tag + '-proposer',
                                             'addressees': [tag + '-addressee'], 'title': 'Demand ' + slug,
                                             'text': 'A demand.', 'topic': 'security', 'kind': 'DEMAND',
                                             'tabled_on': '2022-01-10'})
        citation = 'cit_seed0001'
        # wrk writes the first half of the positions, the batches the second: neither waits on the other's ETags.
        single, batched = slugs[:n // 2], slugs[n // 2:]
        path = os.path.join(ctx.work, 'data', 'write-positions-%s.txt' % db.kind)

        def positions_file():
            lines = []
            for slug in single:
                p = '/api/v1/demands/%s/positions/%s-addressee' % (slug, tag)
                lines.append('%s %s %s' % (p, etag_of(svc.url(p)), citation))
            with open(path, 'w') as f:
                f.write('\n'.join(lines) + '\n')
        env = {'WRK_POSITIONS': path, 'WRK_KEY': ADMIN_KEY}
        positions_file()
        # As long a warm-up as S4's: a write path runs cold for far longer than a GET's.
        ctx.wrk.run(svc.url('/api/v1/demands'), 'put_stance.lua', env, ctx.p['s4_warmup'], False,
                    '%s W stance PUT (warm-up)' % db.kind)
        positions_file()
        before = cpu_seconds(svc.proc.p.pid, db.kind)
        r = ctx.wrk.run(svc.url('/api/v1/demands'), 'put_stance.lua', env, label='%s W stance PUT' % db.kind)
        after = cpu_seconds(svc.proc.p.pid, db.kind)
        single_cpu = {k: round((after[k] - before[k]) * 1000 / max(1, r['requests']), 3) for k in before}
        errors = sum(v for k, v in r['errors'].items() if k != 'unmatched')

        size, clients = ctx.p['batch_size'], ctx.p['batch_clients']
        stop_at = [0.0]
        counts = [0] * clients
        failures = []

        def client(k):
            mine = batched[k::clients]
            flip = 0
            while time.monotonic() < stop_at[0]:
                flip = 1 - flip
                items = [{'demand': mine[(j + flip) % len(mine)], 'party': tag + '-addressee',
                          'status': ('OPEN_TO_DISCUSSION', 'REJECTED')[(j + flip) % 2], 'effective_on': '2022-02-01',
                          'citation_ids': [citation]} for j in range(size)]
                try:
                    answer = call('POST', '/api/v1/stances/batch', {'stances': items})
                except (RuntimeError, OSError) as e:
                    failures.append(str(e)[:300])
                    return
                counts[k] += len(answer['items'])

        def run_batches(seconds):
            counts[:] = [0] * clients
            stop_at[0] = time.monotonic() + seconds
            threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join(seconds + 120)
            return sum(counts), time.monotonic() - t0
        run_batches(ctx.p['s4_warmup'] // 3)
        before = cpu_seconds(svc.proc.p.pid, db.kind)
        stances, seconds = run_batches(ctx.p['duration'])
        after = cpu_seconds(svc.proc.p.pid, db.kind)
        batch_cpu = {k: round((after[k] - before[k]) * 1000 / max(1, stances), 3) for k in before}
        batch_rate = round(stances / seconds, 1)
        if failures:
            raise RuntimeError('a batch failed: %s' % failures[0])
        log('W %s: %.0f single writes/s (CPU ms per write %s), %.0f stances/s in batches of %d (CPU ms per stance %s)'
            % (db.kind, r['rps'], single_cpu, batch_rate, size, batch_cpu))
    finally:
        svc.stop()
    ratio = (lambda v: round(v / ceiling, 3)) if ceiling else (lambda v: None)
    ceiling_text = ' ÷ the commit ceiling (%s tx/s)' % fmt_num(ceiling) if ceiling else ''
    ctx.row('W', db.kind, None, 'stance PUT with If-Match, %d clients, %d positions%s' % (
        ctx.p['connections'], len(single), ceiling_text), r['rps'], 'writes/s', goal_text='>= 0.6 × ceiling'
            if ceiling else 'none (reported)', met=(ratio(r['rps']) >= GOALS['W-ceiling'] and errors == 0) if ceiling else None,
            extra={'ceiling_ratio': ratio(r['rps']), 'cpu_ms_per_write': single_cpu, 'errors': errors,
                   'p50_ms': r['latency_us']['p50'] / 1000, 'p99_ms': r['latency_us']['p99'] / 1000})
    ctx.row('W-batch', db.kind, None, 'POST /stances/batch, %d stances a batch, %d clients, %d positions%s' % (
        size, clients, len(batched), ceiling_text), batch_rate, 'stances/s', goal_text='none (reported)',
            extra={'ceiling_ratio': ratio(batch_rate), 'cpu_ms_per_stance': batch_cpu, 'batches_of': size})


def write_phase(ctx, pg_database):
    """W: H2, then PostgreSQL with pgbench's serialized-commit ceiling measured right after its writes."""
    write_rates(ctx, H2(ctx, 'h2-writes'))
    pg = Postgres(ctx, pg_database)
    ceiling = commit_ceiling(ctx, pg)['serialized']
    write_rates(ctx, pg, ceiling)
    ctx.results['writes'] = {'ceiling_tps': ceiling}


def fmt_num(v):
    return ('%.2f' % v) if v < 100 else ('%.0f' % v)


def stance_write_replay(ctx, pg):
    """PostgreSQL alone running one stance write's statements (bench/pg/stance-write.sql) with the
    clients S4 uses, on the loaded data, after the service has stopped: the most writes per second
    the database side allows on this machine, whatever the service does."""
    pg.psql('-c', 'create table bench_pos as select row_number() over (order by p.id) as n, p.id as pid,'
                  ' p.demand_id as did, d.slug as dslug, n.slug as nslug from demand_position p'
                  ' join demand d on d.id = p.demand_id join negotiation n on n.id = d.negotiation_id'
                  " where p.id in (select min(id) from demand_position where role = 'ADDRESSEE' group by demand_id);"
                  ' create index on bench_pos (n); analyze bench_pos')
    try:
        positions = int(pg.psql('-Atc', 'select count(*) from bench_pos').strip())
        script = os.path.join(BENCH, 'pg', 'stance-write.sql')
        with open(script) as f:
            statements = sum(1 for line in f if re.match(r'(select|insert|update)\b', line)) - 1
        out = run_tracked(ctx.work, 'pgbench-stance-write',
                          ['pgbench', '-h', HOST, '-U', os.environ.get('BENCH_PG_USER', 'postgres'), '-n',
                           '-M', 'prepared', '-c', str(ctx.p['connections']), '-j', str(ctx.p['threads']),
                           '-T', str(ctx.p['duration']), '-D', 'positions=%d' % positions, '-f', script,
                           pg.database], timeout=ctx.p['duration'] + 60)
        tps = round(float(re.search(r'tps = ([0-9.]+)', out).group(1)), 1)
        log('pgbench stance-write replay: %.0f tx/s' % tps)
    finally:
        pg.psql('-c', 'drop table if exists bench_pos')
    ctx.row('S4-replay', 'postgresql', ctx.p['pg_scale'], 'PostgreSQL alone, no service: pgbench, %d clients, running'
            ' the %d statements of one stance write (bench/pg/stance-write.sql)' % (ctx.p['connections'], statements),
            tps, 'tx/s', goal_text='none (the database side\'s ceiling for S4)',
            extra={'statements': statements, 'positions': positions})


def open_model(ctx, svc, db_kind, scale):
    """S5: 90% conditional matrix polls, 10% stance writes, at fixed arrival rates."""
    negotiations = s5_negotiations(ctx)
    demands = [d for n in negotiations for d in get_json(svc.url('/api/v1/demands?page_size=500&negotiation=' + n))['items']]
    neg_file = os.path.join(ctx.work, 'data', 's5-negotiations.txt')
    pos_file = os.path.join(ctx.work, 'data', 's5-positions-%s.txt' % db_kind)
    out_file = os.path.join(ctx.work, 'data', 's5-%s.json' % db_kind)
    with open(neg_file, 'w') as f:
        f.write('\n'.join(negotiations) + '\n')
    with open(pos_file, 'w') as f:
        for d in demands:
            f.write('/api/v1/demands/%s/positions/%s %s\n' % (d['slug'], d['addressees'][0], citation_for(d['slug'])))
    p = ctx.p
    cmd = ['java', os.path.join(HERE, 'OpenLoad.java'), 'base=' + svc.base,
           'rates=' + ','.join(str(r) for r in p['s5_rates']), 'duration=%s' % p['s5_duration'],
           'warmup=%s' % p['s5_warmup'], 'write-share=0.1', 'negotiations=' + neg_file, 'positions=' + pos_file,
           'key=' + ADMIN_KEY, 'out=' + out_file, 'timeout=10']
    bound = len(p['s5_rates']) * (p['s5_duration'] + p['s5_warmup'] + 25) + 60
    log('S5 %s: open model at %s req/s' % (db_kind, p['s5_rates']))
    proc = Proc('openload-%s' % db_kind, cmd, dict(os.environ), os.path.join(ctx.work, 'logs', 'openload-%s.log'
                                                                             % db_kind), ctx.work)
    try:
        proc.p.wait(bound)
    except subprocess.TimeoutExpired:
        pass
    finally:
        proc.stop()
    with open(out_file) as f:
        result = json.load(f)
    result['negotiations'] = len(negotiations)
    result['positions'] = len(demands)
    ctx.results['s5'][db_kind] = result
    for run in result['runs']:
        a = run['all']
        ctx.row('S5', db_kind, scale, '90%% polls / 10%% writes at %g req/s (open model)' % run['rate'],
                a.get('latency_ms', {}).get('p99'), 'ms p99', None, None, 'none (reported)', None,
                extra={'rate': run['rate'], 'p50_ms': a.get('latency_ms', {}).get('p50'),
                       'p99_ms': a.get('latency_ms', {}).get('p99'),
                       'poll_p99_ms': run['poll'].get('latency_ms', {}).get('p99'),
                       'write_p99_ms': run['write'].get('latency_ms', {}).get('p99'),
                       'achieved_rps': a['throughput'], 'outcomes': {'poll': run['poll'].get('outcomes'),
                                                                      'write': run['write'].get('outcomes')},
                       'dropped': run['dropped_no_free_position'], 'unanswered': run['unanswered_at_deadline']})


def json_server(ctx, svc, scale):
    """The same GETs against json-server 0.17.4 serving the same data (fetched from Parley)."""
    db_file = os.path.join(ctx.work, 'data', 'json-server-db.json')
    matrix = get_json(svc.url(matrix_path(SEED_NEGOTIATION)))
    demands = [dict(d, id=d['slug']) for d in list_demands(svc, scale)]
    with open(db_file, 'w') as f:
        json.dump({'matrix': matrix, 'demands': demands}, f)
    port = ctx.next_port()
    base = 'http://%s:%d' % (HOST, port)
    cli = os.path.join(BENCH, 'node_modules', 'json-server', 'lib', 'cli', 'bin.js')
    proc = Proc('json-server', ['node', cli, '--host', HOST, '--port', str(port), '--quiet', '--read-only', db_file],
                dict(os.environ), os.path.join(ctx.work, 'logs', 'json-server.log'), ctx.work)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if http('GET', base + '/matrix', timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.p.poll() is not None:
                raise RuntimeError('json-server did not start; see its log')
            time.sleep(0.1)
        tag = etag_of(base + '/matrix')
        if http('GET', base + '/matrix', headers={'If-None-Match': tag})[0] != 304:
            ctx.results['notes'].append('json-server did not answer 304 to its own ETag')
        out = {}
        for scenario, url, env in [('S1', base + '/matrix', {'WRK_IF_NONE_MATCH': tag}),
                                   ('S2', base + '/matrix', None),
                                   ('S3', base + '/demands?_page=1&_limit=50', None)]:
            out[scenario] = ctx.wrk.measured(url, 'json-server %s' % scenario, env=env)
        ctx.results['json_server'] = {'version': '0.17.4', 'scale': scale, 'runs': out}
    finally:
        proc.stop()


def statement_counts(ctx, db, scale):
    """Restarts the service on the same H2 file with SQL logging and counts the statements each
    kind of request runs (the log line of each statement carries the request's X-Request-Id)."""
    # Hibernate's org.hibernate.SQL logger at DEBUG goes through the service's log format, which
    # carries the request id (log.sql=true would print to stdout without it).
    svc = Service(ctx, 'h2-sql-log', db, java_opts=['-Dquarkus.log.category."org.hibernate.SQL".level=DEBUG'])
    try:
        matrix = svc.url(matrix_path(SEED_NEGOTIATION))
        tag = etag_of(matrix)
        demand = list_demands(svc, 1, exclude_negotiations={SEED_NEGOTIATION})[0]
        pos_path = '/api/v1/demands/%s/positions/%s' % (demand['slug'], demand['addressees'][0])
        pos_tag = etag_of(svc.url(pos_path))
        token = get_json(svc.url('/api/v1/demands?page_size=50')).get('next_page_token')
        body = json.dumps({'status': 'OPEN_TO_DISCUSSION', 'effective_on': '2022-03-01', 'note': 'bench',
                           'citation_ids': [citation_for(demand['slug'])]}).encode()
        requests = [
            ('health_live', 'GET', '/q/health/live', None, {}),
            ('S1_matrix_304', 'GET', matrix_path(SEED_NEGOTIATION), None, {'If-None-Match': tag}),
            ('S2_matrix_200', 'GET', matrix_path(SEED_NEGOTIATION), None, {}),
            ('S3_first_page', 'GET', '/api/v1/demands?page_size=50', None, {}),
            ('S3_next_page', 'GET', '/api/v1/demands?page_size=50&page_token=%s' % token, None, {}),
            ('position_get', 'GET', pos_path, None, {}),
            ('S4_stance_put', 'PUT', pos_path, body, {'If-Match': pos_tag, 'Content-Type': 'application/json',
                                                      'Authorization': 'Bearer ' + ADMIN_KEY}),
        ]
        statuses = {}
        for name, method, path, data, headers in requests:
            for i in range(2):  # the second one counts: the first may warm caches
                h = dict(headers, **{'X-Request-Id': 'bench-sql-%s-%d' % (name, i)})
                if name == 'S4_stance_put' and i == 1:
                    h['If-Match'] = etag_of(svc.url(pos_path))
                statuses[name] = http(method, svc.url(path), data, h)[0]
        time.sleep(1)
    finally:
        svc.stop()
    counts = {}
    samples = {}
    with open(svc.logfile, errors='replace') as f:
        lines = f.readlines()
    for name, *_ in requests:
        rid = '[bench-sql-%s-1]' % name
        stmts = [l for l in lines if rid in l and '[or.hi.SQL]' in l]
        counts[name] = {'statements': len(stmts), 'status': statuses[name]}
        samples[name] = [re.sub(r'^.*\[or\.hi\.SQL\] \([^)]*\) \[[^\]]*\] ', '', s).strip()[:160] for s in stmts]
    ctx.results['sql_statements'] = {'db': 'h2', 'scale': scale, 'counts': counts, 'statements': samples}
    log('SQL statements per request: %s' % {k: v['statements'] for k, v in counts.items()})


def jfr_summary(ctx, jfr_file, windows, top=8):
    """Where the service spent its CPU during each measured wrk run: JFR execution samples whose
    time falls in the run, by top frame and by the first dev.parley frame on the stack."""
    try:
        out = subprocess.run(['jfr', 'print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', jfr_file],
                             capture_output=True, text=True, timeout=600).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return {'error': str(e)}
    samples = []
    day = time.strftime('%Y-%m-%d', time.localtime(windows[0][1])) if windows else None
    for block in out.split('jdk.ExecutionSample {')[1:]:
        m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', block)
        if not m or not day:
            continue
        t = time.mktime(time.strptime(day + ' ' + m.group(1).split('.')[0], '%Y-%m-%d %H:%M:%S')) + \
            float('0.' + m.group(1).split('.')[1])
        frames = re.findall(r'^\s+([\w.$<>]+)\(.*?\)\s+line:', block, re.M)
        if frames:
            samples.append((t, frames))
    result = {'file': os.path.basename(jfr_file), 'samples': len(samples), 'runs': []}
    for label, start, end in windows:
        inside = [f for t, f in samples if start <= t <= end]
        if not inside:
            continue
        tops, parley = {}, {}
        for frames in inside:
            tops[frames[0]] = tops.get(frames[0], 0) + 1
            first = next((f for f in frames if f.startswith('dev.parley.')), None)
            if first:
                parley[first] = parley.get(first, 0) + 1
        result['runs'].append({'run': label, 'samples': len(inside),
                               'top_frames': sorted(tops.items(), key=lambda kv: -kv[1])[:top],
                               'first_parley_frames': sorted(parley.items(), key=lambda kv: -kv[1])[:top]})
    return result


def db_label(s6_key):
    name = s6_key.split('_')[0]
    return {'pg': 'postgresql', 'h2-lean': 'h2, lean JVM options', 'h2-image': 'h2, image options'}.get(name, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--quick', action='store_true')
    ap.add_argument('--work', required=True)
    ap.add_argument('--pg-database', required=True)
    ap.add_argument('--results', default=os.path.join(BENCH, 'results'))
    ap.add_argument('--scales')
    ap.add_argument('--jfr', action='store_true')
    ap.add_argument('--exports-only', action='store_true', help='only the export step, on H2, at each scale')
    ap.add_argument('--only', choices=['floor', 'quote', 'flat-export', 'writes'],
                    help='run one phase alone; its results go to <phase>-latest.json')
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    ctx = Context(args)
    seed = gen_data.load_seed()
    p = ctx.p
    started = time.time()
    res = ctx.results
    res.update({'mode': ctx.mode, 'started_at': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
                'params': {k: p[k] for k in ('threads', 'connections', 'duration', 'warmup', 's4_warmup')},
                'scales': p['scales'], 'pg_scale': p['pg_scale'], 'goals': GOALS, 'lean_jvm': LEAN_JVM})
    res['machine'] = machine_info()
    try:
        if args.only == 'floor':
            framework_floor(ctx)
            return finish(args, res, started, 'floor-')
        if args.only == 'quote':
            quote_check(ctx)
            return finish(args, res, started, 'quote-')
        if args.only == 'flat-export':
            flat_exports(ctx)
            return finish(args, res, started, 'flat-export-')
        if args.only == 'writes':
            write_phase(ctx, args.pg_database)
            return finish(args, res, started, 'writes-')
        # ------------------------------------------------------------ H2
        h2 = H2(ctx)
        data = DataSet(seed)
        java_opts = []
        if args.jfr:
            java_opts = ['-XX:StartFlightRecording=filename=%s,settings=profile' % os.path.join(ctx.work, 'h2.jfr')]
        svc = Service(ctx, 'h2-cold', h2)
        res['s6']['h2_cold_start'] = {'ready_s': round(svc.ready_s, 3), 'quarkus_started_in_s': svc.started_in_s,
                                      'demands': data.demands, 'note': 'empty database: migrations + seed import'}
        log('import API sample: %d copies of the seed' % p['sample_copies'])
        res['generation']['import_api'] = data.import_sample(ctx, svc, p['sample_copies'])
        log('  %s' % res['generation']['import_api'])
        svc.stop()
        for i, scale in enumerate(p['scales']):
            data.bulk_load(ctx, h2, scale)
            svc = Service(ctx, 'h2-%d' % scale, h2, java_opts=java_opts if i == len(p['scales']) - 1 else [])
            jfr_windows = ctx.windows = []
            warm_up(ctx, svc)
            res['s6']['h2_restart_%d' % scale] = {'ready_s': round(svc.ready_s, 3),
                                                  'quarkus_started_in_s': svc.started_in_s, 'demands': data.demands}
            if args.exports_only:
                exports(ctx, svc, 'h2', scale)
                svc.stop()
                continue
            read_scenarios(ctx, svc, 'h2', scale)
            exports(ctx, svc, 'h2', scale)
            if i == 0:
                json_server(ctx, svc, scale)
            if i < len(p['scales']) - 1:
                svc.stop()
        if args.exports_only:
            return finish(args, res, started, "")
        scale = p['scales'][-1]
        deep_page(ctx, svc, 'h2', scale)
        writes(ctx, svc, 'h2', scale)
        open_model(ctx, svc, 'h2', scale)
        res['s6']['h2_rss_after_load'] = svc.rss_mb()
        svc.stop()
        deep_page_rendered(ctx, h2, 'h2', scale)
        if args.jfr:
            res['jfr'] = jfr_summary(ctx, os.path.join(ctx.work, 'h2.jfr'), jfr_windows)
        # S6 with JVM options for a small container: C1 only, serial GC, a 128 MiB heap.
        svc = Service(ctx, 'h2-lean', h2, java_opts=LEAN_JVM)
        res['s6']['h2-lean_restart_%d' % scale] = {'ready_s': round(svc.ready_s, 3), 'demands': data.demands,
                                                   'quarkus_started_in_s': svc.started_in_s}
        warm_up(ctx, svc)
        res['s6']['h2-lean_rss_after_load'] = dict(svc.rss_mb(), after='the warm-up reads only')
        svc.stop()
        # S6 as the container image runs: its JAVA_OPTS and class-data archive, the pod's limits.
        archive = os.path.join(ctx.work, 'app.aot')
        training_run(ctx, archive)
        res['image_jvm'] = image_jvm(archive)
        svc = Service(ctx, 'h2-image', h2, java_opts=res['image_jvm'])
        res['s6']['h2-image_restart_%d' % scale] = {'ready_s': round(svc.ready_s, 3), 'demands': data.demands,
                                                    'quarkus_started_in_s': svc.started_in_s}
        warm_up(ctx, svc)
        read_scenarios(ctx, svc, 'h2, image options', scale)
        res['s6']['h2-image_rss_after_load'] = dict(svc.rss_mb(), after='S1-S3')
        svc.stop()
        statement_counts(ctx, h2, scale)
        framework_floor(ctx)
        # ------------------------------------------------------------ PostgreSQL
        pg = Postgres(ctx, args.pg_database)
        data = DataSet(seed)
        svc = Service(ctx, 'pg', pg)
        res['s6']['pg_cold_start'] = {'ready_s': round(svc.ready_s, 3), 'quarkus_started_in_s': svc.started_in_s,
                                      'demands': data.demands, 'note': 'empty database: migrations + seed import'}
        data.bulk_load(ctx, pg, p['pg_scale'])
        warm_up(ctx, svc)
        if p['pg_reads']:
            read_scenarios(ctx, svc, 'postgresql', p['pg_scale'])
            deep_page(ctx, svc, 'postgresql', p['pg_scale'])
        ceiling = commit_ceiling(ctx, pg)['serialized']
        writes(ctx, svc, 'postgresql', p['pg_scale'], ceiling)
        open_model(ctx, svc, 'postgresql', p['pg_scale'])
        res['s6']['pg_rss_after_load'] = svc.rss_mb()
        svc.stop()
        if p['pg_reads']:
            deep_page_rendered(ctx, pg, 'postgresql', p['pg_scale'])
        stance_write_replay(ctx, pg)
        # ------------------------------------------------------------ W, on fresh positions of its own
        write_rates(ctx, H2(ctx, 'h2-writes'))
        write_rates(ctx, pg, ceiling)
        res['writes'] = {'ceiling_tps': ceiling}
        # ------------------------------------------------------------ S6 rows
        for key, v in res['s6'].items():
            if key.endswith('rss_after_load'):
                ctx.row('S6', db_label(key), None, 'RSS after %s (peak %.0f MB)'
                        % (v.get('after', 'load'), v['peak_rss_mb']), v['rss_mb'], 'MB', None, None, None, None)
            else:
                ctx.row('S6', db_label(key), v['demands'],
                        'time to ready, ' + ('cold start (migrations + seed)' if 'cold' in key
                                             else 'restart with data'),
                        v['ready_s'], 's', None, None, None, None)
    finally:
        Proc.stop_all()
    finish(args, res, started, '')


def finish(args, res, started, prefix):
    res['finished_at'] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')
    res['elapsed_s'] = round(time.time() - started, 1)
    res['machine']['loadavg_after'] = os.getloadavg()
    os.makedirs(args.results, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime('%Y%m%dT%H%M%SZ')
    if args.exports_only:
        # A partial run: kept beside the full ones, never as latest.json (which BENCHMARKS.md is made from).
        name = '%s-exports.json' % stamp
        with open(os.path.join(args.results, name), 'w') as f:
            json.dump(res, f, indent=2)
        log('results: %s (%.0f s)' % (name, res['elapsed_s']))
        return
    name = '%s%s%s.json' % (prefix, stamp, '-quick' if args.quick else '')
    for target in (os.path.join(args.results, name), os.path.join(args.results, prefix + 'latest.json')):
        with open(target, 'w') as f:
            json.dump(res, f, indent=2)
    log('results: %s and %slatest.json (%.0f s)' % (name, prefix, res['elapsed_s']))


def machine_info():
    def cmd(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True, timeout=10).stdout.strip() or \
                subprocess.run(c, capture_output=True, text=True, timeout=10).stderr.strip()
        except OSError:
            return None
    mem = None
    with open('/proc/meminfo') as f:
        for line in f:
            if line.startswith('MemTotal:'):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {'cpus': os.cpu_count(), 'mem_gb': mem, 'kernel': platform.release(),
            'java': (cmd('java', '-version') or '').splitlines()[0],
            'wrk': (cmd('wrk', '-v') or '').splitlines()[0],
            'commit': cmd('git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'),
            'loadavg_before': os.getloadavg()}


if __name__ == '__main__':
    main()
