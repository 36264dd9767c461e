#!/usr/bin/env bash
# Cold start, footprint and throughput of portafunc as it ships (the image's Java runtime, JVM options and AOT cache,
# started on the host as the image starts it), measured beside the peers (Quarkus Funqy, plain JDK, Spring) in the same
# interleaved rounds of the peers harness; plus the image under podman and the plain jar, as context.
#
#   bench/performance/run.sh [--quick] [--rebuild] [--no-image] [--cold-rounds N] [--load-rounds N]
#                            [--steady-rounds N] [--warmup S] [--duration S]
#
# Writes bench/results/performance-<date>.md, the chart performance-<date>.svg and the raw files behind both in
# performance-<date>/. About 35 min (--quick: about 8). Needs a JDK 25, python3, wrk, the peers harness (PEERS_DIR,
# default /work/shared/peers; its build is kept in PEERBENCH_WORK) and, for the image figures, podman. See README.md.
. "$(dirname "$0")/../lib.sh"
usage() { sed -n '2,11p' "$0" | cut -c3- >&2; }

invocation="bench/performance/run.sh${*:+ $*}"
quick=0 image=1 cold= load= steady= warm= dur=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --rebuild) REBUILD=1 ;;
    --no-image) image=0 ;;
    --cold-rounds) cold=$2; shift ;;
    --load-rounds) load=$2; shift ;;
    --steady-rounds) steady=$2; shift ;;
    --warmup) warm=$2; shift ;;
    --duration) dur=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage; die "unknown option $1" ;;
  esac
  shift
done
if [ $quick = 1 ]; then cold=${cold:-3} load=${load:-1} steady=${steady:-1} warm=${warm:-10}; fi
# The steady-state run (manipulate) has more load rounds than the startup run: its p99 is a target, and one round in
# a few has a p99 two or three times the others' (portafunc's more often than a peer's), which a median of two rounds
# cannot leave out.
cold=${cold:-7} load=${load:-2} steady=${steady:-5} warm=${warm:-40} dur=${dur:-10}

select_java
need wrk "apt-get install wrk"
need python3 "the harness and the report"
PEERS_DIR=${PEERS_DIR:-/work/shared/peers}
[ -x "$PEERS_DIR/run.sh" ] || die "no peers harness in $PEERS_DIR (set PEERS_DIR)"
# The peers' build (about 750 MB, 3 min) is kept and reused; the harness builds it when missing.
export PEERBENCH_WORK=${PEERBENCH_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/portafunc/peerbench}
command -v "${MVN:-mvn}" >/dev/null 2>&1 || export MVN=$REPO/mvnw
unset JAVA_TOOL_OPTIONS   # it would add options to every JVM of the run, peers included

here=$BENCH/performance
T=$REPO/functions/app/target
java=$T/image-root/opt/portafunc/java/bin/java
date=$(date +%Y-%m-%d)
raw=$BENCH/results/performance-$date
scratch=$BENCH/results/tmp/performance-$(date +%Y%m%d-%H%M%S)
mkdir -p "$scratch"
port=$(free_port)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench: load average $load_before; scratch $scratch" >&2

# 1. What users run: the image's layout (and the image, where podman is), built with the project's own build.
use_podman=0
if [ $image = 1 ] && command -v podman >/dev/null 2>&1; then use_podman=1; fi
build_image=0   # IMAGE=ref measures an image already in podman instead of building and loading jib-image.tar
if [ $use_podman = 1 ] && [ -z "${IMAGE:-}" ]; then build_image=1; fi
built=
for f in "$T/portafunc.jar" "$java" "$T/image-root/app/jvm.options" "$T/image-root/app/portafunc.aot" \
  "$T/image-train/portafunc.classpath"; do
  [ -f "$f" ] || REBUILD=1
done
if [ $build_image = 1 ] && [ ! -f "$T/jib-image.tar" ]; then REBUILD=1; fi
if [ "${REBUILD:-0}" = 1 ]; then
  profiles=(-Pimage -P '!containers')
  [ $build_image = 0 ] || profiles=(-Pimage -P containers)
  built="./mvnw -B ${MVN_FLAGS:-} ${profiles[*]} -DskipTests -Dspotless.check.skip=true package"
  built+=" -pl functions/core,functions/app"
  echo "bench: building (about 1 min): $built" >&2
  # shellcheck disable=SC2086 # MVN_FLAGS: extra Maven flags, e.g. -o
  (cd "$REPO" && ./mvnw -B ${MVN_FLAGS:-} "${profiles[@]}" -DskipTests -Dspotless.check.skip=true package \
    -pl functions/core,functions/app) > "$scratch/build.log" 2>&1 \
    || { tail -40 "$scratch/build.log" >&2; die "build failed, see $scratch/build.log"; }
