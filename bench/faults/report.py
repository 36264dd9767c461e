#!/usr/bin/env python3
"""Turns a faults run (wrk output with the Lua summary, samples.csv) into the markdown written to bench/results/."""
import csv, datetime, re, sys

out, command, machine, java = sys.argv[1:5]
wrk = open(f"{out}/wrk.txt").read()
result = dict(re.findall(r"(\w+)=([\d.]+)", " ".join(l for l in wrk.splitlines() if l.startswith("RESULT"))))
statuses = {k: int(v) for k, v in re.findall(r"^STATUS (\d+) (\d+)$", wrk, re.M)}
problems = {k: int(v) for k, v in re.findall(r"^PROBLEM (\d+ \S+ .*) (\d+)$", wrk, re.M)}
mix = {k: int(v) for k, v in re.findall(r"^MIX (\w+) (\d+)$", wrk, re.M)}
log = open(f"{out}/app.log", errors="replace").read()
opened = log.count("circuit CLOSED to OPEN") + log.count("circuit HALF_OPEN to OPEN")
unmapped = int(re.search(r"^UNMAPPED (\d+)$", wrk, re.M).group(1))
bad = int(re.search(r"^BAD_RESULTS (\d+)$", wrk, re.M).group(1))
samples = list(csv.DictReader(open(f"{out}/samples.csv")))
total = sum(statuses.values()) or 1

def series(column):
    values = [int(s[column]) for s in samples]
    third = max(1, len(values) // 3)
    return values, max(values[:third]), max(values[-third:]), max(values)

threads, threads_first, threads_last, threads_max = series("threads")
heap, heap_first, heap_last, heap_max = series("heap_used_mb")
old, old_first, old_last, old_max = series("old_used_mb")
rss, rss_first, rss_last, rss_max = series("rss_mb")
checks = {
    "every response is a result or a mapped problem (no unmapped status)": unmapped == 0,
    "every 200 carries a digest": bad == 0,
    "no 500": statuses.get("500", 0) == 0,
    "threads level off (last third at most 1.2x the first)": threads_last <= 1.2 * threads_first + 4,
    "heap levels off (old generation, last third at most 1.5x the first third + 32 MB)": old_last
    <= 1.5 * old_first + 32,
}
verdict = "pass" if all(checks.values()) else "FAIL"
print(f"# Load under faults: {datetime.date.today()}\n")
print(f"**Verdict: {verdict}**\n")
print(f"- command: `{command}`\n- machine: {machine}\n- JVM: {java}")
print("- upstream: WireMock as SearXNG (bench/faults/wiremock); query mix and checks in bench/faults/faults.lua")
weight = sum(mix.values()) or 1
print("- query mix: " + ", ".join(f"{k} {100 * v / weight:.0f}%" for k, v in sorted(mix.items(), key=lambda kv: -kv[1])))
print(f"- circuit breaker: opened {opened} times; while open, calls fail fast with 503, so they weigh more in the counts\n")
print("| figure | value |\n|---|---|")
print(f"| requests | {int(float(result['requests']))} in {result['seconds']} s |")
print(f"| throughput | {float(result['rps']):.0f} req/s |")
print(f"| latency p50 / p90 / p99 / max | {result['p50_ms']} / {result['p90_ms']} / {result['p99_ms']} / {result['max_ms']} ms |")
print(f"| socket errors (connect/read/write/timeout) | {result.get('connect')}/{result.get('read')}/{result.get('write')}/{result.get('timeout')} |")
print(f"| threads first third / last third / max | {threads_first} / {threads_last} / {threads_max} |")
print(f"| heap used MB first third / last third / max | {heap_first} / {heap_last} / {heap_max} |")
print(f"| old generation MB first third / last third / max | {old_first} / {old_last} / {old_max} |")
print(f"| RSS MB first third / last third / max | {rss_first} / {rss_last} / {rss_max} |\n")
print("| status | responses | share |\n|---|---|---|")
for status, count in sorted(statuses.items()):
    print(f"| {status} | {count} | {100 * count / total:.1f}% |")
print("\n| problem (status, type) | detail | responses |\n|---|---|---|")
for key, count in sorted(problems.items()):
    status_type, _, detail = key.partition(" ")[2].partition(" ")
    print(f"| {key.split()[0]} {status_type} | {detail} | {count} |")
print(f"\nUnmapped responses: {unmapped}. 200s without a digest: {bad}.\n")
print("| check | |\n|---|---|")
for name, ok in checks.items():
    print(f"| {name} | {'yes' if ok else '**no**'} |")
print("\nSamples (every 2 s: threads, heap, old generation): "
      + ", ".join(f"{s['seconds']}s {s['threads']}t {s['heap_used_mb']}/{s['old_used_mb']}MB" for s in samples))
print("\nThe old generation holds the result cache (every query in the mix is unique): it grows until the cache holds "
      "`portafunc.search.resilience.cache-maximum-size` entries (10,000, about 5 KB each) and levels off there.")
