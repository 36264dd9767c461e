#!/usr/bin/env bash
# Load under faults: searchManipulate behind a stand-in upstream (WireMock playing SearXNG) that injects latency,
# 500s, 429s with Retry-After, connection resets, malformed and truncated bodies. Bounded and on loopback.
#
#   bench/faults/run.sh [--duration 30] [--connections 64] [--threads 2]
#
# Checks that every response is a result or a mapped problem+json (no unmapped status, no 500), and that threads and
# heap level off; writes the figures to bench/results/faults-<date>.md. Needs wrk, curl, python3 and a JDK 25.
. "$(dirname "$0")/../lib.sh"
duration=30 connections=64 threads=2
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    --rebuild) REBUILD=1 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
select_java
need wrk "apt-get install wrk"; need curl "apt-get install curl"; need python3 "for the report"
export BENCH_WORK=${BENCH_WORK:-$(mktemp -d -t portafunc-faults.XXXXXX)}
jar=$(app_jar)
wiremock=$(artifact_jar org.wiremock:wiremock-standalone:3.13.2)
upstream_port=$(free_port) app_port=$(free_port)
out=$BENCH_WORK/out; mkdir -p "$out"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -jar "$wiremock" --port "$upstream_port" --bind-address 127.0.0.1 --root-dir "$BENCH/faults/wiremock" \
  --no-request-journal --disable-banner --async-response-enabled true --container-threads 300 \
  > "$out/wiremock.log" 2>&1 &
pids+=($!)
await_ready "http://127.0.0.1:$upstream_port/__admin/health" 60

# The application jar (java -jar, so that jstat can read its heap), on the searxng provider. The circuit breaker judges 50 calls and stays open
# 2 s (defaults: 20 and 30 s), so that a run shows results, each fault's problem and open-circuit 503s side by side.
PORT=$app_port SPRING_CLOUD_FUNCTION_DEFINITION=searchManipulate \
PORTAFUNC_SEARCH_PROVIDER=searxng PORTAFUNC_SEARCH_SEARXNG_URL="http://127.0.0.1:$upstream_port" \
PORTAFUNC_SEARCH_SEARXNG_READ_TIMEOUT=2s \
PORTAFUNC_SEARCH_RESILIENCE_BREAKER_WINDOW=${BREAKER_WINDOW:-50} \
PORTAFUNC_SEARCH_RESILIENCE_BREAKER_OPEN_FOR=${BREAKER_OPEN_FOR:-2s} \
  java ${PORTAFUNC_JVM_FLAGS:-} -jar "$jar" > "$out/app.log" 2>&1 &
app=$!; pids+=($app)
await_ready "http://127.0.0.1:$app_port/_/ready" 120

sample() { # every 2 s: seconds, threads, RSS MB, heap used MB, old generation used MB (what survives collections)
  local start=$SECONDS
  echo "seconds,threads,rss_mb,heap_used_mb,old_used_mb" > "$out/samples.csv"
  while kill -0 "$app" 2>/dev/null; do
    local threads rss heap old
    threads=$(awk '/^Threads:/{print $2}' /proc/$app/status)
    rss=$(awk '/^VmRSS:/{print int($2/1024)}' /proc/$app/status)
    read -r heap old < <(jstat -gc "$app" 2>/dev/null | awk 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} NR==2{printf "%d %d\n", ($(c["S0U"])+$(c["S1U"])+$(c["EU"])+$(c["OU"]))/1024, $(c["OU"])/1024}') || true
    echo "$((SECONDS - start)),$threads,$rss,${heap:-0},${old:-0}" >> "$out/samples.csv"
    sleep 2
  done
}
sample & pids+=($!)

echo "bench: warming up 5 s" >&2
wrk -t"$threads" -c"$connections" -d5s -s "$BENCH/faults/faults.lua" "http://127.0.0.1:$app_port" > /dev/null
echo "bench: $duration s, $connections connections, $threads threads" >&2
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$BENCH/faults/faults.lua" \
  "http://127.0.0.1:$app_port" | tee "$out/wrk.txt" >&2
sleep 2

result=$BENCH/results/faults-$(date +%Y-%m-%d).md
python3 "$BENCH/faults/report.py" "$out" \
  "bench/faults/run.sh --duration $duration --connections $connections --threads $threads (breaker window ${BREAKER_WINDOW:-50}, open ${BREAKER_OPEN_FOR:-2s})" \
  "$(machine)" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" > "$result"
cat "$result"
grep -q '^\*\*Verdict: pass' "$result"
