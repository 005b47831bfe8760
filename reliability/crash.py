#!/usr/bin/env python3
"""Crash safety: concurrent writers, SIGKILL at random moments, restart, and proof that nothing an
answer acknowledged was lost and nothing is half-written.

One run, on one database:
  1. start the service on fresh data (an H2 temp directory, or a new PostgreSQL database);
  2. subscribe a webhook to "*" pointing at a loopback receiver that answers 503, so every outbox
     row stays in the database (PENDING or retrying) where it can be counted;
  3. create a few demands and sources, then start N writer threads: PUT stances (If-Match, inline
     citations), POST demands and POST sources (Idempotency-Key); every write answered 2xx goes to
     acks.jsonl with what identifies it; a write whose answer was lost to a kill goes to
     unknown.jsonl (POSTs retry with the same key first, so they usually resolve);
  4. SIGKILL the service's PID after a random burst of writing, restart it on the same data,
     repeat (long mode adds kills during boot on top of the kills under load);
  5. stop the writers, restart cleanly, and verify through the API (every acknowledged demand and
     source answers, every acknowledged stance is in its position's history, no POST happened
     twice) and through SQL (psql, or the H2 jar once the service has stopped): every position
     change has its position.changed entry, every change since the webhook was created has its
     webhook_delivery row, every demand has its positions, every current_change_id points at a
     change of that position, every created resource has its *.created change.

Writes a summary to reliability/results/crash-<db>-<mode>-<timestamp>.json; exits 0 when every
check passed, 1 when one failed (the work directory with logs is then kept), 2 on a harness error.
"""

from __future__ import annotations

import argparse
import base64
import collections
import datetime as dt
import http.server
import json
import os
import random
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as H  # noqa: E402
from harness import NotSent, Unknown, log  # noqa: E402

ADMIN_KEY = "parley_reliability_admin_key_0123456789"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
TABLED_ON = dt.date(2022, 1, 3)
ADDRESSEE_STATUSES = ["NO_RESPONSE", "REJECTED", "OPEN_TO_DISCUSSION", "COUNTER_PROPOSED", "CONDITIONALLY_ACCEPTED",
                      "ACCEPTED", "CODIFIED"]
PROPOSER_STATUSES = ["TABLED", "CODIFIED", "WITHDRAWN"]

MODES = {
    # kills under load, writer burst before each kill (s), extra kills during boot (probability per
    # cycle), hard deadline for the kill loop (s)
    "short": dict(kills=3, burst=(2.0, 5.0), boot_kill=0.0, deadline=150),
    "long": dict(kills=50, burst=(1.0, 4.0), boot_kill=0.15, deadline=40 * 60),
}


# ---------------------------------------------------------------- journal of writes


class Journal:
    """acks.jsonl: writes answered 2xx. unknown.jsonl: writes sent whose answer never came."""

    def __init__(self, work: Path):
        self.lock = threading.Lock()
        self.acks_f = open(work / "acks.jsonl", "a", encoding="utf-8")
        self.unknown_f = open(work / "unknown.jsonl", "a", encoding="utf-8")
        self.acks: list[dict] = []
        self.unknown: list[dict] = []
        self.statuses = collections.Counter()
        self.errors: list[dict] = []
        self.conflicts = 0
        self.replays = 0
        self.epoch = 0  # how many kills so far, stamped on each record

    def ack(self, rec: dict) -> None:
        with self.lock:
            rec["epoch"] = self.epoch
            rec["t"] = round(time.time(), 3)
            self.acks.append(rec)
            self.acks_f.write(json.dumps(rec) + "\n")
            self.acks_f.flush()

    def lost_answer(self, rec: dict) -> None:
        with self.lock:
            rec["epoch"] = self.epoch
            rec["t"] = round(time.time(), 3)
            self.unknown.append(rec)
            self.unknown_f.write(json.dumps(rec) + "\n")
            self.unknown_f.flush()

    def status(self, op: str, code: int, body: bytes = b"") -> None:
        problem = ""
        if code >= 400:
            try:
                problem = " " + json.loads(body).get("code", "")
            except (ValueError, AttributeError):
                problem = " ?"
        with self.lock:
            self.statuses[f"{op} {code}{problem}"] += 1
            expected = code < 300 or code == 412 or problem == " IDEMPOTENCY_IN_PROGRESS"
            if not expected and len(self.errors) < 200:
                self.errors.append({"op": op, "status": code, "body": body[:300].decode(errors="replace"),
                                    "epoch": self.epoch, "t": round(time.time(), 3)})

    def close(self) -> None:
        self.acks_f.close()
        self.unknown_f.close()


# ---------------------------------------------------------------- the 503 receiver


class Receiver:
    """Loopback webhook receiver that answers 503 to everything, so deliveries stay in the outbox."""

    def __init__(self):
        self.count = 0

        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                outer.count += 1
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="receiver", daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- writers


