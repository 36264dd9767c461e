#!/usr/bin/env bash
# Cold start, footprint, warm-up and throughput of portafunc as it ships (the image's Java runtime, JVM options and AOT
# cache, started on the host as the image starts it), beside the peers of bench/peers in the same interleaved rounds,
# every ratio against C3 (Quarkus Funqy with its AOT cache, JSON logs, Prometheus metrics and health checks); plus the
# plain jar, the image under podman and the compressed layers a node pulls, as context.
#
#   bench/performance/run.sh [--quick] [--rebuild] [--no-image] [--cold-rounds N] [--steady-rounds N]
#                            [--ramp-rounds N] [--ramp-seconds S] [--warmup S] [--duration S]
#
# portafunc runs twice in every round: on POST /v2/manipulate with the peers' body.json (the peers' own work, which the
# targets are judged on) and on POST /v2/searchManipulate with query.json (a search of the embedded index), beside it.
# Writes bench/results/performance-<date>.md, the chart performance-<date>.svg and the raw files behind both in
# performance-<date>/. About 40 min (--quick: about 10). Needs a JDK 25, python3, wrk and, for the image, podman.
# See README.md.
. "$(dirname "$0")/../lib.sh"
usage() { sed -n '2,14p' "$0" | cut -c3- >&2; }

invocation="bench/performance/run.sh${*:+ $*}"
quick=0 image=1 cold= steady= ramp= ramp_s= warm= dur=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --rebuild) REBUILD=1 ;;
    --no-image) image=0 ;;
    --cold-rounds) cold=$2; shift ;;
    --steady-rounds) steady=$2; shift ;;
    --ramp-rounds) ramp=$2; shift ;;
    --ramp-seconds) ramp_s=$2; shift ;;
    --warmup) warm=$2; shift ;;
    --duration) dur=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown option $1" ;;
  esac
  shift
done
if [ $quick = 1 ]; then cold=${cold:-3} steady=${steady:-1} ramp=${ramp:-1} warm=${warm:-10}; fi
# Five steady-state rounds: one round in a few has a p99 two or three times the others' (portafunc's more often than
# a peer's), which a median of two rounds cannot leave out. Three ramps: the warm-up's spread is smaller.
cold=${cold:-7} steady=${steady:-5} ramp=${ramp:-3} ramp_s=${ramp_s:-30} warm=${warm:-40} dur=${dur:-10}

select_java
need wrk "apt-get install wrk"
need python3 "the harness and the report"
[ -x "$PEERS_DIR/run.sh" ] || die "no peers harness in $PEERS_DIR (set PEERS_DIR)"
# The peers' build (about 750 MB, 4 min) is kept and reused; the harness builds it when missing, with the repository's
# Maven wrapper unless MVN says otherwise.
export PEERBENCH_WORK=${PEERBENCH_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/portafunc/peerbench}
unset JAVA_TOOL_OPTIONS   # it would add options to every JVM of the run, peers included

here=$BENCH/performance
date=$(date +%Y-%m-%d)
raw=$BENCH/results/performance-$date
scratch=$BENCH/results/tmp/performance-$(date +%Y%m%d-%H%M%S)
mkdir -p "$scratch"
port=$(free_port)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: load average $load_before; scratch $scratch" >&2

# 1. What users run: the image's files (and the image, where podman is), built with the project's own build.
use_podman=0
if [ $image = 1 ] && command -v podman >/dev/null 2>&1; then use_podman=1; fi
build_image=0   # IMAGE=ref measures an image already in podman instead of building and loading jib-image.tar
if [ $use_podman = 1 ] && [ -z "${IMAGE:-}" ]; then build_image=1; fi
for f in jar java jvm.options aot classpath; do
  [ -f "$(image_file $f)" ] || REBUILD=1
done
if [ $build_image = 1 ] && [ ! -f "$(image_file tar)" ]; then REBUILD=1; fi
built=
if [ "${REBUILD:-0}" = 1 ]; then
  containers=; [ $build_image = 0 ] || containers=containers
  image_build_command $containers
  built="${IMAGE_BUILD[*]}"
  echo "bench: building (about 2 min), log in $scratch/build.log" >&2
  image_build $containers 2> "$scratch/build.log" || { tail -40 "$scratch/build.log" >&2; die "the build failed"; }
fi

# The shipped configuration, exactly as the image's entrypoint starts it (jvm.options, the AOT cache), on the host.
shipped_command
shipped="${SHIPPED[*]}"
jar="$JAVA_HOME/bin/java -jar $(image_file jar)"
query=$here/query.json
body=$PEERS_DIR/body.json

# The cache must be usable, or every figure below would be of a JVM without it: -XX:AOTMode=on refuses to start then.
echo "bench: checking the shipped configuration with -XX:AOTMode=on" >&2
shipped_command -XX:AOTMode=on
python3 "$here/starts.py" check --port "$port" --url-path /v2/manipulate --body "$body" \
  --also-path /v2/searchManipulate --also-body "$query" --items 10 --log "$scratch/check.log" -- \
  "${SHIPPED[@]}" >&2 || die "the shipped configuration failed its check"

