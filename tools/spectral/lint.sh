#!/usr/bin/env bash
# Lints the committed OpenAPI document with Spectral's spectral:oas ruleset (see .spectral.yaml at the
# top level). Any warning fails the run, as an error does: a warning that cannot be fixed is answered
# in .spectral.yaml with a written reason.
#
#   tools/spectral/lint.sh [document]     (default: openapi/openapi.yaml)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
document="${1:-$root/openapi/openapi.yaml}"

# Installs exactly the pinned Spectral CLI from package-lock.json; quiet unless it fails.
if ! log="$(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1)"; then
  printf '%s\n' "$log" >&2
  echo "lint.sh: npm ci failed in tools/spectral" >&2
  exit 1
fi

cd "$root"
exec "$here/node_modules/.bin/spectral" lint \
  --ruleset "$root/.spectral.yaml" \
  --fail-severity=warn \
  "$document"
