#!/usr/bin/env bash
# Two or more builds (or JVM flags) started alternately, as the image starts them: the cold start from spawn to the
# first 200 of POST /v2/searchManipulate (polled every 5 ms; with --manipulate, POST /v2/manipulate with the peers'
# body.json, the request bench/performance judges), and the CPU time and RSS at that moment. The way the levers in
# bench/results/ are weighed: one build against another on the same machine in the same minutes, the order swapped
# every round, since this machine's spread between rounds (±100 ms) is larger than most levers.
#
#   bench/startup/ab.sh [--rounds 16] [--manipulate] NAME=TARGET[@JVM FLAGS] NAME=TARGET[@JVM FLAGS]... [NAME=cmd:COMMAND LINE]
#
# TARGET is a functions/app/target built with -Pimage (the jlinked Java, jvm.options, AOT cache, class path): this
# checkout's, or a worktree's (git worktree add /tmp/base REV; ./mvnw -o -Pimage -DskipTests package
# -pl functions/core,functions/app there). JVM flags after '@' are added after jvm.options. A variant given as
# cmd: is any command that serves the same request on $PORT (bench/startup/floor.sh). Prints a Markdown table.
. "$(dirname "$0")/../lib.sh"
rounds=16 path=/v2/searchManipulate body=$BENCH/performance/query.json
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --manipulate) path=/v2/manipulate body=$BENCH/peers/body.json; shift ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || die "usage: ab.sh [--rounds N] [--manipulate] NAME=TARGET[@JVM FLAGS]... [NAME=cmd:COMMAND LINE]..."
need python3 "apt-get install python3"
# Each NAME=TARGET[@FLAGS] becomes the command line the image runs (lib.sh), given to Python as NAME=cmd:COMMAND.
variants=()
for arg in "$@"; do
  name=${arg%%=*} rest=${arg#*=}
  if [[ $rest != cmd:* ]]; then
    read -ra flags <<< "$([[ $rest == *@* ]] && echo "${rest#*@}")"
    shipped_command --target "${rest%%@*}" -XX:AOTMode=on ${flags[@]+"${flags[@]}"}
    rest="cmd:$(printf '%q ' "${SHIPPED[@]}")"
  fi
  variants+=("$name=$rest")
done
python3 - "$rounds" "$path" "$body" "${variants[@]}" <<'PY'
import os, shlex, socket, statistics, subprocess, sys, time, urllib.request
rounds, path, query, variants = int(sys.argv[1]), sys.argv[2], open(sys.argv[3], "rb").read(), []
for arg in sys.argv[4:]:
    name, rest = arg.split("=", 1)
    variants.append((name, shlex.split(rest.removeprefix("cmd:"))))

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def cold_start(name, command):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"} | {"PORT": str(port)}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=query,
                                     headers={"Content-Type": "application/json"})
    spawned = time.monotonic()
    app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if app.poll() is not None:
                sys.exit(f"ab: {name} exited with {app.returncode} before answering")
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                    break
            except OSError:
                time.sleep(0.005)
        elapsed = (time.monotonic() - spawned) * 1000
        with open(f"/proc/{app.pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
        with open(f"/proc/{app.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        return elapsed, rss, cpu
    finally:
        app.terminate()
        app.wait()

results = {name: [] for name, _ in variants}
for r in range(rounds):
    for name, command in (variants if r % 2 == 0 else variants[::-1]):
        results[name].append(cold_start(name, command))
        time.sleep(0.3)
print("| build | rounds | cold start, median (min–max) | CPU-s to the first response, median | "
      "RSS at the first response, median |")
print("|---|---:|---:|---:|---:|")
for name, values in results.items():
    ms, rss, cpu = ([v[i] for v in values] for i in range(3))
    print(f"| {name} | {len(values)} | {statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f}) "
          f"| {statistics.median(cpu):.2f} s | {statistics.median(rss):.0f} MB |")
PY
