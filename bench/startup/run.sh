#!/usr/bin/env bash
# Where a cold start of the shipped configuration goes, phase by phase and bean by bean, so that a change to start-up
# is measured where it lands. The total is bench/performance's; this is its budget.
#
#   bench/startup/run.sh [--rounds 7] [--rebuild]
#
# Starts the application as the image starts it (its jlinked Java, jvm.options and AOT cache, from the image build in
# functions/app/target) through bench/startup/StartupBudget.java, which records Spring's startup steps and sends the
# first request, and, in the same rounds, the same JVM with an empty main: the JVM's start with the AOT cache's
# classes preloaded. Writes bench/results/startup-<date>.md. Needs a JDK 25 and python3.
. "$(dirname "$0")/../lib.sh"
startup_bench 7 "$@"
image_files >/dev/null
work=${BENCH_WORK:-$(mktemp -d -t portafunc-startup.XXXXXX)}
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$(sed 's/^-cp //' "$(image_file classpath)")" "$BENCH/startup/StartupBudget.java"
shipped_command --main StartupBudget --cp-append "$work/classes" -XX:AOTMode=on

python3 - "$rounds" "$work" "${SHIPPED[@]}" <<'PY'
import os, socket, statistics, subprocess, sys, time
rounds, work, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
phases, beans, vm, rss, cpu = {}, {}, [], [], {}
for r in range(rounds):
    # the JVM alone and the application, alternating which goes first
    for kind in (("vm", "app") if r % 2 == 0 else ("app", "vm")):
        env = dict(os.environ, PORT=str(free_port()), PORTAFUNC_LOG_FORMAT="none")
        env.pop("JAVA_TOOL_OPTIONS", None)
        spawned = time.time()
        if kind == "vm":
            subprocess.run(command + ["--vm"], env=env, check=True, stdout=subprocess.DEVNULL)
            vm.append((time.time() - spawned) * 1000)
            continue
        out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        with open(f"{work}/round-{r}.tsv", "w") as f:
            f.write(out)
        marks, sums, own = {}, {}, {}
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[0] == "cpu":
                cpu.setdefault(parts[1], ([], []))[0].append(int(parts[2]))
                cpu[parts[1]][1].append(int(parts[3]))
            if len(parts) != 3 or parts[0] not in ("mark", "phase", "bean", "rss"):
                continue
            what, name, value = parts
            if what == "mark":
                marks[name] = int(value) / 1000
            elif what == "phase":
                sums[name] = sums.get(name, 0) + int(value)
            elif what == "bean":
                own[name] = own.get(name, 0) + int(value)
            else:
                rss.append(int(value))
        refresh = sums.get("context.refresh", 0)
        inside = sum(v for k, v in sums.items() if k.startswith("context.refresh: "))
        row = {"spawn to main": (marks["main"] - spawned) * 1000}
        for name in ("boot.application.starting", "boot.application.environment-prepared", "context.refresh"):
            row[name] = sums.get(name, 0)
        row["SpringApplication.run besides these (context creation and preparation, listeners)"] = ((marks["started"] - marks["main"]) * 1000 - sum(
            sums.get(n, 0) for n in ("boot.application.starting", "boot.application.environment-prepared", "context.refresh")))
        for name, value in sorted(sums.items()):
            if name.startswith("context.refresh: "):
                row["  " + name] = value
        row["  context.refresh: other"] = refresh - inside
        row["main to started"] = (marks["started"] - marks["main"]) * 1000
        row["first request"] = (marks["answered"] - marks["started"]) * 1000
        row["spawn to first response"] = (marks["answered"] - spawned) * 1000
        for name, value in row.items():
            phases.setdefault(name, []).append(value)
        for name, value in own.items():
            beans.setdefault(name, []).append(value)
def fmt(values):
    return f"{statistics.median(values):.0f} | {min(values):.0f}–{max(values):.0f}"
lines = ["| phase | median ms | min–max |", "|---|---:|---|", f"| JVM alone: spawn to exit, AOT cache's classes preloaded | {fmt(vm)} |"]
order = ["spawn to main", "boot.application.starting", "boot.application.environment-prepared", "context.refresh"]
order += sorted(k for k in phases if k.startswith("  context.refresh: "))
order += ["SpringApplication.run besides these (context creation and preparation, listeners)", "main to started", "first request", "spawn to first response"]
for name in order:
    if name in phases:
        label = name.strip() if not name.startswith("  ") else "&nbsp;&nbsp;" + name.strip()
        lines.append(f"| {label} | {fmt(phases[name])} |")
lines.append(f"| RSS at the first response (MB) | {fmt(rss)} |")
lines += ["", "CPU from the start to the first response, by thread, median over the rounds (`/proc/self/task/*/schedstat`):",
          "the time each ran, and the time it was ready to run but waiting for a core.", "",
          "| threads | ran, ms | waited for a core, ms |", "|---|---:|---:|"]
for name in ("main", "JIT compiler", "request (Tomcat, carriers)", "JVM and others"):
    if name in cpu:
        lines.append(f"| {name} | {statistics.median(cpu[name][0]):.0f} | {statistics.median(cpu[name][1]):.0f} |")
lines += ["", "Beans by their own instantiation time (less the beans they instantiated), median over the rounds, the 15 largest:", "",
          "| bean | median ms | min–max |", "|---|---:|---|"]
top = sorted(beans.items(), key=lambda kv: -statistics.median(kv[1]))[:15]
for name, values in top:
    lines.append(f"| `{name}` | {fmt(values)} |")
total = [sum(v[i] for v in beans.values() if i < len(v)) for i in range(rounds)]
lines.append(f"| all {len(beans)} beans | {fmt(total)} |")
open(f"{work}/budget.md", "w").write("\n".join(lines) + "\n")
PY

result=$BENCH/results/startup-$(date +%Y-%m-%d).md
{
  echo "# Start-up budget: where a cold start goes"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $(built_from)"
  echo "- machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`bench/startup/run.sh --rounds $rounds\`; $rounds rounds, the JVM alone and the application alternating"
  echo "- the application: the image's Java, \`jvm.options\` and AOT cache (\`-XX:AOTMode=on\`: refuses to start without it),"
  echo "  main \`bench/startup/StartupBudget.java\`: Spring's \`BufferingApplicationStartup\` records every step (which"
  echo "  itself costs a little: the total here is a few per cent above bench/performance's cold start), then it sends"
  echo "  \`POST /v2/searchManipulate\` once"
  echo
  cat "$work/budget.md"
  echo
  echo "Phases are Spring Boot's startup steps: \`context.refresh\` contains the ones indented under it; \`other\` is the"
  echo "refresh's own work between them (bean definitions, post-processors, the web server's start). \`main to started\`"
  echo "ends when \`SpringApplication.run\` returns; \`first request\` is the first \`searchManipulate\`, answered."
} > "$result"
echo "bench: wrote $result" >&2
cat "$result"
