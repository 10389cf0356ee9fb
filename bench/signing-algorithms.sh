#!/usr/bin/env bash
# Measures client-credentials token issuance (RFC 6749 §4.4, JWT + its ledger event) per access-token
# signing algorithm (ES256, PS256, RS256, EdDSA: the client metadata access_token_signing_alg), with wrk
# at 16 connections against a running embedded default (`./kizuna run` in another terminal). Registers
# one API client per algorithm through the admin API. Writes docs/benchmarks/<date>-signing-algorithms.md.
#
#   bench/signing-algorithms.sh [base-url] [duration]     defaults: http://localhost:8080 20s
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-http://localhost:8080}"
DURATION="${2:-20s}"
ADMIN="${ADMIN_TOKEN:-kizuna-demo-admin-token}"
command -v wrk >/dev/null 2>&1 || { echo "bench: install wrk (Debian: apt-get install wrk)" >&2; exit 1; }
curl -fsS "$BASE/.well-known/openid-configuration" >/dev/null || { echo "bench: no server at $BASE" >&2; exit 1; }

rows=()
for alg in ES256 EdDSA PS256 RS256; do
  reg="$(curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$BASE/admin/api/clients" \
    -d "{\"client_name\":\"bench $alg\",\"grant_types\":[\"client_credentials\"],\"scope\":\"api:read\",\"access_token_signing_alg\":\"$alg\"}")"
  id="$(echo "$reg" | sed -E 's/.*"client_id":"([^"]+)".*/\1/')"
  secret="$(echo "$reg" | sed -E 's/.*"client_secret":"([^"]+)".*/\1/')"
  export BASIC="$(printf '%s:%s' "$id" "$secret" | base64 -w0)"
  wrk -t2 -c16 -d10s -s bench/client-credentials.lua "$BASE/oauth2/token" >/dev/null   # warm-up
  result="$(wrk -t2 -c16 -d"$DURATION" --latency -s bench/client-credentials.lua "$BASE/oauth2/token" | grep '^RESULT' | sed 's/^RESULT //')"
  echo "$alg $result" >&2
  rows+=("$alg|$result")
done

DATE="$(date -u +%Y-%m-%d)"
OUT="docs/benchmarks/$DATE-signing-algorithms.md"
mkdir -p docs/benchmarks
{
  echo "# Token issuance per signing algorithm — $DATE"
  echo
  echo "- commit: \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- JDK: $(./kizuna java)"
  echo "- load: wrk 2 threads, 16 connections, $DURATION after a 10 s warm-up, against \`./kizuna run\` on the same machine"
  echo
  echo "| access_token_signing_alg | requests/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    name="${row%%|*}"; r="${row#*|}"
    get() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
    echo "| $name | $(get rps) | $(get p50_ms) | $(get p90_ms) | $(get p99_ms) | $(get errors) | $(get non2xx) |"
  done
  echo
  echo "Each request: client_secret_basic, one JWT signed with the client's algorithm, one AccessTokenIssued"
  echo "ledger event. Reproduce: \`./kizuna run\` in one terminal, then \`bench/signing-algorithms.sh\`."
} > "$OUT"
echo "wrote $OUT" >&2