rm -rf "$raw"; mkdir -p "$raw"
meta() { python3 "$here/collect.py" meta "$raw/run.json" "$@"; }
commit=$(built_from)
meta date="$date" quick=$quick machine="$(machine)" load_before="$load_before" port="$port" commit="$commit" \
  invocation="$invocation" built="$built" shipped="$shipped" jar="$jar" \
  shipped_java="$("$(image_file java)" -version 2>&1 | sed -n 2p)" jvm_options="$(cat "$(image_file jvm.options)")" \
  aot_cache_mb="$(( $(stat -c %s "$(image_file aot)") / 1000000 ))" \
  runtime_mb="$(( $(du -sb "$TARGET/image-root/opt/portafunc/java" | cut -f1) / 1000000 ))" \
  jars_mb="$(( $(du -sb "$TARGET/image-train/app" | cut -f1) / 1000000 ))" \
  peers_dir="$PEERS_DIR" cold_rounds="$cold" steady_rounds="$steady" ramp_rounds="$ramp" ramp_seconds="$ramp_s" \
  warmup_s="$warm" duration_s="$dur"

quote() { # a command line as one would type it
  local a
  for a; do
    if [[ $a =~ [^A-Za-z0-9_./=,:@+-] ]]; then printf "'%s' " "${a//\'/\'\\\'\'}"; else printf '%s ' "$a"; fi
  done
}

harness() { # harness NAME ARGS...: one run of the peers harness from the repository root, kept in $raw/NAME
  local name=$1; shift
  local before after
  before=$(ls -d "$PEERBENCH_WORK"/results-* 2>/dev/null || true)
  echo "bench: peers run '$name': run.sh $*" >&2
  meta "command_$name=$(quote "$PEERS_DIR/run.sh" --port "$port" "$@")"
  (cd "$REPO" && "$PEERS_DIR/run.sh" --port "$port" "$@") 2>&1 | tee "$scratch/$name.log" >&2
  after=$(comm -13 <(echo "$before") <(ls -d "$PEERBENCH_WORK"/results-*) | tail -1)
  [ -n "$after" ] || die "the peers run '$name' left no results dir in $PEERBENCH_WORK"
  python3 "$here/collect.py" harness "$after" "$raw/$name"
}
# portafunc twice in each round: the peers' work, and a search of the embedded index beside it
mine=(--extra "portafunc=$shipped" --url-path /v2/manipulate --body "$body"
  --extra "portafunc-search=$shipped" --url-path /v2/searchManipulate --body "$query")

# 2a. Cold start, CPU-s and RSS at the first response, against C3, C2, the floor (D2) and the best Spring (B7).
harness startup --variants C3,C2,D2,B7 --cold-rounds "$cold" --load-rounds 0 "${mine[@]}"
# 2b. Steady state: req/s and p99 on a fresh process after its warm-up.
if [ "$steady" -gt 0 ]; then
  harness steady --variants C3,C2,D2 --cold-rounds 0 --load-rounds "$steady" --warmup "$warm" --duration "$dur" \
    "${mine[@]}"
fi
# 2c. The warm-up: a fresh process under full load from its first 200, second by second.
if [ "$ramp" -gt 0 ]; then
  harness ramp --variants C3,C2 --cold-rounds 0 --load-rounds 0 --ramp-rounds "$ramp" --ramp-seconds "$ramp_s" \
    "${mine[@]}"
fi
# 3a. Context: the unoptimised jar, with C3 and the floor as yardsticks.
harness jar --variants C3,D2 --cold-rounds "$cold" --load-rounds 0 \
  --extra "portafunc-jar=$jar" --url-path /v2/manipulate --body "$body"

# 3b. What a node pulls on its first scale from zero: the image's layers, gzip-compressed, from jib-image.tar.
if [ -f "$(image_file tar)" ]; then
  python3 "$here/collect.py" layers "$(image_file tar)" "$raw/layers.json"
else
  meta layers_skipped="no $(image_file tar) (it is built with podman, by the full test run's profile)"
fi

# 3c. The image under podman, interleaved with the same configuration on the host.
if [ $use_podman = 1 ]; then
  ref=${IMAGE:-}
  if [ -z "$ref" ]; then
    ref=$(cat "$TARGET/jib-image.id")
    podman image exists "$ref" || podman load -q -i "$(image_file tar)" >&2
  fi
  podman image inspect --format '{{.Id}} {{.Size}}' "$ref" > "$scratch/image-inspect.txt" \
    || die "no image $ref in podman"
  read -r id size < "$scratch/image-inspect.txt"
  podman history --format json "$ref" > "$raw/image-history.json"
  meta image_ref="$ref" image_id="$id" image_size="$size" image_given="${IMAGE:+1}" \
    image_tar_size="$(stat -c %s "$(image_file tar)" 2>/dev/null || true)" \
    command_image="podman run --rm --pull=never --network host -e PORT=$port $ref"
  echo "bench: the image, $cold rounds interleaved with the same configuration on the host" >&2
  python3 "$here/starts.py" image --port "$port" --url-path /v2/manipulate --body "$body" --runs "$cold" \
    --image "$ref" --host "$shipped" --out "$raw/image.jsonl" --logs "$scratch/image-logs" 2>&1 \
    | tee "$scratch/image.log" >&2 || meta image_error="$(tail -3 "$scratch/image.log" | tr '\n' ' ')"
else
  meta image_skipped="$([ $image = 0 ] && echo '--no-image' || echo 'podman is not installed')"
fi

# 4-5. The report and the chart.
meta load_after="$(cut -d' ' -f1-3 /proc/loadavg)" finished="$(date '+%Y-%m-%d %H:%M')"
python3 "$here/chart.py" "$raw" "$raw.svg"
python3 "$here/report.py" "$raw" > "$raw.md"
cat "$raw.md"
echo "bench: wrote $raw.md, $raw.svg and $raw/" >&2
