#!/usr/bin/env bash
# CPU cost per request of one endpoint, summed over the server JVM and every process it started
# (embedded PostgreSQL and its backends, Elasticsearch): CPU-microseconds per request is much less
# sensitive to other load on the machine than requests/s, so before/after comparisons of a change can
# be made on a busy machine. Prints one line: requests, requests/s, CPU-µs per request.
#
#   bench/cpu-per-request.sh <server-pid> <wrk-script> <url> [duration]     default duration 20s
# The embedded PostgreSQL detaches from the JVM: give its port as PGPORT to count its processes too.
# The wrk script's environment (BASIC, TOKEN, TOKENS) is passed through, e.g.
#   BASIC=$(printf 'bench-api:bench-api-secret-change-me' | base64 -w0) \
#     bench/cpu-per-request.sh "$(pgrep -f kizuna-server.jar | head -1)" client-credentials.lua http://localhost:8080/oauth2/token
set -euo pipefail
cd "$(dirname "$0")"
PID="$1"; SCRIPT="$2"; URL="$3"; DURATION="${4:-20s}"
HZ="$(getconf CLK_TCK)"

tree() { # the pid and all its descendants
  local all; all="$(ps -e -o pid=,ppid=)"
  local frontier="$1" found="$1"
  while [ -n "$frontier" ]; do
    local next=""
    for p in $frontier; do
      next="$next $(echo "$all" | awk -v p="$p" '$2==p {print $1}')"
    done
    frontier="$(echo $next)"; found="$found $frontier"
  done
  echo $found
}
ROOTS="$PID"
if [ -n "${PGPORT:-}" ]; then
  ROOTS="$ROOTS $(ps -e -o pid=,args= | awk -v port="$PGPORT" '/bin\/postgres / && $0 ~ ("-p " port " ") {print $1}')"
fi
ticks() { # utime+stime+cutime+cstime of the trees
  local sum=0
  for p in $(for r in $ROOTS; do tree "$r"; done); do
    [ -r "/proc/$p/stat" ] || continue
    local t; t="$(sed -E 's/^.*\) //' "/proc/$p/stat" | awk '{print $12+$13+$14+$15}' 2>/dev/null || echo 0)"
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}
before="$(ticks)"
out="$(wrk -t2 -c16 -d"$DURATION" -s "$SCRIPT" "$URL")"
after="$(ticks)"
r="$(echo "$out" | grep '^RESULT' | sed 's/^RESULT //')"
get() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k {print $2}'; }
requests="$(get requests)"
cpu_us=$(( (after - before) * 1000000 / HZ ))
echo "requests=$requests rps=$(get rps) non2xx=$(get non2xx) errors=$(get errors) cpu_us_per_request=$(( cpu_us / (requests > 0 ? requests : 1) )) load=$(cut -d' ' -f1 /proc/loadavg)"
