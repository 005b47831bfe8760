#!/usr/bin/env python3
"""Soak: a bounded mixed load at a fixed rate, with errors counted and the service's RSS sampled.

  1. start the service on fresh data (H2 temp directory or a new PostgreSQL database), with the
     JVM options of --java-opts (none by default; RELIABILITY.md gives the container image's);
  2. measure capacity: a closed-loop burst of the same mix (every client sends its next request as
     soon as the last one is answered) for --capacity-seconds after a short warm-up;
  3. run the mix open-loop at --rate operations a second (default: half the measured capacity) for
     --minutes: 90 % conditional GETs (If-None-Match with the last ETag seen) of the matrix and of
     demand lists, 10 % stance writes (GET the position for its ETag, PUT with If-Match and an
     inline citation) on demands each client owns, so If-Match never fails by design;
  4. sample VmRSS of the service PID from /proc every --sample seconds; count errors (any answer
     but 2xx/304, any timeout or broken connection);
  5. stop the service, drop the data, and write reliability/results/soak-<timestamp>.json and
     soak-<timestamp>-rss.csv.

The load generator is Python (processes x threads, keep-alive connections) on the same machine as
the service, so "capacity" is that of the pair on this host; both figures are printed.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import http.client
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as H  # noqa: E402
from harness import NotSent, Unknown, log  # noqa: E402

KEY = "parley_reliability_admin_key_0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
READS = [
    f"/api/v1/negotiations/{H.NEGOTIATION}/matrix",
    f"/api/v1/demands?negotiation={H.NEGOTIATION}",
    "/api/v1/demands?proposer=russia",
    "/api/v1/demands?status=REJECTED",
    "/api/v1/demands?page_size=10",
]
# Counter slots shared by each worker process with the main one.
OPS, ERRORS, WRITES, NOT_MODIFIED, LATE = range(5)


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


class Client:
    """One load-generating thread: a keep-alive connection, its own ETag cache, its own demands."""

    def __init__(self, port, demands, source, rng, write_share):
        self.port = port
        self.demands = demands  # [(slug, addressee)], this client's alone
        self.source = source
        self.rng = rng
        self.write_share = write_share
        self.etags = {}
        self.conn = None
        self.seq = 0
        self.latency = collections.defaultdict(list)
        self.statuses = collections.Counter()
        self.error_samples = []

    def call(self, method, path, body=None, headers=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            return H.request(self.port, method, path, body, headers, conn=self.conn)
        except (NotSent, Unknown):
            self.conn.close()
            self.conn = None
            raise

    def op(self, counters) -> None:
        """One operation of the mix; records its outcome."""
        t0 = time.perf_counter()
        kind = "write" if self.rng.random() < self.write_share else "read"
        ok = True
        try:
            if kind == "read":
                path = self.rng.choice(READS)
                headers = {"If-None-Match": self.etags[path]} if path in self.etags else {}
                r = self.call("GET", path, headers=headers)
                if r.status == 200:
                    self.etags[path] = r.header("etag")
                label = f"GET {r.status}"
                ok = r.status in (200, 304)
                if r.status == 304:
                    counters[NOT_MODIFIED] += 1
            else:
                self.seq += 1
                slug, party = self.rng.choice(self.demands)
                path = f"/api/v1/demands/{slug}/positions/{party}"
                g = self.call("GET", path)
                note = f"soak {os.getpid()}-{threading.get_ident()}-{self.seq}"
                stance = {"status": self.rng.choice(["REJECTED", "OPEN_TO_DISCUSSION", "COUNTER_PROPOSED"]),
                          "effective_on": (dt.date(2022, 1, 3) + dt.timedelta(days=self.rng.randint(0, 60))).isoformat(),
                          "note": note,
                          "citations": [{"source_id": self.source, "title": "Soak", "quote": note,
                                         "kind": "REPORTED", "relation": "SUPPORTS"}]}
                if g.status != 200:
                    r = g
                else:
                    r = self.call("PUT", path, stance, {**AUTH, "If-Match": g.header("etag")})
                label = f"PUT {r.status}"
                ok = r.status == 200
                counters[WRITES] += 1
            if not ok and len(self.error_samples) < 20:
                self.error_samples.append(f"{label}: {r.body[:200].decode(errors='replace')}")
        except (NotSent, Unknown) as e:
            label = f"{kind} transport error"
            ok = False
            if len(self.error_samples) < 20:
                self.error_samples.append(f"{label}: {e}")
        self.latency[kind].append(time.perf_counter() - t0)
        self.statuses[label] += 1
        counters[OPS] += 1
        if not ok:
            counters[ERRORS] += 1


def worker(index, port, demands_per_thread, source, threads, rate, seconds, write_share, counters, out_q, seed):
    """A load process: `threads` clients. rate None = closed loop; else each client paces itself to
    rate/threads operations a second on a fixed schedule (open loop: a late request is sent at once,
    not skipped, and counted as late)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    local = [0] * 5
    lock = threading.Lock()
    clients = [Client(port, demands_per_thread[i], source, random.Random(seed * 100 + i), write_share)
               for i in range(threads)]
    end = time.monotonic() + seconds

    def run(c: Client):
        mine = [0] * 5
        interval = threads / rate if rate else 0.0
        nxt = time.monotonic() + random.random() * interval
        while True:
            now = time.monotonic()
            if now >= end:
                break
            if rate:
                if nxt > now:
                    time.sleep(min(nxt - now, end - now))
                    if time.monotonic() >= end:
                        break
                elif now - nxt > 0.1:
                    mine[LATE] += 1
                nxt += interval
            c.op(mine)
            if sum(mine[:2]) >= 20 or rate:
                with lock:
                    for k in range(5):
                        local[k] += mine[k]
                        mine[k] = 0
        with lock:
            for k in range(5):
                local[k] += mine[k]

    def publish():
        while any(t.is_alive() for t in ts):
            time.sleep(0.5)
            with lock:
                with counters.get_lock():
                    for k in range(5):
                        counters[index * 5 + k] += local[k]
                        local[k] = 0
        with lock, counters.get_lock():
            for k in range(5):
                counters[index * 5 + k] += local[k]
                local[k] = 0

    ts = [threading.Thread(target=run, args=(c,), daemon=True) for c in clients]
    for t in ts:
        t.start()
    pub = threading.Thread(target=publish, daemon=True)
    pub.start()
    for t in ts:
        t.join(seconds + 60)
    pub.join(10)
    statuses = collections.Counter()
    latency = collections.defaultdict(list)
    errors = []
    for c in clients:
        statuses.update(c.statuses)
        for k, v in c.latency.items():
            latency[k].extend(v)
        errors.extend(c.error_samples)
        if c.conn:
            c.conn.close()
    out_q.put({"statuses": dict(statuses), "latency": {k: v for k, v in latency.items()}, "errors": errors[:20]})


