#!/usr/bin/env bash
# The Lambda zip as Lambda's managed java25 runtime starts it, on this machine: the zip's jars behind AWS's Runtime
# Interface Client (the same client the managed runtime runs, from Maven Central), against a local stand-in for the
# Runtime API. Each round starts it three ways, alternately:
#
#   on-demand             a cold start without SnapStart: the JVM options Lambda uses then (C1 only)
#   snap-start            SnapStart as published: the init runs, then the runtime hooks (portafunc's priming, Spring's
#                         lifecycle stop) before Lambda would snapshot; "restore" resumes the same process, as a
#                         restored snapshot resumes the memory it was taken of
#   snap-start, no hooks  the same without the CRaC bridge the managed runtime sets (-Dorg.crac.Core.Compat): no hook
#                         runs, so nothing is primed
#
# and sends 10 HTTP API (payload 2.0) events to POST /searchManipulate with bench/performance/query.json. It reports
# the init (spawn to the runtime asking for its first event, or for the restore), the first invocation (event handed
# over to response received) and the median of the next nine, and the RSS when the snapshot would be taken.
# What a real SnapStart cold start adds, restoring the snapshot's memory, happens outside the JVM and is not here.
#
#   bench/lambda/run.sh [--rounds 7] [--rebuild]
. "$(dirname "$0")/../lib.sh"
rounds=7
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --rebuild) export REBUILD=1; shift ;;
    *) die "usage: bench/lambda/run.sh [--rounds N] [--rebuild]" ;;
  esac
done
select_java
need python3 "apt-get install python3"
app_jar >/dev/null
zip=$REPO/functions/app/target/portafunc-aws.zip
[ -f "$zip" ] || die "no $zip: ./mvnw -DskipTests package"
work=${BENCH_WORK:-$REPO/bench/results/tmp}/lambda-task
rm -rf "$work" && mkdir -p "$work" && (cd "$work" && "$JAVA_HOME/bin/jar" xf "$zip")
ric=$(artifact_jar com.amazonaws:aws-lambda-java-runtime-interface-client:2.10.1)
# the client's own dependency; the zip brings aws-lambda-java-core and -serialization
lite=$(artifact_jar software.amazon.awssdk:utils-lite:2.34.0)

python3 - "$rounds" "$JAVA_HOME/bin/java" "$work" "$ric:$lite" "$REPO/deploy/lambda/events/http-api.json" \
  "$BENCH/performance/query.json" <<'PY'
import json, os, statistics, subprocess, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

rounds, java, task, client, event_file, query_file = sys.argv[1:]
rounds, events = int(rounds), 10
event = json.load(open(event_file))
event["rawPath"] = event["requestContext"]["http"]["path"] = "/searchManipulate"
event["routeKey"] = event["requestContext"]["routeKey"] = "POST /searchManipulate"
event["body"] = open(query_file).read()
event["headers"]["content-length"] = str(len(event["body"].encode()))
payload = json.dumps(event).encode()

# Lambda's java25 runtime: Serial GC, the heap from the function's memory (1024 MB here, as in deploy/lambda), the
# CRaC bridge for runtime hooks, C1 only for an on-demand start and the JVM's default JIT with SnapStart.
base = ["-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
        "--add-opens=java.base/java.io=ALL-UNNAMED"]
bridge = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"
variants = [
    ("on-demand", "on-demand", [*base, bridge, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"]),
    ("snap-start", "snap-start", [*base, bridge]),
    ("snap-start, no hooks", "snap-start", base),
]


class RuntimeApi(BaseHTTPRequestHandler):
    """The Runtime API, as far as the client uses it: next, response, error, restore."""
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes; with Nagle, each waits for a delayed ACK

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        run = self.server.run
        if self.path.endswith("/runtime/restore/next"):
            run["restore"] = time.monotonic()
            run["rss"] = rss(run["pid"])
            return self.reply(200)
        if self.path.endswith("/runtime/invocation/next"):
            run.setdefault("next", time.monotonic())
            n = len(run["handed"])
            if n == events:
                run["done"].set()
                time.sleep(60)  # no more events; the process is killed
                return
            run["handed"].append(time.monotonic())
            return self.reply(200, payload, {
                "Lambda-Runtime-Aws-Request-Id": f"request-{n}",
                "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 15000),
                "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:portafunc",
                "Lambda-Runtime-Trace-Id": "Root=1-5e9f0c65-1de4d666d4dd26aced652b6c;Parent=53995c3f42cd8ad8;Sampled=0",
                "Content-Type": "application/json"})
        self.reply(404)

    def do_POST(self):
        run = self.server.run
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.endswith("/response"):
            run["answered"].append(time.monotonic())
            if len(run["answered"]) == 1:
                run["status"] = json.loads(body).get("statusCode")
        else:
            run["failure"] = self.path + " " + body[:300].decode(errors="replace")
            run["done"].set()
        self.reply(202)


def rss(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS:"))


def start(name, init_type, flags):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RuntimeApi)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    run = server.run = {"handed": [], "answered": [], "done": threading.Event()}
    handler = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_TOOL_OPTIONS", "HOSTNAME")} | {
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{server.server_address[1]}", "_HANDLER": handler,
        "LAMBDA_TASK_ROOT": task, "AWS_LAMBDA_FUNCTION_NAME": "portafunc-searchManipulate",
        "AWS_LAMBDA_FUNCTION_VERSION": "1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "AWS_LAMBDA_LOG_STREAM_NAME": "2026/11/27/[1]0123456789abcdef", "AWS_REGION": "us-east-1",
        "AWS_LAMBDA_INITIALIZATION_TYPE": init_type, "spring_cloud_function_definition": "searchManipulate"}
    command = [java, *flags, "-cp", f"{task}:{task}/lib/*:{client}",
               "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler]
    spawned = time.monotonic()
    log = f"{task}.log"  # the last start's output, kept for a start that fails
    with open(log, "w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    run["pid"] = process.pid
    finished = run["done"].wait(120)
    process.kill()
    process.wait()
    server.shutdown()
    if not finished or "failure" in run or run.get("status") != 200 or len(run["answered"]) < events:
        sys.exit(f"bench: {name} did not answer its {events} events: {run.get('failure') or run.get('status')};"
                 f" its output is in {log}")
    latencies = [(a - h) * 1000 for h, a in zip(run["handed"], run["answered"])]
    ready = run["restore"] if init_type == "snap-start" else run["next"]
    return {"init": (ready - spawned) * 1000, "first": latencies[0], "warm": statistics.median(latencies[1:]),
            "rss": run.get("rss")}


results = {name: [] for name, _, _ in variants}
for r in range(rounds):
    order = variants if r % 2 == 0 else variants[::-1]
    for name, init_type, flags in order:
        results[name].append(start(name, init_type, flags))
        print(f"round {r + 1} {name}: " + ", ".join(
            f"{k} {v:.0f}" for k, v in results[name][-1].items() if v is not None), file=sys.stderr)


def cell(values):
    return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"


print("| start | rounds | init, median (min–max) | first invocation | invocations 2–10, median | RSS at the snapshot |")
print("|---|---:|---:|---:|---:|---:|")
for name, init_type, _ in variants:
    runs = results[name]
    snapshot = f"{statistics.median(r['rss'] for r in runs):.0f} MB" if init_type == "snap-start" else "–"
    print(f"| {name} | {len(runs)} | {cell([r['init'] for r in runs])} | {cell([r['first'] for r in runs])} | "
          f"{statistics.median(r['warm'] for r in runs):.1f} ms | {snapshot} |")
PY
