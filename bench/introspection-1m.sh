#!/usr/bin/env bash
# Introspection (RFC 7662) with a million live access tokens stored: fills the token read model with
# 1,000,000 opaque access tokens of the bench client (synthetic rows written straight into token_lookup,
# the table introspection reads — not issued through the ledger, which would take hours here), then
# introspects a random one of them per request with wrk (2 threads, 16 connections).
# Writes docs/benchmarks/<date>-introspection-1m.md.
#
#   bench/introspection-1m.sh <postgres-port> [base-url] [duration]   defaults: http://localhost:8080 30s
# Run against a server on its own data directory, e.g.
#   JDK_JAVA_OPTIONS="-Dkizuna.data-dir=/tmp/kizuna-bench" ./kizuna run
# (the embedded PostgreSQL port is printed at start-up: "PostgreSQL started on …").
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT="${1:?postgres port}"
BASE="${2:-http://localhost:8080}"
DURATION="${3:-30s}"
TOKENS=1000000
PSQL="${PSQL:-$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)}"
export PGPASSWORD=postgres
sql() { "$PSQL" -h localhost -p "$PGPORT" -U postgres -d kizuna -qtA -c "$1"; }

have="$(sql "SELECT count(*) FROM token_lookup WHERE grant_id LIKE 'bench-grant-%'")"
if [ "$have" -lt "$TOKENS" ]; then
  sql "DELETE FROM token_lookup WHERE grant_id LIKE 'bench-grant-%'"
  sql "INSERT INTO token_lookup (token_hash, token_type, grant_id, client_id, member_id, jti, scopes, audience,
         issued_at, expires_at)
       SELECT translate(rtrim(encode(sha256(convert_to('bench-token-' || g, 'UTF8')), 'base64'), '='), '+/', '-_'),
              'access', 'bench-grant-' || g, 'bench-api', NULL, NULL, ARRAY['api:read'], NULL, now(),
              now() + interval '7 days'
       FROM generate_series(1, $TOKENS) g"
  sql "ANALYZE token_lookup"
fi
stored="$(sql "SELECT count(*) FROM token_lookup")"
export BASIC="$(printf '%s:%s' "${BENCH_CLIENT_ID:-bench-api}" "${BENCH_CLIENT_SECRET:-bench-api-secret-change-me}" | base64 -w0)"
export TOKENS
check="$(curl -fsS -H "Authorization: Basic $BASIC" -d token=bench-token-424242 "$BASE/oauth2/introspect")"
echo "$check" | grep -q '"active":true' || { echo "bench: a stored token is not active: $check" >&2; exit 1; }

wrk -t2 -c16 -d10s -s bench/introspection-random.lua "$BASE/oauth2/introspect" >/dev/null
wrk -t2 -c16 -d"$DURATION" --latency -s bench/introspection-random.lua "$BASE/oauth2/introspect" \
  | tee /tmp/kizuna-bench-introspection-1m.txt >&2
r="$(grep '^RESULT' /tmp/kizuna-bench-introspection-1m.txt | sed 's/^RESULT //')"
get() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }

DATE="$(date -u +%Y-%m-%d)"
OUT="docs/benchmarks/$DATE-introspection-1m.md"
{
  echo "# Introspection with a million live tokens — $DATE"
  echo
  echo "- commit: \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "- JDK: $(./kizuna java)"
  echo "- token_lookup rows: $stored ($TOKENS synthetic opaque access tokens of \`bench-api\`, written by SQL; see the script)"
  echo "- load: wrk 2 threads, 16 connections, $DURATION after a 10 s warm-up, a random stored token per request, against \`./kizuna run\` on the same machine"
  echo
  echo "| what | requests/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  echo "| introspection, random token of $TOKENS | $(get rps) | $(get p50_ms) | $(get p90_ms) | $(get p99_ms) | $(get errors) | $(get non2xx) |"
  echo
  echo "Reproduce: \`JDK_JAVA_OPTIONS=\"-Dkizuna.data-dir=/tmp/kizuna-bench\" ./kizuna run\`, then \`bench/introspection-1m.sh <postgres-port>\`."
} > "$OUT"
echo "wrote $OUT"
