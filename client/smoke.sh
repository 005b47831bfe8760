#!/usr/bin/env bash
# Smoke test of the generated client against a real, throw-away service:
#   1. builds the service (skipped with --no-build when target/quarkus-app exists),
#   2. starts target/quarkus-app/quarkus-run.jar on a free port of 127.0.0.1 with a fresh temporary
#      PARLEY_DATA_DIR (embedded H2 with the seed) and a random PARLEY_BOOTSTRAP_ADMIN_KEY,
#   3. waits (at most 60 s) for /q/health/ready,
#   4. runs ./mvnw -B -f client/pom.xml verify -Dparley.url=... -Dparley.key=... (ClientSmokeIT),
#   5. always stops the service it started, by its PID, and removes the temporary directory.
# The exit code is the client build's. Extra arguments after the options go to that Maven run.
#
#   client/smoke.sh [--no-build] [maven args...]
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
if [[ "${1:-}" == "--no-build" ]]; then
  shift
  if [[ -f target/quarkus-app/quarkus-run.jar ]]; then
    build=false
  else
    echo "smoke.sh: --no-build given but target/quarkus-app/quarkus-run.jar is missing; building" >&2
  fi
fi

log() { echo "smoke.sh: $*" >&2; }

if $build; then
  log "building the service (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi

# A port nothing listens on: probe random ports of the dynamic range with bash's /dev/tcp.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

work="$(mktemp -d "${TMPDIR:-/tmp}/parley-smoke.XXXXXX")"
pid=""
cleanup() {
  local rc=$?
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "stopping the service (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "the service did not stop within 10 s; killing pid $pid"
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(free_port)" || { log "no free port found on 127.0.0.1"; exit 1; }
key="smoke_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$port"

log "starting the service on $url (data in $work/data)"
PARLEY_DATA_DIR="$work/data" \
PARLEY_DB_KIND=h2 \
PARLEY_SEED=true \
PARLEY_BOOTSTRAP_ADMIN_KEY="$key" \
QUARKUS_HTTP_HOST=127.0.0.1 \
PORT="$port" \
  java -jar target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!

ready=false
started=$SECONDS
limit=60
deadline=$((started + limit))
while ((SECONDS < deadline)); do
  if ! kill -0 "$pid" 2>/dev/null; then
    log "the service exited before it was ready; its log:"
    tail -n 50 "$work/service.log" >&2
    exit 1
  fi
  if curl -fsS -o /dev/null --max-time 2 "$url/q/health/ready" 2>/dev/null; then
    ready=true
    break
  fi
  sleep 0.5
done
if ! $ready; then
  log "the service was not ready within $limit s; its log:"
  tail -n 50 "$work/service.log" >&2
  exit 1
fi
log "ready after $((SECONDS - started)) s; running the client smoke test"

rc=0
./mvnw -B -f client/pom.xml verify -Dparley.url="$url" -Dparley.key="$key" "$@" || rc=$?
if ((rc != 0)); then
  log "the client smoke test failed (exit $rc); the service's log ends with:"
  tail -n 30 "$work/service.log" >&2
fi
exit "$rc"