def run_phase(name, port, setup, procs, threads, rate, seconds, write_share, sampler=None):
    counters = mp.Array("q", procs * 5)
    out_q = mp.Queue()
    per_proc_rate = rate / procs if rate else None
    ps = []
    for i in range(procs):
        demands = setup["demands"][i * threads:(i + 1) * threads]
        p = mp.Process(target=worker, args=(i, port, demands, setup["source"], threads, per_proc_rate, seconds,
                                            write_share, counters, out_q, random.randrange(1 << 30)), daemon=True)
        p.start()
        ps.append(p)
    t0 = time.monotonic()
    if sampler:
        sampler(counters, t0, seconds)
    results = [out_q.get(timeout=seconds + 120) for _ in ps]
    for p in ps:
        p.join(30)
        if p.is_alive():
            p.kill()
    took = time.monotonic() - t0
    statuses = collections.Counter()
    latency = collections.defaultdict(list)
    errors = []
    for r in results:
        statuses.update(r["statuses"])
        for k, v in r["latency"].items():
            latency[k].extend(v)
        errors.extend(r["errors"])
    totals = [sum(counters[i * 5 + k] for i in range(procs)) for k in range(5)]
    lat = {}
    for k, v in latency.items():
        v.sort()
        lat[k] = {"p50_ms": round(percentile(v, 0.5) * 1000, 1), "p99_ms": round(percentile(v, 0.99) * 1000, 1),
                  "max_ms": round(v[-1] * 1000, 1), "count": len(v)}
    return {"phase": name, "seconds": round(took, 1), "operations": totals[OPS], "errors": totals[ERRORS],
            "writes": totals[WRITES], "not_modified": totals[NOT_MODIFIED], "late_sends": totals[LATE],
            "ops_per_second": round(totals[OPS] / took, 1), "statuses": dict(sorted(statuses.items())),
            "latency": lat, "error_samples": errors[:20]}


