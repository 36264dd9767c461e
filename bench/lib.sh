# Sourced by the bench scripts: the JDK, the repository, the built artifacts, how the image starts portafunc, free ports.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
# The peer apps and their harness (bench/peers/README.md); PEERS_DIR runs another copy of the harness.
PEERS_DIR=${PEERS_DIR:-$BENCH/peers}
# Where the image build leaves the image's files; PORTAFUNC_TARGET measures another build's (a worktree's).
TARGET=${PORTAFUNC_TARGET:-$REPO/functions/app/target}

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
  local jar; jar=$(image_file jar)
  if [ ! -f "$jar" ] || [ "${REBUILD:-0}" = 1 ]; then
    (cd "$REPO" && ./mvnw -q -B -DskipTests clean package) >&2
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

# The build of the image's files (the jlinked runtime, jvm.options, the AOT cache trained with requests, the class
# path): image_build_command [containers] sets IMAGE_BUILD, the command run from the repository's root; with
# 'containers', it also builds the image on a local base and functions/app/target/jib-image.tar (the full test run's
# profile; podman needed). MVN_FLAGS adds Maven flags, e.g. -o. The one place to change when the image's build changes.
image_build_command() {
  local profiles=image
  [ "${1:-}" != containers ] || profiles=image,full-tests
  # shellcheck disable=SC2206 # MVN_FLAGS is a list of flags
  IMAGE_BUILD=(./mvnw -B ${MVN_FLAGS:-} -P "$profiles" -DskipTests -Dspotless.check.skip=true package
    -pl functions/core,functions/app)
}

# Runs that build: image_build [containers], its output to stderr.
image_build() {
  [ "$TARGET" = "$REPO/functions/app/target" ] || die "the image's files are missing in $TARGET (PORTAFUNC_TARGET): build them there"
  image_build_command "$@"
  echo "bench: building the image's files: ${IMAGE_BUILD[*]}" >&2
  (cd "$REPO" && "${IMAGE_BUILD[@]}") >&2
}

# Where the image build leaves each file: image_file java|jvm.options|aot|classpath|jar|tar [TARGET].
image_file() {
  local t=${2:-$TARGET}
  case $1 in
    java) echo "$t/image-root/opt/portafunc/java/bin/java" ;;   # the image's jlinked runtime
    jvm.options) echo "$t/image-root/app/jvm.options" ;;
    aot) echo "$t/image-root/app/portafunc.aot" ;;
    classpath) echo "$t/image-train/portafunc.classpath" ;;      # '-cp …', with this machine's paths
    jar) echo "$t/portafunc.jar" ;;
    tar) echo "$t/jib-image.tar" ;;                              # built with the full test run's profile only
    *) die "image_file: unknown file $1" ;;
  esac
}

# The command line the image's entrypoint runs, on the host, so that portafunc is measured as it ships:
#   shipped_command [--target DIR] [--main CLASS] [--cp-append PATH] [JVM FLAGS...]
# sets SHIPPED. The JVM flags go after the image's own (jvm.options and the AOT cache); --main and --cp-append start
# another main class on the application's class path (bench/startup/StartupBudget.java).
shipped_command() {
  local t=$TARGET main=dev.portafunc.PortafuncApplication append=
  while [ $# -gt 0 ]; do
    case $1 in
      --target) t=$2; shift 2 ;;
      --main) main=$2; shift 2 ;;
      --cp-append) append=$2; shift 2 ;;
      *) break ;;
    esac
  done
  SHIPPED=("$(image_file java "$t")" "@$(image_file jvm.options "$t")" "-XX:AOTCache=$(image_file aot "$t")" "$@")
  if [ -n "$append" ]; then
    SHIPPED+=(-cp "$(sed 's/^-cp //' "$(image_file classpath "$t")"):$append" "$main")
  else
    SHIPPED+=("@$(image_file classpath "$t")" "$main")
  fi
}

# The commit the image's files were built from: this checkout's, or that of the checkout PORTAFUNC_TARGET lies in.
built_from() {
  local top commit
  top=$(git -C "$TARGET" rev-parse --show-toplevel 2>/dev/null || echo "$REPO")
  commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$top" diff --quiet HEAD -- functions deploy pom.xml 2>/dev/null || commit="$commit, with uncommitted changes"
  [ "$TARGET" = "$REPO/functions/app/target" ] || commit="$commit (the image's files in $TARGET)"
  echo "$commit"
}

# The image's files, built when one is missing or when $rebuild (or $REBUILD) is 1. Prints the directory.
image_files() {
  local f missing=0
  for f in java jvm.options aot classpath; do [ -f "$(image_file $f)" ] || missing=1; done
  if [ "${rebuild:-0}" = 1 ] || [ "${REBUILD:-0}" = 1 ] || [ $missing = 1 ]; then
    image_build
  fi
  echo "$TARGET"
}
