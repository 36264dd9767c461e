#!/usr/bin/env bash
# Memory allocated per request under steady load, portafunc as it ships: the young collections of a measured wrk run
# times the young generation's eden, over the requests served. Allocation sets how often the young generation is
# collected, and with it part of the latency tail under load.
#
#   bench/performance/allocation.sh [--warmup S] [--duration S] [-- JVM options...]
#
# Runs the shipped configuration (the image's runtime, jvm.options and AOT cache, built by bench/performance/run.sh or
# the image profile) on POST /v2/manipulate with the peers' body.json, then on POST /v2/searchManipulate with
# query.json, each after its own warm-up. JVM options after -- are added after jvm.options, to weigh a lever.
# Needs a JDK 25, wrk and curl.
. "$(dirname "$0")/../lib.sh"
warm=15 dur=15
while [ $# -gt 0 ]; do
  case $1 in
    --warmup) warm=$2; shift ;;
    --duration) dur=$2; shift ;;
    --) shift; break ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
select_java
need wrk "apt-get install wrk"; need curl "apt-get install curl"
for f in java jvm.options aot classpath; do
  [ -f "$(image_file $f)" ] || die "no $(image_file $f): build the image's files first (bench/performance/run.sh --rebuild)"
done
here=$BENCH/performance
work=$(mktemp -d -t portafunc-allocation.XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() { # measure PATH BODY
  local path=$1 body=$2 port pid before after requests eden
  shift 2
  port=$(free_port)
  shipped_command -Xlog:gc:file="$work/gc.log" -Xlog:gc+exit:file="$work/exit.log" "$@"
  PORT=$port "${SHIPPED[@]}" > "$work/app.log" 2>&1 &
  pid=$!
  await_ready "http://127.0.0.1:$port/_/ready" 60
  BODY=$body wrk -t1 -c16 -d"${warm}s" -s "$PEERS_DIR/post.lua" "http://127.0.0.1:$port$path" > /dev/null
  before=$(grep -c "Pause Young" "$work/gc.log" || true)
  BODY=$body wrk -t1 -c16 -d"${dur}s" -s "$PEERS_DIR/post.lua" "http://127.0.0.1:$port$path" > "$work/wrk.txt"
  after=$(grep -c "Pause Young" "$work/gc.log" || true)
  kill $pid; wait $pid 2>/dev/null || true
  grep -q "Non-2xx" "$work/wrk.txt" && die "$path answered errors: $(grep Non-2xx "$work/wrk.txt")"
  requests=$(awk '/requests in/{print $1}' "$work/wrk.txt")
  eden=$(sed -n 's/.*eden space \([0-9]*\)K.*/\1/p' "$work/exit.log" | head -1)
  printf '%-22s %8s req/s  %5d young collections  %4d KB per request  (eden %d KB)\n' "$path" \
    "$(awk '/Requests\/sec/{printf "%.0f", $2}' "$work/wrk.txt")" $((after - before)) \
    $(( (after - before) * eden / requests )) "$eden"
}
measure /v2/manipulate "$PEERS_DIR/body.json" "$@"
measure /v2/searchManipulate "$here/query.json" "$@"
