#!/usr/bin/env bash
# Parley benchmarks: builds the service, generates data, runs S1-S6 and the json-server comparison,
# writes bench/results/<timestamp>.json, bench/results/latest.json, bench/results/chart.svg and
# BENCHMARKS.md. See BENCHMARKS.md for what each scenario measures.
#
#   bench/run.sh            the full run (1k, 10k and 100k demands, the framework floor and W; about 40 minutes
#                           on an idle 2-core machine)
#   bench/run.sh --quick    a smoke run of every scenario at 1k demands (about 4 minutes on an idle 2-core
#                           machine)
#   bench/run.sh --only floor   Parley beside the framework's own floor (bench/floor) alone, about 6
#                           minutes; results in bench/results/floor-latest.json, and a section of
#                           BENCHMARKS.md (the other tables stay those of the last full run)
#   bench/run.sh --only quote   Q alone: stance PUTs whose citation is checked against 1 MiB held
#                           texts beside the same PUT with a plain citation, about 2 minutes; results in
#                           bench/results/quote-latest.json and a section of BENCHMARKS.md
#   bench/run.sh --only flat-export   each export format at the largest scale (100k demands) read to the
#                           end from a service started with -Xmx256m, RSS sampled meanwhile, about 15
#                           minutes; results in bench/results/flat-export-latest.json and a section of
#                           BENCHMARKS.md
#   bench/run.sh --only writes  W alone: stance PUTs and POST /stances/batch on H2 and PostgreSQL, with
#                           pgbench's serialized-commit ceiling in the same run, about 5 minutes; results in
#                           bench/results/writes-latest.json and a section of BENCHMARKS.md
#   options: --no-build (use target/quarkus-app as it is), --scales 1000,10000 (override),
#            --exports-only (only GET /export in each format on H2 at each scale: sizes, times, RSS),
#            --jfr (record the last H2 phase with JFR and list its hottest frames)
#   env: PARLEY_JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), BENCH_JAVA_OPTS (JVM options for the service), BENCH_BASE_PORT (default 18480),
#        BENCH_PG_USER (default postgres), BENCH_PG_ADMIN_DB (default test)
#
# Everything runs against 127.0.0.1; every process started here is stopped by its PID, and the
# fresh H2 folder and PostgreSQL database of the run are removed at the end, whatever happens.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=0
BUILD=1
EXPORTS_ONLY=0
ONLY=
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; PASS+=(--quick) ;;
    --no-build) BUILD=0 ;;
    --scales) PASS+=(--scales "$2"); shift ;;
    --jfr) PASS+=(--jfr) ;;
    --exports-only) PASS+=(--exports-only); EXPORTS_ONLY=1 ;;
    --only) PASS+=(--only "$2"); ONLY=$2; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$ROOT/bench/.work/$STAMP-$$"
PG_USER=${BENCH_PG_USER:-postgres}
PG_ADMIN_DB=${BENCH_PG_ADMIN_DB:-test}
PG_DB="parley_bench_$(date -u +%Y%m%d%H%M%S)_$$"
DRIVER_PID=
PG_CREATED=0

cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -n "$DRIVER_PID" ] && kill -0 "$DRIVER_PID" 2>/dev/null; then
    kill -TERM "$DRIVER_PID" 2>/dev/null || true
    wait "$DRIVER_PID" 2>/dev/null || true
  fi
  # Anything the driver started and could not stop itself (it records each PID under pids/).
  if [ -d "$WORK/pids" ]; then
    for f in "$WORK"/pids/*.pid; do
      [ -e "$f" ] || continue
      pid=$(cat "$f")
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
      rm -f "$f"
    done
  fi
  if [ "$PG_CREATED" = 1 ]; then
    psql -h 127.0.0.1 -U "$PG_USER" -d "$PG_ADMIN_DB" -X -q -c "drop database if exists $PG_DB with (force)" \
      >/dev/null 2>&1 || echo "could not drop database $PG_DB" >&2
  fi
  if [ "$status" = 0 ]; then
    rm -rf "$WORK"
  else
    echo "run failed (exit $status); logs kept in $WORK/logs" >&2
    rm -rf "$WORK/h2" "$WORK/data"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "[run.sh $(date +%H:%M:%S)] $*"; }
T0=$(date +%s)

# ---- tools
# Java 25 (Temurin), as the build, the tests and CI use; the default java here may still be 17.
export JAVA_HOME=${PARLEY_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
NEED_FLOOR=1
NEED_NODE=1
if [ "$ONLY" = writes ] || [ "$ONLY" = quote ]; then NEED_FLOOR=0; NEED_NODE=0; fi
if ! command -v wrk >/dev/null; then
  say "installing wrk (apt-get)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in java psql python3 $([ "$NEED_NODE" = 1 ] && echo node npm); do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if [ "$NEED_NODE" = 1 ] && { [ ! -f bench/node_modules/json-server/package.json ] \
   || ! grep -q '"version": "0.17.4"' bench/node_modules/json-server/package.json \
   || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; }; then
  say "npm ci (json-server 0.17.4)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

# ---- build
if [ "$BUILD" = 1 ]; then
  say "building the service and the framework floor (bench/floor)"
  ./mvnw -B -q package -DskipTests
  [ "$NEED_FLOOR" = 0 ] || ./mvnw -B -q -f bench/floor/pom.xml package -DskipTests
fi
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "no target/quarkus-app/quarkus-run.jar: build first" >&2; exit 1; }
[ "$NEED_FLOOR" = 0 ] || [ -f bench/floor/target/quarkus-app/quarkus-run.jar ] || { echo "no bench/floor/target/quarkus-app/quarkus-run.jar: build first" >&2; exit 1; }

# ---- a fresh H2 folder (under WORK) and a fresh PostgreSQL database
mkdir -p "$WORK"
psql -h 127.0.0.1 -U "$PG_USER" -d "$PG_ADMIN_DB" -X -q -c "create database $PG_DB" >/dev/null
PG_CREATED=1
say "work dir $WORK, PostgreSQL database $PG_DB"

# ---- the run
python3 bench/lib/bench.py --work "$WORK" --pg-database "$PG_DB" ${PASS[@]+"${PASS[@]}"} &
DRIVER_PID=$!
wait "$DRIVER_PID"
DRIVER_PID=

if [ "$EXPORTS_ONLY" = 1 ]; then
  say "done in $(( $(date +%s) - T0 )) s: bench/results/*-exports.json"
  exit 0
fi
if [ -f bench/results/latest.json ]; then
  python3 bench/lib/report.py bench/results/latest.json
else
  say "no bench/results/latest.json (no full run here): BENCHMARKS.md left as it is"
fi
say "done in $(( $(date +%s) - T0 )) s: bench/results/latest.json, BENCHMARKS.md"
