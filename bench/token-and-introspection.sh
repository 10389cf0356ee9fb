#!/usr/bin/env bash
# Measures client-credentials token issuance (RFC 6749 §4.4, ES256 JWT + its ledger event) and
# introspection (RFC 7662) with wrk at 16 connections, against a running embedded default
# (`./kizuna run` in another terminal). Writes docs/benchmarks/<date>-token-and-introspection.md.
#
#   bench/token-and-introspection.sh [base-url] [duration]     defaults: http://localhost:8080 30s; WARMUP=30s
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://localhost:8080}"
DURATION="${2:-30s}"
WARMUP="${WARMUP:-30s}"
CLIENT="${BENCH_CLIENT_ID:-bench-api}"
SECRET="${BENCH_CLIENT_SECRET:-bench-api-secret-change-me}"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -qq wrk >/dev/null; else
    echo "bench: install wrk (Debian: apt-get install wrk)" >&2; exit 1; fi
fi
curl -fsS "$BASE/.well-known/openid-configuration" >/dev/null || { echo "bench: no server at $BASE" >&2; exit 1; }

export BASIC="$(printf '%s:%s' "$CLIENT" "$SECRET" | base64 -w0)"
TOKEN="$(curl -fsS -u "$CLIENT:$SECRET" -d grant_type=client_credentials -d scope=api:read "$BASE/oauth2/token" \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')"
export TOKEN
events_before="$(curl -fsS "$BASE/actuator/health" | sed -E 's/.*"lastGlobalIndex":([0-9-]+).*/\1/' || echo '?')"

. bench/lib.sh

run() { # name script
  quiesce
  wrk -t2 -c16 -d"$WARMUP" -s "bench/$2" "$BASE/$3" >/dev/null      # warm-up: the JIT compiles the hot path
  quiesce
  wrk -t2 -c16 -d"$DURATION" --latency -s "bench/$2" "$BASE/$3" | tee "/tmp/kizuna-bench-$1.txt" >&2
  grep '^RESULT' "/tmp/kizuna-bench-$1.txt" | sed 's/^RESULT //'
}
cc="$(run client-credentials client-credentials.lua oauth2/token)"
intro="$(run introspection introspection.lua oauth2/introspect)"
BASIC="$(printf '%s:%s' "${BENCH_OPAQUE_CLIENT_ID:-bench-api-opaque}" "${BENCH_OPAQUE_CLIENT_SECRET:-bench-api-opaque-secret-change-me}" | base64 -w0)"
export BASIC
cc_opaque="$(run client-credentials-opaque client-credentials.lua oauth2/token)"
# the ceiling: the cheapest requests Kizuna serves, through the same Tomcat and filters, same wrk settings
ceiling_jwks="$(run ceiling-jwks ceiling.lua oauth2/jwks)"
ceiling_css="$(run ceiling-css ceiling.lua css/kizuna.css)"

DATE="$(date -u +%Y-%m-%d)"
OUT="docs/benchmarks/$DATE-token-and-introspection.md"
mkdir -p docs/benchmarks
{
  echo "# Token issuance and introspection — $DATE"
  echo
  echo "- commit: \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- JDK: $(./kizuna java)"
  echo "- load: wrk 2 threads, 16 connections, $DURATION after a $WARMUP warm-up, each run started when the CPUs were ≥ 85 % idle, against \`./kizuna run\` on the same machine"
  echo "- ledger events before the run: global index $events_before"
  echo
  echo "| what | requests/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  for row in "client_credentials token (ES256 JWT + AccessTokenIssued event)|$cc" \
             "client_credentials token (opaque 256-bit + AccessTokenIssued event)|$cc_opaque" \
             "introspection (one live token)|$intro" \
             "ceiling: GET /oauth2/jwks (no OAuth work, no database)|$ceiling_jwks" \
             "ceiling: GET /css/kizuna.css (7.9 KB static file)|$ceiling_css"; do
    name="${row%%|*}"; r="${row#*|}"
    get() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
    echo "| $name | $(get rps) | $(get p50_ms) | $(get p90_ms) | $(get p99_ms) | $(get errors) | $(get non2xx) |"
  done
  echo
  echo "Reproduce: \`./kizuna run\` in one terminal, then \`bench/token-and-introspection.sh\`."
} > "$OUT"
cat "$OUT"
