#!/usr/bin/env bash
# JMH benchmarks of the manipulation step (functions/core) on pages of search results: the results to a Digest, and
# the Digest as JSON, HTML, Markdown and plain text, in throughput and average time, with -prof gc for bytes per op;
# and a search of the embedded index (LocalSearchBenchmark), the default provider's work.
#
#   bench/jmh/run.sh [--rebuild] [JMH options and benchmark regexps...]
#   bench/jmh/run.sh -f 2 -wi 5 -i 5 -w 2s -r 2s      # a longer, steadier run
#   bench/jmh/run.sh -p input=hostile manipulate       # one input, one benchmark
#
# Defaults: -f 2 -wi 2 -i 3 -w 1s -r 1s, each replaced by the same option when given. The 40 runs (4 inputs x 5
# benchmarks x 2 modes) then take about 7 minutes on 2 cores, nearer 9 when the machine is busy. Builds
# bench/jmh/target/benchmarks.jar when it is missing (Maven's options from MAVEN_ARGS, e.g. MAVEN_ARGS=-o), keeps
# JMH's JSON and log under bench/results/tmp/ and writes the summary to bench/results/jmh-<date>.md. Needs a JDK 25
# and python3.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

rebuild=0
args=()
for arg in "$@"; do
  case $arg in
    --rebuild) rebuild=1 ;;
    -rf | -rff | -o) die "$arg is set by run.sh (JSON under bench/results/tmp/)" ;;
    *) args+=("$arg") ;;
  esac
done
# JMH refuses an option given twice, so a default goes in only when the caller did not give that option.
given() { local option=$1 arg; for arg in "${args[@]}"; do [ "$arg" = "$option" ] && return 0; done; return 1; }
defaults=()
for pair in "-f 2" "-wi 2" "-i 3" "-w 1s" "-r 1s"; do
  read -r option value <<< "$pair"
  given "$option" || defaults+=("$option" "$value")
done

select_java
need python3 "for the report"
jar=$BENCH/jmh/target/benchmarks.jar
if [ ! -f "$jar" ] || [ "$rebuild" = 1 ]; then
  echo "bench: building $jar" >&2
  (cd "$REPO" && ./mvnw -q -B -DskipTests -pl bench/jmh -am package) >&2
fi

# Other work on the machine shows up as noise and wide errors: say so, and record the load beside the figures.
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
if awk -v l="${load_before%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: load average $load_before on $(nproc) cores: other work will widen the errors" >&2
fi
stamp=$(date +%Y-%m-%d-%H%M%S)
work=$REPO/bench/results/tmp
mkdir -p "$work"
json=$work/jmh-$stamp.json
jmh=(-jar "$jar" "${defaults[@]}" "${args[@]}" -prof gc -rf json -rff "$json")
echo "bench: java ${jmh[*]}" >&2
started=$SECONDS
java "${jmh[@]}" 2>&1 | tee "$work/jmh-$stamp.log"
took="$(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s"
java -cp "$jar" dev.portafunc.bench.Inputs > "$work/jmh-$stamp-inputs.tsv"

result=$BENCH/results/jmh-$(date +%Y-%m-%d).md
python3 "$BENCH/jmh/report.py" "$json" "$work/jmh-$stamp-inputs.tsv" \
  "bench/jmh/run.sh $*" "java ${jmh[*]/#$REPO\//}" "$(machine)" "$(java -version 2>&1 | head -1)" \
  "$load_before" "$(load)" "$took" > "$result"
echo "bench: wrote ${result#"$REPO"/}" >&2
cat "$result"
