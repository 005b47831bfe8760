#!/usr/bin/env bash
# Crash safety harness: concurrent writers, SIGKILL at random moments, restart, verify that every
# acknowledged write survived and nothing is half-written. See RELIABILITY.md.
#
#   reliability/crash.sh [--short|--long] [--db h2|postgresql|both] [crash.py options...]
#
# --short (default): 3 kills per database, under 3 minutes each; what CI runs.
# --long: at least 50 kills under load per database, plus kills during boot.
# Other options go to reliability/crash.py (--kills N, --writers N, --seed N, --keep, --self-test, ...).
# Builds the jar if it is missing; starts PostgreSQL if it is down. Exit status: 0 when every run
# passed, 1 when a check failed, 2 on a harness error.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1

mode=short
db=both
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --short) mode=short ;;
    --long) mode=long ;;
    --db) db="${2:?--db needs h2, postgresql or both}"; shift ;;
    --db=*) db="${1#--db=}" ;;
    -h|--help) sed -n '2,11p' "$0"; python3 reliability/crash.py --help; exit 0 ;;
    *) extra+=("$1") ;;
  esac
  shift
done
case "$db" in
  both) dbs=(h2 postgresql) ;;
  h2|postgresql) dbs=("$db") ;;
  *) echo "--db must be h2, postgresql or both" >&2; exit 2 ;;
esac

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "building target/quarkus-app/quarkus-run.jar"
  timeout 1200 ./mvnw -B -q package -DskipTests
fi

if [[ " ${dbs[*]} " == *" postgresql "* ]] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Hard bound per database: the script's own deadlines come first; this only catches a hang. On
# SIGTERM crash.py stops the service it started and keeps the work directory.
if [ "$mode" = long ]; then limit=4500; else limit=600; fi

status=0
for d in "${dbs[@]}"; do
  start=$(date +%s)
  rc=0
  timeout --signal=TERM --kill-after=60 "$limit" python3 reliability/crash.py --db "$d" --mode "$mode" \
    ${extra[@]+"${extra[@]}"} || rc=$?
  echo "crash.sh: $d $mode finished with $rc in $(( $(date +%s) - start ))s"
  if [ "$rc" -ne 0 ] && [ "$status" -eq 0 ]; then status=$rc; fi
done
exit "$status"