class Targets:
    """What writers may write to: acknowledged demands (with their parties) and sources. Shared:
    every writer records stances on every demand, so writers race on the same ETags and some get
    412. Disjoint: each writer only on demands of its own, so If-Match never fails."""

    def __init__(self, disjoint: bool):
        self.lock = threading.Lock()
        self.disjoint = disjoint
        self.demands: list[tuple[str, str, list[str]]] = []  # slug, proposer, addressees
        self.setup_demands: list[tuple[str, str, list[str]]] = []
        self.sources: list[str] = []
        self.owned: dict[int, list] = collections.defaultdict(list)

    def add_demand(self, entry, writer: int | None = None) -> None:
        with self.lock:
            self.demands.append(entry)
            if writer is not None:
                self.owned[writer].append(entry)

    def pick_position(self, rng: random.Random, writer: int):
        with self.lock:
            if self.disjoint:
                pool = self.owned[writer][-20:]
            elif rng.random() < 0.7 or len(self.demands) == len(self.setup_demands):
                pool = self.setup_demands
            else:
                pool = self.demands[-50:]
            slug, proposer, addressees = rng.choice(pool)
            source = rng.choice(self.sources[-30:])
        if rng.random() < 0.15:
            return slug, proposer, "PROPOSER", source
        return slug, rng.choice(addressees), "ADDRESSEE", source


def demand_body(slug: str, rng: random.Random) -> dict:
    proposer = rng.choice(H.PARTIES)
    others = [p for p in H.PARTIES if p != proposer]
    addressees = rng.sample(others, rng.randint(1, 3))
    return {"slug": slug, "negotiation": H.NEGOTIATION, "proposer": proposer, "addressees": addressees,
            "title": f"Reliability demand {slug}", "text": f"Written by the crash harness as {slug}.",
            "topic": "reliability", "kind": rng.choice(["DEMAND", "OFFER", "RED_LINE"]),
            "tabled_on": TABLED_ON.isoformat()}


class Writer(threading.Thread):
    def __init__(self, n: int, ctx: "Run"):
        super().__init__(name=f"writer-{n}", daemon=True)
        self.n = n
        self.ctx = ctx
        self.rng = random.Random(ctx.seed * 1000 + n)
        self.seq = 0

    def run(self):
        try:
            while not self.ctx.stop.is_set():
                self.seq += 1
                r = self.rng.random()
                if r < 0.6:
                    self.stance()
                elif r < 0.8:
                    self.create("demand")
                else:
                    self.create("source")
        except Exception:  # noqa: BLE001 - a harness bug must not pass silently
            self.ctx.harness_errors.append(f"{self.name}: {traceback.format_exc()}")

    def wait_up(self):
        time.sleep(0.25)

    def stance(self):
        ctx, rng = self.ctx, self.rng
        slug, party, role, source = ctx.targets.pick_position(rng, self.n)
        note = f"rel:{ctx.run_id}:w{self.n}:{self.seq}"
        status = rng.choice(PROPOSER_STATUSES if role == "PROPOSER" else ADDRESSEE_STATUSES)
        effective = (TABLED_ON + dt.timedelta(days=rng.randint(0, 60))).isoformat()
        n_cit = 1 if rng.random() < 0.8 else 2
        body = {"status": status, "effective_on": effective, "note": note,
                "citations": [{"source_id": source, "title": f"Crash harness {note}", "quote": f"quote {note} #{i}",
                               "kind": "REPORTED", "relation": "SUPPORTS"} for i in range(n_cit)]}
        path = f"/api/v1/demands/{slug}/positions/{party}"
        for _ in range(6):
            if ctx.stop.is_set():
                return
            try:
                g = H.request(ctx.port, "GET", path, timeout=10)
            except (NotSent, Unknown):
                self.wait_up()
                continue
            if g.status != 200:
                ctx.journal.status("stance-get", g.status, g.body)
                return
            try:
                p = H.request(ctx.port, "PUT", path, body, {**AUTH, "If-Match": g.header("etag")}, timeout=15)
            except NotSent:
                self.wait_up()
                continue
            except Unknown as e:
                ctx.journal.lost_answer({"op": "stance", "demand": slug, "party": party, "note": note,
                                         "status": status, "effective_on": effective, "error": str(e)})
                return
            ctx.journal.status("stance", p.status, p.body)
            if p.status == 200:
                ctx.journal.ack({"op": "stance", "demand": slug, "party": party, "note": note, "status": status,
                                 "effective_on": effective, "citations": n_cit})
                return
            if p.status == 412:
                with ctx.journal.lock:
                    ctx.journal.conflicts += 1
                continue
            return

    def create(self, kind: str):
        ctx, rng = self.ctx, self.rng
        key = f"rel-{ctx.run_id}-w{self.n}-{self.seq}"
        if kind == "demand":
            path, body = "/api/v1/demands", demand_body(key, rng)
        else:
            path = "/api/v1/sources"
            body = {"name": f"Reliability source {key}", "kind": rng.choice(["NEWS_AGENCY", "NEWSPAPER", "OTHER"]),
                    "reliability": rng.choice("ABCDEF")}
        headers = {**AUTH, "Idempotency-Key": key}
        sent = False
        first_error = None
        resolution = "deadline"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if ctx.stop.is_set() and sent:
                resolution = "stopped before a retry"
                break
            if ctx.stop.is_set() and not sent:
                return
            try:
                r = H.request(ctx.port, "POST", path, body, headers, timeout=15)
            except NotSent:
                self.wait_up()
                continue
            except Unknown as e:
                # The answer was lost: retry with the same key and body, which replays the answer
                # if the first one committed and runs it once otherwise.
                sent = True
                first_error = first_error or str(e)
                self.wait_up()
                continue
            ctx.journal.status(kind, r.status, r.body)
            if r.status == 201:
                created = r.json()
                replayed = r.header("idempotent-replayed") == "true"
                if replayed:
                    with ctx.journal.lock:
                        ctx.journal.replays += 1
                if kind == "demand":
                    ctx.journal.ack({"op": "demand", "slug": created["slug"], "key": key, "title": body["title"],
                                     "parties": [body["proposer"], *body["addressees"]], "replayed": replayed})
                    ctx.targets.add_demand((created["slug"], body["proposer"], body["addressees"]), self.n)
                else:
                    ctx.journal.ack({"op": "source", "id": created["id"], "key": key, "name": body["name"],
                                     "replayed": replayed})
                    with ctx.targets.lock:
                        ctx.targets.sources.append(created["id"])
                return
            if r.status == 409 and sent:
                # IDEMPOTENCY_IN_PROGRESS: the claim of a request killed mid-way, which frees itself
                # after 5 minutes. The operation commits with the record of its answer, so this
                # says it did not run; verify_api checks that it really is absent.
                resolution = "409 in progress"
                break
            return
        if sent:
            ctx.journal.lost_answer({"op": kind, "key": key, "slug" if kind == "demand" else "name":
                                     body.get("slug") or body.get("name"), "error": first_error,
                                     "resolution": resolution})


