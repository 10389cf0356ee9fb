#!/usr/bin/env bash
# Measures the refresh token grant with rotation (RFC 6749 §6; RFC 9700 §4.14.2: every refresh spends the
# presented token and returns the next, each a ledger event on the grant) with wrk at 16 connections, against
# a running embedded default (`./kizuna run`). 18 chains (one per connection, one spare per wrk thread) are minted first by authorization
# code flows of the demo member (interop/oauth4webapi/refresh-tokens.mjs, oauth4webapi), for the warm-up and
# again for the measured pass. Writes docs/benchmarks/<date>-refresh.md.
#
#   bench/refresh.sh [base-url] [duration]     defaults: http://localhost:8080 30s; WARMUP=30s
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE="${1:-http://localhost:8080}"
DURATION="${2:-30s}"
WARMUP="${WARMUP:-30s}"
CLIENT="${WEB_CLIENT_ID:-www-demo}"
SECRET="${WEB_CLIENT_SECRET:-www-demo-secret-change-me}"
command -v wrk >/dev/null || { echo "bench: install wrk (Debian: apt-get install wrk)" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: Node.js is needed to mint the refresh tokens" >&2; exit 1; }
[ -d interop/oauth4webapi/node_modules ] || (cd interop/oauth4webapi && npm ci --silent)
curl -fsS "$BASE/.well-known/openid-configuration" >/dev/null || { echo "bench: no server at $BASE" >&2; exit 1; }
export BASIC="$(printf '%s:%s' "$CLIENT" "$SECRET" | base64 -w0)"
mint() { node interop/oauth4webapi/refresh-tokens.mjs 18 "$BASE"; }

quiesce
REFRESH_TOKENS="$(mint)" wrk -t2 -c16 -d"$WARMUP" -s bench/refresh.lua "$BASE/oauth2/token" >/dev/null
export REFRESH_TOKENS="$(mint)"
quiesce
wrk -t2 -c16 -d"$DURATION" --latency -s bench/refresh.lua "$BASE/oauth2/token" | tee /tmp/kizuna-bench-refresh.txt >&2
r="$(grep '^RESULT' /tmp/kizuna-bench-refresh.txt | sed 's/^RESULT //')"
get() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }

DATE="$(date -u +%Y-%m-%d)"
OUT="docs/benchmarks/$DATE-refresh.md"
{
  echo "# Refresh token grant with rotation — $DATE"
  echo
  echo "- commit: \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- JDK: $(./kizuna java)"
  echo "- load: wrk 2 threads, 16 connections (16 refresh-token chains of the demo member and \`$CLIENT\`), $DURATION after a $WARMUP warm-up on other chains, started when the CPUs were ≥ 85 % idle, against \`./kizuna run\` on the same machine"
  echo
  echo "| what | requests/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  echo "| refresh_token grant (RefreshTokenRotated + AccessTokenIssued appended to the grant) | $(get rps) | $(get p50_ms) | $(get p90_ms) | $(get p99_ms) | $(get errors) | $(get non2xx) |"
  echo
  echo "Reproduce: \`./kizuna run\` in one terminal, then \`bench/refresh.sh\` (needs wrk and Node.js)."
} > "$OUT"
cat "$OUT"
