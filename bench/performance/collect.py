#!/usr/bin/env python3
"""Keeps what the report and the chart are made from, in bench/results/performance-<date>/.

  collect.py harness RESULTS_DIR DEST   copies a peers run's cold.jsonl, load.jsonl, meta.json and table.md, and
                                        writes starts.jsonl: the extra's own log lines of each start (the local
                                        index's opening time, Spring's 'Started ... in')
  collect.py meta FILE KEY=VALUE...     adds keys to a JSON object (the run's date, machine, commands, ...)
"""
import json, os, re, shutil, sys

INDEX = re.compile(r"Local index: (\d+) documents opened from the shipped index in (\d+) ms")
STARTED = re.compile(r"Started \w+ in [0-9.]+ seconds \(process running for [0-9.]+\)")
LOG = re.compile(r"(?P<variant>.+)\.(?P<phase>cold|load)(?P<round>\d+)\.log$")


def harness(results, dest):
    os.makedirs(dest, exist_ok=True)
    for name in ("cold.jsonl", "load.jsonl", "meta.json", "table.md"):
        if os.path.exists(os.path.join(results, name)):
            shutil.copy(os.path.join(results, name), dest)
    extra = (json.load(open(os.path.join(results, "meta.json"))).get("extra") or {}).get("name")
    logs = os.path.join(results, "logs")
    starts = []
    for log in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
        m = LOG.match(log)
        if not m or m["variant"] != extra:
            continue
        text = open(os.path.join(logs, log), errors="replace").read()
        index, started = INDEX.search(text), STARTED.search(text)
        starts.append({"variant": extra, "phase": m["phase"], "round": int(m["round"]),
                       "index_ms": int(index.group(2)) if index else None,
                       "index_docs": int(index.group(1)) if index else None,
                       "started": started.group(0) if started else None})
    with open(os.path.join(dest, "starts.jsonl"), "w") as out:
        out.writelines(json.dumps(s) + "\n" for s in starts)
    print(f"collect: {results} -> {dest} ({len(starts)} {extra} logs)", file=sys.stderr)


def meta(path, pairs):
    data = json.load(open(path)) if os.path.exists(path) else {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        data[key] = value
    json.dump(data, open(path, "w"), indent=1)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "harness":
        harness(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "meta":
        meta(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit(__doc__)