# ---------------------------------------------------------------- the run


class Run:
    def __init__(self, args):
        self.args = args
        self.db = args.db
        self.mode = args.mode
        cfg = dict(MODES[args.mode])
        if args.kills is not None:
            cfg["kills"] = args.kills
        if args.burst:
            cfg["burst"] = tuple(args.burst)
        if args.boot_kill is not None:
            cfg["boot_kill"] = args.boot_kill
        if args.deadline is not None:
            cfg["deadline"] = args.deadline
        self.cfg = cfg
        self.seed = args.seed if args.seed is not None else random.randrange(1 << 30)
        self.rng = random.Random(self.seed)
        self.run_id = f"{time.strftime('%m%d%H%M%S')}{self.rng.randrange(1000):03d}"
        self.work = Path(args.work_dir or f"/tmp/parley-crash-{self.db}-{self.run_id}")
        self.work.mkdir(parents=True, exist_ok=True)
        self.data_dir = self.work / "h2" if self.db == "h2" else None
        self.pg_db = f"parley_crash_{self.run_id}" if self.db == "postgresql" else None
        self.port = H.free_port()
        self.stop = threading.Event()
        self.targets = Targets(disjoint=args.contention == "disjoint")
        self.journal = Journal(self.work)
        self.harness_errors: list[str] = []
        self.boot_times: list[float] = []
        self.kills_load = 0
        self.kills_boot = 0
        self.kill_log: list[dict] = []
        self.webhook_id = None
        java_opts = args.java_opts.split() if args.java_opts is not None else ["-XX:TieredStopAtLevel=1"]
        self.cds = None
        if not args.no_cds:
            self.cds = H.ROOT / "target" / "reliability" / f"parley-{H.jar_signature()}.jsa"
            if self.cds.exists():
                java_opts.append(f"-XX:SharedArchiveFile={self.cds}")
        self.service = H.Service(env=H.service_env(self.db, self.data_dir, self.pg_db, ADMIN_KEY),
                                 log_path=self.work / "service.log", java_opts=java_opts, port=self.port)

    # -- helpers

    def api(self, method, path, body=None, headers=None, ok=(200, 201), timeout=30):
        r = H.request(self.port, method, path, body, {**AUTH, **(headers or {})}, timeout=timeout)
        if r.status not in ok:
            raise RuntimeError(f"{method} {path} -> {r.status}: {r.body[:500]!r}")
        return r

    def boot(self, kill_during_boot: bool = False) -> None:
        self.service.start()
        if kill_during_boot and self.boot_times:
            delay = self.rng.uniform(0.2, 0.9) * (sum(self.boot_times[-5:]) / len(self.boot_times[-5:]))
            time.sleep(delay)
            if self.service.alive():
                self.service.kill()
                self.journal.epoch += 1
                self.kills_boot += 1
                self.kill_log.append({"kind": "boot", "after_s": round(delay, 2)})
                log(f"  SIGKILL during boot after {delay:.1f}s")
            self.service.start()
        self.boot_times.append(round(self.service.wait_ready(timeout=self.args.ready_timeout), 2))

    def setup(self) -> None:
        self.receiver = Receiver()
        r = self.api("POST", "/api/v1/webhooks", {"url": f"http://127.0.0.1:{self.receiver.port}/hook",
                                                  "event_types": ["*"], "description": "crash harness: 503"})
        self.webhook_id = r.json()["webhook"]["id"]
        for i in range(2):
            key = f"rel-{self.run_id}-setup-src-{i}"
            body = {"name": f"Reliability source {key}", "kind": "OTHER", "reliability": "F"}
            s = self.api("POST", "/api/v1/sources", body, {"Idempotency-Key": key}).json()
            self.journal.ack({"op": "source", "id": s["id"], "key": key, "name": body["name"], "replayed": False})
            self.targets.sources.append(s["id"])
        for i in range(max(self.args.setup_demands, self.args.writers)):
            slug = f"rel-{self.run_id}-setup-{i}"
            body = demand_body(slug, self.rng)
            self.api("POST", "/api/v1/demands", body, {"Idempotency-Key": slug})
            self.journal.ack({"op": "demand", "slug": slug, "key": slug, "title": body["title"],
                              "parties": [body["proposer"], *body["addressees"]], "replayed": False})
            entry = (slug, body["proposer"], body["addressees"])
            self.targets.setup_demands.append(entry)
            self.targets.add_demand(entry, i % self.args.writers)

    def kill_loop(self) -> None:
        writers = [Writer(i, self) for i in range(self.args.writers)]
        for w in writers:
            w.start()
        t_end = time.monotonic() + self.cfg["deadline"]
        lo, hi = self.cfg["burst"]
        try:
            while self.kills_load < self.cfg["kills"]:
                if time.monotonic() > t_end:
                    log(f"deadline of {self.cfg['deadline']}s reached after {self.kills_load} kills")
                    break
                if self.harness_errors:
                    raise RuntimeError("writer failed:\n" + "\n".join(self.harness_errors))
                burst = self.rng.uniform(lo, hi)
                before = len(self.journal.acks)
                time.sleep(burst)
                self.service.kill()
                self.journal.epoch += 1
                self.kills_load += 1
                acked = len(self.journal.acks) - before
                self.kill_log.append({"kind": "load", "after_s": round(burst, 2), "acks_in_burst": acked})
                log(f"  kill {self.kills_load}/{self.cfg['kills']} (pid {self.service.pid}) after {burst:.1f}s of"
                    f" writing, {acked} acks in the burst, {len(self.journal.acks)} in all")
                if self.kills_load >= self.cfg["kills"]:
                    break
                time.sleep(self.rng.uniform(0.0, 0.5))
                self.boot(kill_during_boot=self.rng.random() < self.cfg["boot_kill"])
        finally:
            self.stop.set()
            for w in writers:
                w.join(timeout=180)
            alive = [w.name for w in writers if w.is_alive()]
            if alive:
                self.harness_errors.append(f"writers did not stop: {alive}")

    # -- verification through the API

    def history_notes(self, demand: str, party: str) -> dict:
        notes = {}
        token = None
        for _ in range(10000):
            q = f"/api/v1/demands/{demand}/positions/{party}/history?page_size=500"
            if token:
                q += f"&page_token={token}"
            page = self.api("GET", q).json()
            for item in page["items"]:
                if item.get("note"):
                    notes.setdefault(item["note"], []).append(item)
            token = page.get("next_page_token")
            if not token:
                return notes
        raise RuntimeError("history paging did not end")

    def writable(self) -> list[str]:
        """After everything, the service must still accept a write (a wedged database answers
        every write with an error, which no other check would notice)."""
        key = f"rel-{self.run_id}-final-probe"
        body = {"name": f"Reliability source {key}", "kind": "OTHER", "reliability": "F"}
        r = H.request(self.port, "POST", "/api/v1/sources", body, {**AUTH, "Idempotency-Key": key}, timeout=30)
        if r.status != 201:
            return [f"the service no longer accepts writes after the run: POST /sources -> {r.status}"
                    f" {r.body[:300].decode(errors='replace')}"]
        self.journal.ack({"op": "source", "id": r.json()["id"], "key": key, "name": body["name"], "replayed": False})
        return []

    def verify_api(self) -> dict:
        failures = []
        missing = collections.Counter()
        acks = self.journal.acks
        demands = [a for a in acks if a["op"] == "demand"]
        sources = [a for a in acks if a["op"] == "source"]
        stances = [a for a in acks if a["op"] == "stance"]
        for a in demands:
            r = H.request(self.port, "GET", f"/api/v1/demands/{a['slug']}", timeout=30)
            if r.status != 200 or r.json()["title"] != a["title"]:
                failures.append(f"acknowledged demand {a['slug']} missing or wrong: {r.status}")
                missing["demands"] += 1
                continue
            pos = self.api("GET", f"/api/v1/demands/{a['slug']}/positions").json()["items"]
            if sorted(p["party"] for p in pos) != sorted(a["parties"]):
                failures.append(f"demand {a['slug']} positions {[p['party'] for p in pos]} != {a['parties']}")
        for a in sources:
            r = H.request(self.port, "GET", f"/api/v1/sources/{a['id']}", timeout=30)
            if r.status != 200 or r.json()["name"] != a["name"]:
                failures.append(f"acknowledged source {a['id']} ({a['name']}) missing or wrong: {r.status}")
                missing["sources"] += 1
        # Every position a stance was acknowledged or attempted on: its whole history.
        by_pos = collections.defaultdict(list)
        for a in stances:
            by_pos[(a["demand"], a["party"])].append(a)
        unknown_stances = [u for u in self.journal.unknown if u["op"] == "stance"]
        positions = set(by_pos) | {(u["demand"], u["party"]) for u in unknown_stances}
        histories = {pos: self.history_notes(*pos) for pos in sorted(positions)}
        for pos, ack_list in by_pos.items():
            notes = histories[pos]
            for a in ack_list:
                found = notes.get(a["note"])
                if not found:
                    failures.append(f"acknowledged stance {a['note']} on {pos[0]}/{pos[1]} is not in the history")
                    missing["stances"] += 1
                    continue
                h = found[0]
                if h["status"] != a["status"] or h["effective_on"] != a["effective_on"] \
                        or len(h["citations"]) != a["citations"]:
                    failures.append(f"stance {a['note']} differs: {h['status']} {h['effective_on']}"
                                    f" {len(h['citations'])} citations, acknowledged {a}")
                    missing["stances"] += 1
        duplicates = [(pos, n) for pos, notes in histories.items() for n, items in notes.items() if len(items) > 1]
        for pos, n in duplicates:
            failures.append(f"stance {n} appears twice in the history of {pos[0]}/{pos[1]}")
        landed_stances = sum(1 for u in unknown_stances if u["note"] in histories[(u["demand"], u["party"])])
        # Exactly once: a POST retried with its Idempotency-Key must not have created two sources.
        names = collections.Counter()
        token = None
        for _ in range(10000):
            page = self.api("GET", "/api/v1/sources?page_size=500" + (f"&page_token={token}" if token else "")).json()
            names.update(s["name"] for s in page["items"])
            token = page.get("next_page_token")
            if not token:
                break
        for name, count in names.items():
            if count > 1 and name.startswith("Reliability source"):
                failures.append(f"source '{name}' exists {count} times (Idempotency-Key replay created it twice)")
        landed_posts = 0
        for u in self.journal.unknown:
            if u["op"] == "demand":
                landed = H.request(self.port, "GET", f"/api/v1/demands/{u['slug']}", timeout=30).status == 200
            elif u["op"] == "source":
                landed = names.get(u["name"], 0) > 0
            else:
                continue
            landed_posts += landed
            if landed and u.get("resolution") == "409 in progress":
                failures.append(f"{u['op']} {u['key']} exists, yet its Idempotency-Key still answered 409 in"
                                f" progress: the operation committed without the record of its answer")
        return {
            "acknowledged": {"demands": len(demands), "sources": len(sources), "stances": len(stances)},
            "verified": {"demands": len(demands) - missing["demands"], "sources": len(sources) - missing["sources"],
                         "stances": len(stances) - missing["stances"]},
            "positions_read": len(histories),
            "unknown_outcome": {"stances": len(unknown_stances), "stances_committed": landed_stances,
                                "posts": len(self.journal.unknown) - len(unknown_stances),
                                "posts_committed": landed_posts},
            "failures": failures,
        }

    # -- verification through SQL

    QUERIES = {
        # One row per position: its changes, the position.changed entries in the change log for the
        # same demand/party, and whether current_change_id names a change of this very position
        # with the same status and day.
        "positions": """
            select d.slug, p.slug, dp.role, dp.status, cast(dp.effective_on as varchar),
                   coalesce(cast(dp.current_change_id as varchar), 'NULL'),
                   (select count(*) from position_change pc where pc.position_id = dp.id),
                   (select count(*) from change_log cl where cl.type = 'position.changed'
                       and cl.subject_key = d.slug || '/' || p.slug),
                   (select count(*) from position_change pc where pc.id = dp.current_change_id
                       and pc.position_id = dp.id and pc.status = dp.status and pc.effective_on = dp.effective_on)
            from demand_position dp join demand d on d.id = dp.demand_id join party p on p.id = dp.party_id
            order by d.slug, p.slug""",
        # Every demand has a position for its proposer and for each addressee, and no other.
        "demand_positions": """
            select d.slug,
                   (select count(*) from demand_addressee a where a.demand_id = d.id),
                   (select count(*) from demand_position dp where dp.demand_id = d.id and dp.role = 'ADDRESSEE'),
                   (select count(*) from demand_position dp where dp.demand_id = d.id and dp.role = 'PROPOSER'
                       and dp.party_id = d.proposer_id),
                   (select count(*) from demand_addressee a where a.demand_id = d.id and not exists (
                       select 1 from demand_position dp where dp.demand_id = d.id and dp.party_id = a.party_id
                       and dp.role = 'ADDRESSEE'))
            from demand d order by d.slug""",
        # The harness's stance changes, with the note that identifies them and their citations.
        "changes": """
            select pc.id, d.slug || '/' || p.slug, pc.note, pc.status, cast(pc.effective_on as varchar),
                   (select count(*) from position_change_citation pcc where pcc.change_id = pc.id)
            from position_change pc join demand_position dp on dp.id = pc.position_id
            join demand d on d.id = dp.demand_id join party p on p.id = dp.party_id
            where pc.note like 'rel:%'""",
        "logged_stances": """
            select cl.id, cl.subject_key, cl.data from change_log cl
            where cl.type = 'position.changed' and cl.subject_key like 'rel-%'""",
        "log": "select cl.id, cl.type, cl.subject_kind, cl.subject_key from change_log cl order by cl.id",
        "deliveries": """
            select wd.id, wd.event_type, wd.status, wd.payload from webhook_delivery wd
            where wd.webhook_id = '{webhook}'""",
        "boundary": "select version from resource_version where scope = 'webhook:{webhook}'",
        "cursor": "select last_cursor from change_cursor where id = 1",
        # Created resources without their *.created change, and the reverse.
        "orphans": """
            select 'demand without demand.created', d.slug from demand d where not exists (
                select 1 from change_log cl where cl.type = 'demand.created' and cl.subject_key = d.slug)
            union all
            select 'source without source.created', s.id from source s where not exists (
                select 1 from change_log cl where cl.type = 'source.created' and cl.subject_key = s.id)
            union all
            select 'citation without citation.created', c.id from citation c where not exists (
                select 1 from change_log cl where cl.type = 'citation.created' and cl.subject_key = c.id)
            union all
            select 'demand.created without demand', cl.subject_key from change_log cl
                where cl.type = 'demand.created' and not exists (select 1 from demand d where d.slug = cl.subject_key)
            union all
            select 'source.created without source', cl.subject_key from change_log cl
                where cl.type = 'source.created' and not exists (select 1 from source s where s.id = cl.subject_key)
            union all
            select 'citation.created without citation', cl.subject_key from change_log cl
                where cl.type = 'citation.created' and not exists (
                    select 1 from citation c where c.id = cl.subject_key)
            union all
            select 'harness stance without citation', cast(pc.id as varchar) from position_change pc
                where pc.note like 'rel:%' and not exists (
                    select 1 from position_change_citation pcc where pcc.change_id = pc.id)""",
        "sources": "select s.id, s.name from source s",
        "claims": "select count(*) from idempotency_key where status is null",
    }

    def verify_sql(self) -> dict:
        queries = {k: v.replace("{webhook}", self.webhook_id) for k, v in self.QUERIES.items()}
        t0 = time.monotonic()
        if self.db == "h2":
            rows = H.h2_queries(self.data_dir, queries)
        else:
            rows = {k: H.psql(self.pg_db, v) for k, v in queries.items()}
        took = time.monotonic() - t0
        failures = []

        # 1. Position changes vs position.changed entries: the opening stance of a demand is the
        #    one change without its own entry (it is recorded by demand.created), so per position
        #    changes - entries is 1 for every demand the harness created, 0 or 1 for the seed's
        #    (whose imported history has an entry per stance), never anything else.
        n_pos = 0
        for slug, party, role, status, eff, cur, n_changes, n_logged, cur_ok in rows["positions"]:
            n_pos += 1
            diff = int(n_changes) - int(n_logged)
            expected = {1} if slug.startswith("rel-") else {0, 1}
            if diff not in expected:
                failures.append(f"position {slug}/{party}: {n_changes} changes but {n_logged} position.changed"
                                f" entries")
            if int(n_changes) == 0:
                failures.append(f"position {slug}/{party} has no change at all")
            if cur == "NULL" or int(cur_ok) != 1:
                failures.append(f"position {slug}/{party}: current_change_id {cur} is not a change of this position"
                                f" with status {status} on {eff}")
        # 2. Each demand has its positions.
        for slug, n_addr, n_addr_pos, n_prop, missing in rows["demand_positions"]:
            if int(n_addr) != int(n_addr_pos) or int(n_prop) != 1 or int(missing) != 0:
                failures.append(f"demand {slug}: {n_addr} addressees, {n_addr_pos} addressee positions,"
                                f" {n_prop} proposer positions, {missing} addressees without a position")
        # 3. The harness's stances one by one: each change has exactly one position.changed entry
        #    carrying its note (same demand/party, status, day), and each entry exactly one change.
        changes = {}
        for cid, subject, note, status, eff, n_cit in rows["changes"]:
            if note in changes:
                failures.append(f"note {note} recorded twice (changes {changes[note][0]} and {cid})")
            changes[note] = (cid, subject, status, eff, int(n_cit))
        logged = collections.defaultdict(list)
        for lid, subject, data in rows["logged_stances"]:
            d = json.loads(data)
            if d.get("note", "").startswith("rel:"):
                logged[d["note"]].append((lid, subject, d["status"], d["effective_on"], len(d.get("citations", []))))
        for note, (cid, subject, status, eff, n_cit) in changes.items():
            entries = logged.get(note, [])
            if len(entries) != 1:
                failures.append(f"change {cid} ({note}) has {len(entries)} position.changed entries")
            elif entries[0][1:] != (subject, status, eff, n_cit):
                failures.append(f"change {cid} ({note}) {subject, status, eff, n_cit} but its entry says"
                                f" {entries[0][1:]}")
        for note in logged:
            if note not in changes:
                failures.append(f"position.changed entry {logged[note][0][0]} ({note}) has no position change")
        # 4. The outbox: every change after the webhook was created has exactly one delivery for it,
        #    of the same type, and no delivery is for a change that is not in the log.
        boundary = int(rows["boundary"][0][0])
        log_rows = {int(r[0]): r[1] for r in rows["log"]}
        due = {cid: t for cid, t in log_rows.items() if cid > boundary}
        delivered = collections.defaultdict(list)
        statuses = collections.Counter()
        for did, etype, dstatus, payload in rows["deliveries"]:
            statuses[dstatus] += 1
            if etype == "webhook.ping":
                continue
            cursor = json.loads(payload)["data"]["cursor"]
            plain = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
            delivered[int(plain.split(":")[1])].append(etype)
        missing = [cid for cid in due if cid not in delivered]
        for cid in missing[:50]:
            failures.append(f"change {cid} ({due[cid]}) has no webhook_delivery row")
        if len(missing) > 50:
            failures.append(f"... {len(missing) - 50} more changes without a webhook_delivery row")
        for cid, types in delivered.items():
            if cid not in log_rows:
                failures.append(f"delivery for change {cid} ({types}) which is not in change_log")
            elif len(types) != 1 or types[0] != log_rows[cid]:
                failures.append(f"change {cid} ({log_rows[cid]}) has deliveries {types}")
        # 5. Created resources and their changes; cursor counter ahead of the log.
        for what, key in rows["orphans"]:
            failures.append(f"{what}: {key}")
        last_cursor = int(rows["cursor"][0][0])
        if log_rows and last_cursor < max(log_rows):
            failures.append(f"change_cursor.last_cursor {last_cursor} is behind change_log max id {max(log_rows)}")
        # 6. Acknowledged writes in the tables themselves.
        source_ids = {r[0] for r in rows["sources"]}
        demand_slugs = {r[0] for r in rows["demand_positions"]}
        for a in self.journal.acks:
            if a["op"] == "demand" and a["slug"] not in demand_slugs:
                failures.append(f"SQL: acknowledged demand {a['slug']} not in table demand")
            elif a["op"] == "source" and a["id"] not in source_ids:
                failures.append(f"SQL: acknowledged source {a['id']} not in table source")
            elif a["op"] == "stance" and a["note"] not in changes:
                failures.append(f"SQL: acknowledged stance {a['note']} not in table position_change")
        return {
            "seconds": round(took, 1),
            "positions": n_pos,
            "demands": len(rows["demand_positions"]),
            "harness_changes": len(changes),
            "change_log_rows": len(log_rows),
            "changes_since_webhook": len(due),
            "deliveries": sum(statuses.values()),
            "delivery_statuses": dict(statuses),
            "abandoned_idempotency_claims": int(rows["claims"][0][0]),
            "failures": failures,
        }

    # -- self-test: break things on purpose and expect the checks to say so

    SABOTAGE = [
        # a position change loses its change-log entry (its delivery then points at nothing)
        "delete from change_log where id = (select max(id) from change_log where type = 'position.changed'"
        " and subject_key like 'rel-%-setup-%')",
        # a change loses its outbox row
        "delete from webhook_delivery where id = (select min(id) from webhook_delivery"
        " where event_type = 'demand.created')",
        # a position points at a change that does not exist
        "update demand_position set current_change_id = 987654321 where id = (select max(dp.id)"
        " from demand_position dp join demand d on d.id = dp.demand_id where d.slug like 'rel-%-setup-%'"
        " and dp.role = 'PROPOSER')",
        # a demand loses one of its addressees' positions (with its changes)
        "delete from demand_position where id = (select min(dp.id) from demand_position dp"
        " join demand d on d.id = dp.demand_id where d.slug like 'rel-%-w%' and dp.role = 'ADDRESSEE'"
        " and (select count(*) from position_change pc where pc.position_id = dp.id) = 1)",
    ]
    EXPECTED = [
        "position.changed entries",            # per-position count join
        "has 0 position.changed entries",      # note-by-note match
        "which is not in change_log",          # a delivery without its change
        "has no webhook_delivery row",         # a change without its delivery
        "is not a change of this position",    # dangling current_change_id
        "addressees without a position",       # demand without one of its positions
        "acknowledged stance rel:selftest",    # API: a stance never written
        "acknowledged demand rel-selftest",    # API: a demand never created
        "acknowledged source src_selftest",    # API: a source never created
    ]

    def inject_fake_acks(self) -> None:
        slug, proposer, _ = self.targets.setup_demands[0]
        self.journal.acks += [
            {"op": "stance", "demand": slug, "party": proposer, "note": "rel:selftest:never-written",
             "status": "CODIFIED", "effective_on": "2022-01-10", "citations": 1},
            {"op": "demand", "slug": "rel-selftest-never-created", "title": "x", "parties": ["russia"]},
            {"op": "source", "id": "src_selftest_never_created", "name": "x"},
        ]

    def sabotage(self) -> None:
        if self.db == "h2":
            H.h2_execute(self.data_dir, self.SABOTAGE)
        else:
            for stmt in self.SABOTAGE:
                H.psql(self.pg_db, stmt)

    # -- the whole run

    def execute(self) -> dict:
        t0 = time.monotonic()
        started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        result = {"db": self.db, "mode": self.mode, "started": started, "seed": self.seed, "run_id": self.run_id,
                  "config": {**self.cfg, "writers": self.args.writers, "contention": self.args.contention,
                             "setup_demands": max(self.args.setup_demands, self.args.writers),
                             "java_opts": self.service.java_opts},
                  "host": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg()[0]}}
        passed = False
        try:
            if self.pg_db:
                H.pg_create(self.pg_db)
            training = self.cds is not None and not self.cds.exists()
            if training:
                # The first start writes a class-data-sharing archive at its (clean) exit; every
                # later start maps it and boots faster. Nothing about durability depends on it.
                self.cds.parent.mkdir(parents=True, exist_ok=True)
                self.service.start(extra_opts=[f"-XX:ArchiveClassesAtExit={self.cds}"])
            else:
                self.service.start()
            log(f"{self.db}: service pid {self.service.pid} on port {self.port}, work dir {self.work}")
            self.boot_times.append(round(self.service.wait_ready(timeout=self.args.ready_timeout), 2))
            log(f"{self.db}: ready in {self.boot_times[-1]}s (fresh database, seed loaded)")
            self.setup()
            log(f"{self.db}: webhook {self.webhook_id} -> 503 receiver; {len(self.journal.acks)} setup writes")
            if training:
                self.service.stop(timeout=120)
                if self.cds.exists():
                    self.service.java_opts.append(f"-XX:SharedArchiveFile={self.cds}")
                self.boot()
                log(f"{self.db}: clean restart with the class-data archive, ready in {self.boot_times[-1]}s")
            log(f"{self.db}: {self.args.writers} writers, {self.cfg['kills']} kills under load"
                f" (bursts {self.cfg['burst'][0]}-{self.cfg['burst'][1]}s), boot kills p={self.cfg['boot_kill']}")
            self.kill_loop()
            log(f"{self.db}: writers stopped; clean restart for verification")
            self.boot()
            probe = self.writable()
            if self.args.self_test:
                self.inject_fake_acks()
            api = self.verify_api()
            api["failures"] = probe + api["failures"]
            log(f"{self.db}: API check: {api['acknowledged']} acknowledged, {len(api['failures'])} failures")
            self.service.stop(timeout=90)
            if self.args.self_test:
                self.sabotage()
            sql = self.verify_sql()
            log(f"{self.db}: SQL check: {sql['positions']} positions, {sql['harness_changes']} harness changes,"
                f" {sql['changes_since_webhook']} changes since the webhook, {sql['deliveries']} deliveries,"
                f" {len(sql['failures'])} failures ({sql['seconds']}s)")
            result.update({
                "kills": {"under_load": self.kills_load, "during_boot": self.kills_boot},
                "kill_log": self.kill_log,
                "boot_seconds": {"all": self.boot_times, "min": min(self.boot_times), "max": max(self.boot_times),
                                 "mean": round(sum(self.boot_times) / len(self.boot_times), 2)},
                "writes": {"http_statuses": dict(sorted(self.journal.statuses.items())),
                           "if_match_conflicts_retried": self.journal.conflicts,
                           "idempotent_replays": self.journal.replays,
                           "unexpected_answers": self.journal.errors[:20]},
                "receiver_requests": self.receiver.count,
                "api": api, "sql": sql,
                "harness_errors": self.harness_errors,
            })
            failures = api["failures"] + sql["failures"] + self.harness_errors
            if self.journal.errors:
                first = self.journal.errors[0]
                failures.append(f"{len(self.journal.errors)} valid writes were refused with an unexpected answer,"
                                f" the first after kill {first['epoch']}: {first['op']} -> {first['status']}"
                                f" {first['body'][:200]}")
            if self.kills_load < self.cfg["kills"]:
                failures.append(f"only {self.kills_load} of {self.cfg['kills']} kills before the deadline")
            result["failures"] = failures[:500]
            passed = not failures
            if self.args.self_test:
                undetected = [e for e in self.EXPECTED if not any(e in f for f in failures)]
                result["self_test"] = {"expected": self.EXPECTED, "undetected": undetected}
                log(f"{self.db}: self-test: {len(self.EXPECTED) - len(undetected)} of {len(self.EXPECTED)} planted"
                    f" faults detected" + (f"; MISSED {undetected}" if undetected else ""))
                passed = not undetected
        except Exception:  # noqa: BLE001
            result["harness_exception"] = traceback.format_exc()
            log(result["harness_exception"])
            passed = None
        finally:
            self.stop.set()
            if self.service.alive():
                self.service.stop(timeout=60)
            if getattr(self, "receiver", None):
                self.receiver.close()
            self.journal.close()
            result["duration_s"] = round(time.monotonic() - t0, 1)
            result["passed"] = passed
            result["host"]["loadavg_end"] = os.getloadavg()[0]
            keep = self.args.keep or passed is not True
            if self.pg_db and not keep:
                H.pg_drop(self.pg_db)
            result["kept"] = str(self.work) + (f" and database {self.pg_db}" if self.pg_db else "") if keep else None
            (self.work / "result.json").write_text(json.dumps(result, indent=2))
            if not keep:
                H.remove_tree(self.work)
        return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["h2", "postgresql"], required=True)
    ap.add_argument("--mode", choices=sorted(MODES), default="short")
    ap.add_argument("--kills", type=int, help="kills under load (default: 3 short, 50 long)")
    ap.add_argument("--burst", type=float, nargs=2, metavar=("MIN", "MAX"), help="seconds of writing before a kill")
    ap.add_argument("--boot-kill", type=float, help="probability of an extra kill during each restart")
    ap.add_argument("--deadline", type=float, help="seconds the kill loop may take at most")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--contention", choices=["shared", "disjoint"], default="shared",
                    help="shared: writers race on the same positions (some If-Match 412s); disjoint: each writer"
                         " on demands of its own")
    ap.add_argument("--setup-demands", type=int, default=6)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--ready-timeout", type=float, default=240)
    ap.add_argument("--java-opts", help="JVM options (default: -XX:TieredStopAtLevel=1, for quick restarts)")
    ap.add_argument("--no-cds", action="store_true", help="no class-data-sharing archive")
    ap.add_argument("--work-dir")
    ap.add_argument("--self-test", action="store_true",
                    help="plant faults (fake acknowledgements, deleted rows) and pass only if every check catches its own")
    ap.add_argument("--keep", action="store_true", help="keep the work directory and database even on success")
    ap.add_argument("--results", default=str(H.RESULTS), help="folder for the summary JSON ('' for none)")
    args = ap.parse_args()
    if not H.JAR.exists():
        print(f"{H.JAR} is missing: ./mvnw -B -q package -DskipTests", file=sys.stderr)
        return 2

    run = Run(args)

    def on_signal(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    result = run.execute()
    if args.results:
        out = Path(args.results)
        out.mkdir(parents=True, exist_ok=True)
        name = f"crash-{args.db}-{args.mode}-{time.strftime('%Y%m%dT%H%M%S')}.json"
        (out / name).write_text(json.dumps(result, indent=2) + "\n")
        log(f"summary: {out / name}")
    for f in result.get("failures", [])[:40]:
        log(("detected " if args.self_test else "FAIL ") + f)
    if result["passed"] is True and args.self_test:
        log(f"SELF-TEST PASS {args.db}: every planted fault was reported; {result['duration_s']}s")
        return 0
    if result["passed"] is True:
        api = result["api"]
        log(f"PASS {args.db} {args.mode}: {result['kills']['under_load']} kills under load +"
            f" {result['kills']['during_boot']} during boot; acknowledged {api['acknowledged']}, all verified;"
            f" {result['duration_s']}s")
        return 0
    if result["passed"] is False:
        log(f"FAILED {args.db} {args.mode}: kept {result['kept']}")
        return 1
    log(f"HARNESS ERROR {args.db} {args.mode}: kept {result['kept']}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
