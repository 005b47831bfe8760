#!/usr/bin/env bash
# Soak: a bounded mixed load (90 % conditional GETs, 10 % stance writes) at a fixed rate, errors
# counted and the service's RSS sampled every 10 s. See RELIABILITY.md.
#
#   reliability/soak.sh [--minutes 10] [--rate R] [--db h2|postgresql] [soak.py options...]
#
# Without --rate it first measures capacity (closed loop) and runs at half of it; both are printed.
# Writes reliability/results/soak-<db>-<timestamp>.json and -rss.csv. Exit status 0 when the soak
# saw no error, 1 when it saw some, 2 on a harness error.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1

minutes=10
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="${2:?}"; args+=("$1" "$2"); shift ;;
    --minutes=*) minutes="${1#--minutes=}"; args+=("$1") ;;
    -h|--help) sed -n '2,9p' "$0"; python3 reliability/soak.py --help; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "building target/quarkus-app/quarkus-run.jar"
  timeout 1200 ./mvnw -B -q package -DskipTests
fi
if [[ " ${args[*]-} " == *" postgresql "* ]] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Hard bound: the soak itself, plus start-up, warm-up, capacity and shutdown.
limit=$(python3 -c "import sys; print(int(float(sys.argv[1]) * 60 + 900))" "$minutes")
exec timeout --signal=TERM --kill-after=60 "$limit" python3 reliability/soak.py ${args[@]+"${args[@]}"}
