#!/usr/bin/env python3
"""Reproduces the H2 change-cursor rewind (see RELIABILITY.md, "Finding").

Starts the service on fresh data, then 16 threads record stances on ONE position, each with the
ETag it just read (every third write is a POST /sources instead), so most PUTs lose the If-Match race and roll back (412) after taking the
change-cursor row lock, while other writers wait for that lock. On H2 2.3.230 a rollback
sometimes puts back an older last_cursor than a writer that committed meanwhile left there: the
counter falls behind change_log, the next writer takes a cursor that is already used, its insert
violates the primary key, and from then on every write of any kind answers 409 CONFLICT, across
restarts, until someone repairs change_cursor by hand.

  python3 reliability/cursor_race.py --db h2            # exits 1 when the database got wedged
  python3 reliability/cursor_race.py --db postgresql    # the same load; exits 0

Bounded: --seconds of racing (default 180, it stops at the first 409 CONFLICT), then a probe of 5 sequential writes, a clean stop and
one SQL query. Everything on 127.0.0.1; only the service this script started is signalled.
"""

from __future__ import annotations

import argparse
import collections
import json
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
POSITION = "/api/v1/demands/nato-non-expansion/positions/united-states"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=["h2", "postgresql"], default="h2")
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--no-mix", dest="mix", action="store_false",
                    help="only the racing PUTs (by default every third write is a POST /sources, which never conflicts)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--results", default=str(H.RESULTS), help="folder for the summary JSON ('' for none)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix=f"parley-cursor-race-{args.db}-"))
    pg_db = f"parley_race_{int(time.time())}" if args.db == "postgresql" else None
    if pg_db:
        H.pg_create(pg_db)
    svc = H.Service(env=H.service_env(args.db, work / "h2", pg_db, KEY), log_path=work / "service.log",
                    java_opts=["-XX:TieredStopAtLevel=1"], port=H.free_port())
    counts = collections.Counter()
    first_conflict = {}
    stop = threading.Event()
    wedged = False
    summary = {"db": args.db, "threads": args.threads, "mix": args.mix,
               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        svc.start()
        log(f"{args.db}: service pid {svc.pid}, ready in {svc.wait_ready(240):.1f}s")

        source = H.request(svc.port, "POST", "/api/v1/sources", {"name": "race", "kind": "OTHER",
                                                                  "reliability": "F"}, AUTH).json()["id"]

        def racer(n: int) -> None:
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    if args.mix and i % 3 == 0:
                        # a write that never conflicts, between the racing ones
                        p = H.request(svc.port, "POST", "/api/v1/sources",
                                      {"name": f"race t{n} #{i}", "kind": "OTHER", "reliability": "F"},
                                      {**AUTH, "Idempotency-Key": f"race-{n}-{i}"})
                    else:
                        g = H.request(svc.port, "GET", POSITION)
                        stance = {"status": "REJECTED", "effective_on": "2022-02-01", "note": f"race t{n} #{i}",
                                  "citations": [{"source_id": source, "title": "race", "quote": f"race t{n} #{i}",
                                                 "kind": "REPORTED", "relation": "SUPPORTS"}]}
                        p = H.request(svc.port, "PUT", POSITION, stance, {**AUTH, "If-Match": g.header("etag")})
                except (NotSent, Unknown) as e:
                    counts[f"transport error {type(e).__name__}"] += 1
                    continue
                code = ""
                if p.status >= 400:
                    code = json.loads(p.body).get("code", "")
                counts[f"{p.status} {code}".strip()] += 1
                if p.status == 409 and code == "CONFLICT" and not first_conflict:
                    first_conflict.update(t=time.monotonic(), body=p.body.decode())
                    stop.set()

        t0 = time.monotonic()
        threads = [threading.Thread(target=racer, args=(n,), daemon=True) for n in range(args.threads)]
        for t in threads:
            t.start()
        stop.wait(args.seconds)
        stop.set()
        for t in threads:
            t.join(30)
        took = (first_conflict.get("t") or time.monotonic()) - t0
        log(f"{args.db}: {args.threads} threads racing on one position for {took:.1f}s: {dict(counts)}")
        if first_conflict:
            log(f"{args.db}: first 409 CONFLICT after {took:.1f}s: {first_conflict['body']}")
        probe = []
        for n in range(5):
            r = H.request(svc.port, "POST", "/api/v1/sources",
                          {"name": f"probe {n}", "kind": "OTHER", "reliability": "F"}, AUTH)
            probe.append(r.status)
        log(f"{args.db}: 5 sequential POST /sources afterwards (nothing else running): {probe}")
        svc.stop(90)
        query = "select (select last_cursor from change_cursor where id = 1), (select max(id) from change_log)"
        if args.db == "h2":
            row = H.h2_queries(work / "h2", {"c": query})["c"][0]
        else:
            row = H.psql(pg_db, query)[0]
        last_cursor, max_id = int(row[0]), int(row[1])
        log(f"{args.db}: change_cursor.last_cursor = {last_cursor}, max(change_log.id) = {max_id}")
        errors = collections.Counter()
        for line in (work / "service.log").read_text(errors="replace").splitlines():
            if "WARN  [or.hi.or.jd.error]" in line and "ErrorCode" not in line:
                errors[line.split(") [", 1)[-1].split("] ", 1)[-1][:160]] += 1
        for message, n in errors.most_common(3):
            log(f"{args.db}: database error x{n}: {message}")
        wedged = last_cursor < max_id or any(s != 201 for s in probe)
        summary.update({"racing_seconds": round(took, 1), "answers": dict(counts),
                        "first_conflict": first_conflict.get("body"), "probe_after": probe,
                        "last_cursor": last_cursor, "max_change_log_id": max_id,
                        "database_errors": dict(errors.most_common(3)), "wedged": wedged})
        if wedged:
            log(f"{args.db}: REPRODUCED: the cursor is {max_id - last_cursor} behind the log and writes are refused")
        else:
            log(f"{args.db}: not reproduced (cursor consistent, writes accepted)")
    finally:
        stop.set()
        if svc.alive():
            svc.stop(60)
        if args.keep or wedged or first_conflict:
            log(f"kept {work}" + (f" and database {pg_db}" if pg_db else ""))
        else:
            if pg_db:
                H.pg_drop(pg_db)
            H.remove_tree(work)
    if args.results and "wedged" in summary:
        out = Path(args.results)
        out.mkdir(parents=True, exist_ok=True)
        name = f"cursor-race-{args.db}-{time.strftime('%Y%m%dT%H%M%S')}.json"
        (out / name).write_text(json.dumps(summary, indent=2) + "\n")
        log(f"summary: {out / name}")
    return 1 if wedged else 0


if __name__ == "__main__":
    sys.exit(main())
