# Sourced by the bench scripts: the JDK, the repository, the built artifacts, free ports.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)

die() { echo "bench: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is needed ($2)"; }

select_java() {
  if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-*; do
      if [ -x "$candidate/bin/java" ]; then JAVA_HOME=$candidate; break; fi
    done
  fi
  [ -x "${JAVA_HOME:-}/bin/java" ] || die "set JAVA_HOME to a JDK 25"
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
}

# The application jar, built if missing (or with --rebuild).
app_jar() {
  local jar=$REPO/functions/app/target/portafunc.jar
  if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
    (cd "$REPO" && ./mvnw -q -B -DskipTests -P '!containers' clean package) >&2
  fi
  echo "$jar"
}

# A jar from Maven Central, through the local repository: artifact_jar group:artifact:version
artifact_jar() {
  local coordinates=$1 dir=${BENCH_WORK:-$REPO/bench/results/tmp}/lib
  local name; name=$(echo "$coordinates" | awk -F: '{print $2"-"$3".jar"}')
  mkdir -p "$dir"
  if [ ! -f "$dir/$name" ]; then
    (cd "$REPO" && ./mvnw -q -B dependency:copy -Dartifact="$coordinates" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true) >&2
  fi
  echo "$dir/$name"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

await_ready() { # await_ready URL SECONDS
  local url=$1 seconds=${2:-60} i
  for ((i = 0; i < seconds * 20; i++)); do
    if curl -fs -o /dev/null "$url"; then return 0; fi
    sleep 0.05
  done
  die "not ready: $url"
}

machine() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
}

# What the start-up scripts share: startup_bench DEFAULT_ROUNDS "$@" sets $rounds and $rebuild from their options
# (--rounds N, --rebuild), selects the JDK and checks for python3.
startup_bench() {
  rounds=$1 rebuild=0
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --rounds) rounds=$2; shift ;;
      --rebuild) rebuild=1 ;;
      *) die "unknown option $1" ;;
    esac
    shift
  done
  select_java
  need python3 "apt-get install python3"
}

# The image's files in functions/app/target (the jlinked runtime, jvm.options, the AOT cache, the class path), built
# when missing or when $rebuild is 1. Prints the directory.
image_files() {
  local target=$REPO/functions/app/target
  if [ "${rebuild:-0}" = 1 ] || [ ! -f "$target/image-root/app/portafunc.aot" ]; then
    echo "bench: building the image's files (jlinked runtime, AOT cache)" >&2
    # shellcheck disable=SC2086 # MVN_FLAGS: extra Maven flags, e.g. -o
    (cd "$REPO" && ./mvnw -q -B ${MVN_FLAGS:-} -Pimage -P '!containers' -DskipTests package -pl functions/core,functions/app) >&2
  fi
  echo "$target"
}
