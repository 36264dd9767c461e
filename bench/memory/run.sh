#!/usr/bin/env bash
# The image's memory under load, in a container with a memory limit, as Knative, OpenFaaS and Lambda run it: the peak
# of the container's memory (what the platform bills and the OOM killer watches), and whether it survived.
#
#   bench/memory/run.sh [--limit 384m] [--duration 60] [--connections 16]
#
# Runs localhost/portafunc:latest (load functions/app/target/jib-image.tar first) once per function under wrk: manipulate
# with the peers' 10-result body, then searchManipulate on the embedded index. Writes bench/results/memory-<date>.md.
# The deploy manifests' memory figures come from here. Needs podman, wrk, curl, python3.
. "$(dirname "$0")/../lib.sh"
limit=384m duration=60 connections=16
while [ $# -gt 0 ]; do
  case $1 in
    --limit) limit=$2; shift ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
need podman "apt-get install podman runc"; need wrk "apt-get install wrk"; need curl "apt-get install curl"
image=localhost/portafunc:latest
podman image exists "$image" || podman load -q -i "$(image_file tar)" >/dev/null
peers_body=$PEERS_DIR/body.json
[ -f "$peers_body" ] || die "no $peers_body (PEERS_DIR: the peers harness, bench/peers by default)"
work=${BENCH_WORK:-$(mktemp -d -t portafunc-memory.XXXXXX)}
query=$work/query.json; echo '{"query":"knative scale zero"}' > "$query"
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY"), "r")); wrk.body = f:read("*a"); f:close()
LUA
rows=()
for run in "manipulate:$peers_body" "searchManipulate:$query"; do
  fn=${run%%:*} body=${run#*:} port=$(free_port) name=portafunc-memory-$fn
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman run -d --name "$name" --memory "$limit" --memory-swap "$limit" --network host -e PORT="$port" \
    -e SPRING_CLOUD_FUNCTION_DEFINITION="$fn" "$image" >/dev/null
  await_ready "http://127.0.0.1:$port/_/ready" 60
  first=$(podman stats --no-stream --format '{{.MemUsage}}' "$name" | cut -d/ -f1 | xargs)
  peak_file=$work/$fn.mem; : > "$peak_file"
  ( while podman container exists "$name" && [ "$(podman inspect -f '{{.State.Running}}' "$name")" = true ]; do
      podman stats --no-stream --format '{{.MemUsage}}' "$name" 2>/dev/null | cut -d/ -f1 >> "$peak_file"; sleep 1
    done ) &
  sampler=$!
  BODY=$body wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v2/$fn" \
    > "$work/$fn.wrk" 2>&1 || true
  sleep 2
  state=$(podman inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$name")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  peak=$(python3 -c "
import re,sys
units={'B':1,'kB':1e3,'KB':1e3,'MB':1e6,'GB':1e9,'KiB':1024,'MiB':1024**2,'GiB':1024**3}
vals=[]
for l in open(sys.argv[1]):
    m=re.match(r'\s*([\d.]+)\s*([A-Za-z]+)', l)
    if m: vals.append(float(m.group(1))*units.get(m.group(2),1))
print(f'{max(vals)/1e6:.0f} MB' if vals else 'n/a')" "$peak_file")
  rps=$(awk '/Requests\/sec/{print int($2)}' "$work/$fn.wrk")
  p99=$(awk '$1=="99%"{print $2}' "$work/$fn.wrk")
  survived=$([ "${state%% *}" = running ] && echo yes || echo "**no** ($state)")
  rows+=("| $fn | $limit | $first | $peak | $rps | $p99 | $survived |")
  podman rm -f "$name" >/dev/null 2>&1 || true
done
result=$BENCH/results/memory-$(date +%Y-%m-%d).md
{
  echo "# Memory under load, in a container with a limit: $(date +%Y-%m-%d)"
  echo
  echo "- command: \`bench/memory/run.sh --limit $limit --duration $duration --connections $connections\`"
  echo "- machine: $(machine)"
  echo "- image: $image ($(podman image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')), JVM options: $(grep -v '^#' "$REPO/deploy/image/jvm.options" | xargs)"
  echo "- load: wrk -t1 -c$connections -d${duration}s on loopback, host network"
  echo
  echo "| function | memory limit | memory when ready | peak under load | req/s | p99 | survived |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Memory is the container's (its cgroup's) usage as podman reports it: the JVM's resident memory plus the page"
  echo "cache of the files it maps (the AOT cache). The heap is capped by MaxRAMPercentage of the limit; the rest is"
  echo "the AOT cache, the JVM itself, metaspace, code cache and thread stacks."
} > "$result"
cat "$result"