def setup_data(port, n_clients):
    def api(method, path, body=None, headers=None):
        r = H.request(port, method, path, body, {**AUTH, **(headers or {})}, timeout=30)
        if r.status not in (200, 201):
            raise RuntimeError(f"{method} {path} -> {r.status} {r.body[:300]!r}")
        return r.json()

    source = api("POST", "/api/v1/sources", {"name": "Soak source", "kind": "OTHER", "reliability": "F"})["id"]
    demands = []
    for i in range(n_clients):
        slug = f"soak-{i}"
        api("POST", "/api/v1/demands", {"slug": slug, "negotiation": H.NEGOTIATION, "proposer": "russia",
                                        "addressees": ["united-states", "nato"], "title": f"Soak demand {i}",
                                        "text": "Written by the soak.", "topic": "soak", "kind": "DEMAND",
                                        "tabled_on": "2022-01-03"})
        demands.append([(slug, "united-states"), (slug, "nato")])
    return {"source": source, "demands": demands}


def linear_slope(points):
    """Least-squares slope of (x, y) points."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["h2", "postgresql"], default="h2")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--rate", type=float, help="operations a second (default: half the measured capacity)")
    ap.add_argument("--capacity-seconds", type=float, default=30)
    ap.add_argument("--warmup-seconds", type=float, default=20)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--threads", type=int, default=8, help="clients per process")
    ap.add_argument("--write-share", type=float, default=0.10)
    ap.add_argument("--sample", type=float, default=10, help="seconds between RSS samples")
    ap.add_argument("--java-opts", default="", help="JVM options for the service (default: none)")
    ap.add_argument("--results", default=str(H.RESULTS))
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    if not H.JAR.exists():
        print(f"{H.JAR} is missing: ./mvnw -B -q package -DskipTests", file=sys.stderr)
        return 2
    if args.minutes <= 0 or args.minutes > 180:
        print("--minutes must be in (0, 180]", file=sys.stderr)
        return 2

    stamp = time.strftime("%Y%m%dT%H%M%S")
    work = Path(tempfile.mkdtemp(prefix=f"parley-soak-{args.db}-"))
    pg_db = f"parley_soak_{stamp.lower()}" if args.db == "postgresql" else None
    svc = H.Service(env=H.service_env(args.db, work / "h2", pg_db, KEY), log_path=work / "service.log",
                    java_opts=args.java_opts.split(), port=H.free_port())
    clients = args.processes * args.threads
    result = {"db": args.db, "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "host": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg()},
              "config": {"minutes": args.minutes, "processes": args.processes, "threads_per_process": args.threads,
                         "write_share": args.write_share, "sample_s": args.sample,
                         "java_opts": svc.java_opts, "reads": READS}}
    samples = []
    passed = None

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    try:
        if pg_db:
            H.pg_create(pg_db)
        svc.start()
        boot = svc.wait_ready(300)
        log(f"soak {args.db}: service pid {svc.pid} ready in {boot:.1f}s; RSS {svc.rss_kb() // 1024} MB")
        setup = setup_data(svc.port, clients)

        log(f"warm-up: {args.warmup_seconds:.0f}s closed loop")
        run_phase("warmup", svc.port, setup, args.processes, args.threads, None, args.warmup_seconds,
                  args.write_share)
        log(f"capacity: {args.capacity_seconds:.0f}s closed loop, {clients} clients")
        cap = run_phase("capacity", svc.port, setup, args.processes, args.threads, None, args.capacity_seconds,
                        args.write_share)
        capacity = cap["ops_per_second"]
        rate = args.rate or round(capacity / 2, 1)
        log(f"measured capacity {capacity} ops/s ({cap['errors']} errors, p99 read"
            f" {cap['latency'].get('read', {}).get('p99_ms')} ms); soak rate {rate} ops/s"
            f" ({'given' if args.rate else 'half of capacity'}) for {args.minutes} min")

        seconds = args.minutes * 60

        def sampler(counters, t0, duration):
            last_ops = 0
            last_t = 0.0
            k = 0
            while True:
                target = k * args.sample
                delay = t0 + target - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                elapsed = time.monotonic() - t0
                ops = sum(counters[i * 5 + OPS] for i in range(args.processes))
                errs = sum(counters[i * 5 + ERRORS] for i in range(args.processes))
                rss = svc.rss_kb()
                if rss is None:
                    raise RuntimeError("the service is gone")
                rate_now = (ops - last_ops) / (elapsed - last_t) if elapsed > last_t else 0.0
                samples.append({"t_s": round(elapsed, 1), "rss_mb": round(rss / 1024, 1), "operations": ops,
                                "errors": errs, "ops_per_s": round(rate_now, 1),
                                "loadavg_1m": os.getloadavg()[0]})
                if k % 6 == 0:
                    log(f"  t={elapsed:5.0f}s RSS {rss / 1024:7.1f} MB, {ops} ops ({rate_now:.0f}/s), {errs} errors")
                last_ops, last_t = ops, elapsed
                k += 1
                if k * args.sample > duration + 0.01:
                    break

        soak = run_phase("soak", svc.port, setup, args.processes, args.threads, rate, seconds, args.write_share,
                         sampler=sampler)
        final_rss = svc.rss_kb()
        samples.append({"t_s": soak["seconds"], "rss_mb": round(final_rss / 1024, 1), "operations": soak["operations"],
                        "errors": soak["errors"], "ops_per_s": None, "loadavg_1m": os.getloadavg()[0]})
        rss = [s["rss_mb"] for s in samples]
        after_warm = [(s["t_s"] / 60, s["rss_mb"]) for s in samples if s["t_s"] >= 60]
        half = len(after_warm) // 2
        trend = {
            "min_mb": min(rss), "max_mb": max(rss), "first_mb": rss[0], "last_mb": rss[-1],
            "slope_mb_per_min_after_1min": round(linear_slope(after_warm), 2),
            "mean_first_half_after_1min_mb": round(sum(y for _, y in after_warm[:half]) / max(1, half), 1),
            "mean_second_half_mb": round(sum(y for _, y in after_warm[half:]) / max(1, len(after_warm) - half), 1),
        }
        result.update({"boot_s": round(boot, 1), "capacity": cap, "rate_ops_per_s": rate,
                       "rate_source": "given" if args.rate else "half of measured capacity", "soak": soak,
                       "rss": trend, "host_end": {"loadavg": os.getloadavg()}})
        passed = soak["errors"] == 0
        log(f"soak done: {soak['operations']} ops in {soak['seconds']}s ({soak['ops_per_second']}/s of {rate} asked),"
            f" {soak['errors']} errors, {soak['late_sends']} late sends; RSS {trend['min_mb']}-{trend['max_mb']} MB,"
            f" slope after 1 min {trend['slope_mb_per_min_after_1min']} MB/min")
    except Exception as e:  # noqa: BLE001
        import traceback
        result["harness_exception"] = traceback.format_exc()
        log(result["harness_exception"])
        log(svc.log_tail())
        passed = None
    finally:
        if svc.alive():
            svc.stop(90)
        result["passed"] = passed
        if pg_db and not args.keep:
            H.pg_drop(pg_db)
        if not args.keep:
            H.remove_tree(work)
        if args.results:
            out = Path(args.results)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"soak-{args.db}-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
            with open(out / f"soak-{args.db}-{stamp}-rss.csv", "w") as f:
                f.write("t_s,rss_mb,operations,errors,ops_per_s,loadavg_1m\n")
                for s in samples:
                    f.write(f"{s['t_s']},{s['rss_mb']},{s['operations']},{s['errors']},"
                            f"{'' if s['ops_per_s'] is None else s['ops_per_s']},{s['loadavg_1m']}\n")
            log(f"wrote {out / f'soak-{args.db}-{stamp}.json'} and -rss.csv")
    return 0 if passed else (1 if passed is False else 2)


if __name__ == "__main__":
    sys.exit(main())
