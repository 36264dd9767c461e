#!/usr/bin/env bash
# How far below the shipped cold start Spring Cloud Function itself can start portafunc's functions: the shipped build
# against bench/startup/FunctionalFloor.java (the same functions and shipped index, registered functionally with no
# auto-configuration, behind the JDK's HTTP server), as a Spring Boot application, in a plain Spring context without
# Spring Boot, and in that context with the platform's basics set up by hand (structured logs, configuration records,
# metrics), all started alternately by bench/startup/ab.sh. The differences are what Spring Boot's auto-configured web
# stack and the application's platform cost a cold start, what Spring Boot's application start costs, and what its
# replacement by hand costs.
#
#   bench/startup/floor.sh [--rounds 12] [--rebuild]
#
# The floor gets what the image gets, built here the same way: a Java runtime linked from the same JDK (with
# jdk.httpserver), the image's jvm.options (less Spring AOT, which functional registration does not use) and an AOT
# cache trained with its own requests. Needs the image's files (built if missing), a JDK 25 and python3.
. "$(dirname "$0")/../lib.sh"
startup_bench 12 "$@"
T=$(image_files)
work=${BENCH_WORK:-$(mktemp -d -t portafunc-floor.XXXXXX)}
# Without Spring Cloud Function's web module, whose functional initializers FunctionalSpringApplication would run.
classpath=$(sed 's/^-cp //' "$(image_file classpath)" | tr ':' '\n' \
  | grep -v -e 'spring-cloud-function-web-' -e 'spring-cloud-starter-function-web-' | paste -sd:)
rm -rf "$work/classes" "$work/java"
javac -proc:none -d "$work/classes" -cp "$classpath" "$BENCH/startup/FunctionalFloor.java"
jar cf "$work/floor.jar" -C "$work/classes" . # an AOT cache takes jars only on its class path
jlink "@$REPO/deploy/image/jlink.args" --add-modules jdk.httpserver --output "$work/java"
grep -v -e '-Dspring.aot.enabled' "$(image_file jvm.options)" > "$work/jvm.options"
floor=("$work/java/bin/java" "@$work/jvm.options" -cp "$classpath:$work/floor.jar" FunctionalFloor)

echo "bench: training the floors' AOT caches" >&2
train() { # train CACHE ARGS...: an AOT cache trained with the floor's own requests, 150 of each
  local cache=$1
  shift
  rm -f "$cache"
  FLOOR_LOG=$cache.log python3 - "$BENCH/performance/query.json" "${floor[0]}" -XX:AOTCacheOutput="$cache" \
    "${floor[@]:1}" "$@" <<'PY'
import os, signal, socket, subprocess, sys, time, urllib.request
query, command = open(sys.argv[1], "rb").read(), sys.argv[2:]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
log = open(os.environ["FLOOR_LOG"], "w")
app = subprocess.Popen(command, env=dict(os.environ, PORT=str(port)), stdout=log, stderr=subprocess.STDOUT)
def post(name, body, content_type):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v2/{name}", data=body,
                                     headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()
for _ in range(600):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_/ready", timeout=1).read()
        break
    except OSError:
        time.sleep(0.05)
results = post("search", query, "application/json")
for _ in range(150):
    post("searchManipulate", query, "application/json")
    post("search", b"apache lucene", "text/plain")
    post("manipulate", results, "application/json")
    post("manipulate", b"scale to zero", "text/plain")
app.send_signal(signal.SIGTERM)
app.wait(timeout=120)
PY
  [ -f "$cache" ] || die "no AOT cache was written for the floor (see $cache.log)"
}
train "$work/floor.aot"
train "$work/floor-without-boot.aot" --without-boot
train "$work/floor-without-boot-platform.aot" --without-boot --platform
run="$work/java/bin/java @$work/jvm.options -XX:AOTMode=on -cp $classpath:$work/floor.jar"
"$BENCH/startup/ab.sh" --rounds "$rounds" "shipped=$T" \
  "functional floor=cmd:$run -XX:AOTCache=$work/floor.aot FunctionalFloor" \
  "functional floor without Spring Boot=cmd:$run -XX:AOTCache=$work/floor-without-boot.aot FunctionalFloor --without-boot" \
  "functional floor without Spring Boot, with the platform's basics=cmd:$run -XX:AOTCache=$work/floor-without-boot-platform.aot FunctionalFloor --without-boot --platform"