fi

# The shipped configuration, exactly as the image's entrypoint starts it (jvm.options, the AOT cache), on the host.
shipped="$java @$T/image-root/app/jvm.options -XX:AOTCache=$T/image-root/app/portafunc.aot"
shipped+=" @$T/image-train/portafunc.classpath dev.portafunc.PortafuncApplication"
jar="$JAVA_HOME/bin/java -jar $T/portafunc.jar"
query=$here/query.json
body=$PEERS_DIR/body.json

# The cache must be usable, or every figure below would be of a JVM without it: -XX:AOTMode=on refuses to start then.
echo "bench: checking the shipped configuration with -XX:AOTMode=on" >&2
# shellcheck disable=SC2086 # $shipped is a command line
python3 "$here/starts.py" check --port "$port" --url-path /v2/searchManipulate --body "$query" \
  --also-path /v2/manipulate --also-body "$body" --items 10 --log "$scratch/check.log" -- \
  ${shipped/ -XX:AOTCache=/ -XX:AOTMode=on -XX:AOTCache=} >&2 || die "the shipped configuration failed its check"

rm -rf "$raw"; mkdir -p "$raw"
meta() { python3 "$here/collect.py" meta "$raw/run.json" "$@"; }
commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$REPO" diff --quiet HEAD -- functions deploy pom.xml 2>/dev/null || commit="$commit, with uncommitted changes"
meta date="$date" quick=$quick machine="$(machine)" load_before="$load_before" port="$port" commit="$commit" \
  invocation="$invocation" built="$built" shipped="$shipped" jar="$jar" \
  shipped_java="$("$java" -version 2>&1 | sed -n 2p)" jvm_options="$(cat "$T/image-root/app/jvm.options")" \
  aot_cache_mb="$(( $(stat -c %s "$T/image-root/app/portafunc.aot") / 1000000 ))" \
  runtime_mb="$(( $(du -sb "$T/image-root/opt/portafunc/java" | cut -f1) / 1000000 ))" \
  jars_mb="$(( $(du -sb "$T/image-train/app" | cut -f1) / 1000000 ))" \
  peers_dir="$PEERS_DIR" cold_rounds="$cold" load_rounds="$load" steady_rounds="$steady" warmup_s="$warm" duration_s="$dur"

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

# 2a. Cold start, RSS and searchManipulate throughput, against the best of each kind of peer.
harness startup --variants C,C2,D2,B7 --cold-rounds "$cold" --load-rounds "$load" --warmup "$warm" --duration "$dur" \
  --extra "portafunc=$shipped" --url-path /v2/searchManipulate --body "$query"
# 2b. Steady-state throughput of manipulate on the peers' own body: the same work as theirs.
harness manipulate --variants C,C2,D2 --cold-rounds 1 --load-rounds "$steady" --warmup "$warm" --duration "$dur" \
  --extra "portafunc=$shipped" --url-path /v2/manipulate --body "$body"
# 3a. Context: the unoptimised jar, with the AOT-cache peers as yardsticks.
harness jar --variants C2,D2 --cold-rounds "$cold" --load-rounds 0 \
  --extra "portafunc-jar=$jar" --url-path /v2/searchManipulate --body "$query"

# 3b. The image under podman, interleaved with the same configuration on the host.
if [ $use_podman = 1 ]; then
  ref=${IMAGE:-}
  if [ -z "$ref" ]; then
    ref=$(cat "$T/jib-image.id")
    podman image exists "$ref" || podman load -q -i "$T/jib-image.tar" >&2
  fi
  podman image inspect --format '{{.Id}} {{.Size}}' "$ref" > "$scratch/image-inspect.txt" \
    || die "no image $ref in podman"
  read -r id size < "$scratch/image-inspect.txt"
  podman history --format json "$ref" > "$raw/image-history.json"
  meta image_ref="$ref" image_id="$id" image_size="$size" image_given="${IMAGE:+1}" \
    image_tar_size="$(stat -c %s "$T/jib-image.tar" 2>/dev/null || true)" \
    command_image="podman run --rm --pull=never --network host -e PORT=$port $ref"
  echo "bench: the image, $cold rounds interleaved with the same configuration on the host" >&2
  python3 "$here/starts.py" image --port "$port" --url-path /v2/searchManipulate --body "$query" --runs "$cold" \
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
