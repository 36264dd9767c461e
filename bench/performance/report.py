#!/usr/bin/env python3
"""Turns a performance run's raw files (bench/results/performance-<date>/) into the markdown written beside them.

  report.py bench/results/performance-<date> > bench/results/performance-<date>.md
"""
import os, re, sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import figures
from figures import JAR, REF, SEARCH, SHIPPED, label

# What each JVM option trades, for the levers section. The question the issue asks of each: does it buy start-up
# (or footprint) with steady-state speed?
LEVERS = [
    (r"-XX:TieredStopAtLevel=1", "**yes**: C1 only, never C2. Faster start and less JIT CPU, but peak throughput is "
     "capped (the peers' B7 against B4: about 40% of B4's steady state)"),
    (r"-XX:-TieredCompilation", "**yes**, the other way: C2 only, a slow warm-up"),
    (r"-Xint", "**yes**: the interpreter only"),
    (r"-XX:CICompilerCount", "**maybe**: fewer JIT threads, a longer warm-up"),
    (r"-XX:ReservedCodeCacheSize", "**maybe**: when a small code cache fills, the JIT stops compiling"),
    (r"-Dspring.main.lazy-initialization=true", "**yes**: beans are created on first use, so the first requests pay "
     "for what start-up skipped"),
    (r"-XX:\+UseSerialGC", "**maybe**: single-threaded, stop-the-world collections. Less memory and a faster start "
     "than G1. With 1–2 CPUs and a small live set the cost is small, but the pauses grow with the heap and show in "
     "p99. The steady-state rows below measure it"),
    (r"-XX:\+UseParallelGC", "no: throughput collector; stop-the-world pauses"),
    (r"-XX:\+UseZGC|-XX:\+UseShenandoahGC", "no start-up gain: low pauses for more memory and CPU"),
    (r"-XX:MaxRAMPercentage|-XX:MaxRAM=|-Xmx|-XX:MaxHeapSize", "no (footprint): a smaller heap means more frequent "
     "collections, not a slower JIT"),
    (r"-Xmn|-XX:NewSize|-XX:MaxNewSize|-XX:NewRatio", "no: the young generation's size sets how often minor "
     "collections run. Too small, and they run often and promote garbage, which costs throughput"),
    (r"-Xss|-XX:ThreadStackSize", "no (footprint)"),
    (r"-XX:\+UseCompactObjectHeaders", "no: smaller objects, usually faster too"),
    (r"-XX:AOTCache|-XX:SharedArchiveFile|-Xshare", "no: classes loaded and linked ahead of time, with method profiles "
     "from training"),
    (r"-Dspring.aot.enabled=true", "no: bean definitions generated at build time. The catch is flexibility, not "
     "speed: conditions and profiles are fixed when the image is built"),
    (r"-XX:\+ExitOnOutOfMemoryError", "no: the platform restarts the instance"),
    (r"-Djava.io.tmpdir", "no"),
    (r"-XX:CompileThresholdScaling", "**the warm-up, not the steady state**: methods are compiled after more calls, "
     "so the start keeps its cores and the optimising compiler reaches the request's code later; the figures, the "
     "warm-up's and the steady state's, are in the option's comment and bench/README.md's levers; this run's ramp "
     "measures the warm-up"),
    (r"-XX:TrimNativeHeapInterval", "no: freed native memory goes back to the system every few seconds; req/s, p99 "
     "and the cold start unchanged (A/B, bench/README.md's levers)"),
    (r"-XX:-UsePerfData", "no: no performance counters, which only jps and jstat read"),
    (r"-XX:\+UnlockDiagnosticVMOptions", "no: it lets the next option be set"),
    (r"-XX:-AOTReplayTraining", "no, the opposite: the optimising compiler works from the profiles of the load served, "
     "not the training's mixture: more requests in the first 30 s and a faster steady state, the first 2 s slower "
     "(bench/results/levers-2026-12-08.md)"),
    (r"-Djdk.reflect.useNativeAccessorOnly=true", "**alone, yes**: Jackson calls each record accessor "
     "reflectively; with jackson-module-blackbird's generated accessors, no (the A/B in bench/README.md's levers)"),
]


def lever(option):
    for pattern, verdict in LEVERS:
        if re.match(pattern, option):
            return verdict
    return "not classified; measure it"


def options(text):
    """(option, the comment above it) for each line of a jvm.options file"""
    out, why = [], []
    for line in text.splitlines():
        line = line.strip()
        if line == "#":                # a paragraph break: what came before is about the file
            why = []
        elif line.startswith("#"):
            why.append(line.lstrip("#").strip())
        elif line:
            out.append((line, " ".join(w for w in why if w) or "–"))
            why = []
        else:
            why = []
    return out


def cell(s, digits=0, unit=""):
    """a spread as 'median [min–max] (n)'"""
    if not s:
        return "–"
    f = lambda v: f"{v:,.{digits}f}"
    return f"{f(s['median'])}{unit} [{f(s['min'])}–{f(s['max'])}] ({s['n']})"


def ratio(mine, ref):
    return f"{mine['median'] / ref['median']:.2f}×" if mine and ref and ref["median"] else "–"


def digits(unit, value):
    return {"ms": 1 if value < 100 else 0, "s": 2, "MB": 0}.get(unit, 0)


def size_text(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def main(raw):
    f = figures.load(raw)
    run, a, b, r, c = f["run"], f["startup"], f["steady"], f["ramp"], f["jar"]
    quick = run.get("quick") == "1"
    p = print
    p(f"# Performance: portafunc as it ships, beside the peers ({run['date']})\n")
    short = [n for n, k in (("cold", "cold_rounds"), ("steady-state", "steady_rounds"), ("ramp", "ramp_rounds"))
             if 0 < int(run.get(k, 0) or 0) < figures.ROUNDS]
    if quick or short:
        p(f"> **{'Quick run' if quick else 'Short run'}**: fewer than {figures.ROUNDS} rounds "
          f"({', '.join(short) or 'some runs'}). The figures show direction only. Judge the targets on a full run "
          "(`bench/performance/run.sh`: 7 cold rounds, 5 steady-state rounds after 40 s of warm-up, 3 ramps of 30 s).\n")
    if run.get("note"):
        p(f"> Note: {run['note']}\n")
    p("The shipped configuration is the image's own Java runtime, JVM options and AOT cache, started on the host exactly "
      "as the image's entrypoint starts it, so that the peers harness measures it in the same interleaved rounds as the "
      "peers. It runs twice in each round: on `POST /v2/manipulate` with the peers' own `body.json` (the same work as "
      "the peers: the targets are judged on it) and on `POST /v2/searchManipulate` with `query.json` (a search of the "
      "embedded index), beside it. Every ratio is against **C3**, Quarkus Funqy with its AOT cache and what a team "
      "ships (JSON logs, Prometheus metrics, health checks). **Only ratios within one run count.**\n")
    p(f"- date: {run['date']} (finished {run.get('finished', '?')})")
    p(f"- machine: {run['machine']}")
    p(f"- built from: commit {run.get('commit', 'not recorded')}")
    p(f"- load average (1, 5, 15 min): {run['load_before']} before, {run.get('load_after', '?')} after (the run's own "
      "load raises it; the noise line below is the better measure)")
    first = next((x for x in (a, b, r, c) if x), None)
    p(f"- JVM, shipped: {run['shipped_java']} (the image's jlinked runtime); peers and `java -jar`: "
      f"{first.meta['java'] if first else '?'}")
    noise = []
    for name, x in (("startup", a), ("jar", c)):
        if x and x.cold:
            n = sum(len(v) for v in x.cold.values())
            clean = sum(1 for v in x.cold.values() for y in v if y.get("foreign_cpu_s", 0) < figures.CLEAN)
            waited = sum(1 for v in x.cold.values() for y in v if y.get("gate_wait_s", 0) >= 19.9)
            gave_up = f"; {waited} started after the 20 s quiet gate gave up" if waited else ""
            noise.append(f"{name} run: {clean} of {n} cold starts clean (other processes < {figures.CLEAN} CPU-s "
                         f"during the start){gave_up}")
    busy = 0
    for name, x, records in (("steady", b, b.load if b else {}), ("ramp", r, r.ramps if r else {})):
        foreign = [y.get("foreign_cpu_s", 0) for v in records.values() for y in v]
        busy += sum(1 for y in foreign if y > figures.CLEAN_LOAD)
        if foreign:
            noise.append(f"{name} rounds: other processes used up to {max(foreign):.1f} CPU-s during a measured round")
    if noise:
        p(f"- noise: {'; '.join(noise)}")
    before = float(run["load_before"].split()[0])
    if before > 1.0 or busy:
        p(f"\n> **The machine was busy**: load average {before:.1f} at the start, and other processes took more than "
          f"{figures.CLEAN_LOAD:g} CPU-s in {busy} measured round(s). Check the clean-start counts, the max values and "
          "each round's `foreign_cpu_s` (in the raw files) before trusting a ratio. Throughput suffers most, since wrk, "
          "the server and the neighbour share 2 cores.")
    p("\nCommands:\n")
    p("```sh")
    p(run["invocation"])
    if run.get("built"):
        p(f"# it built: {run['built']}")
    for name in ("startup", "steady", "ramp", "jar", "image"):
        if run.get(f"command_{name}"):
            p(f"# {name}: {run[f'command_{name}']}")
    p("```")
    p("\nThe shipped configuration (`portafunc` in the tables):\n")
    p(f"```sh\n{run['shipped']}\n```\n")

    p("## Targets, against C3\n")
    p("Each figure is the median over the interleaved rounds, with [min–max] and the number of rounds. The ratio is "
      "portafunc's median over C3's.\n")
    p("| target | portafunc | C3 | ratio | limit | met? |")
    p("|---|---|---|---|---|---|")
    for t in figures.targets(f):
        d = digits(t["unit"], t["ref"]["median"])
        verdict = "met" if t["met"] else f"**not met** ({t['ratio']:.2f}×)"
        if not t["enough"]:
            verdict += f", fewer than {figures.ROUNDS} rounds"
        p(f"| {t['name']} | {cell(t['mine'], d)} {t['unit']} | {cell(t['ref'], d)} {t['unit']} | {t['ratio']:.2f}× "
          f"| {t['limit']:g}× | {verdict} |")
    missing = [n for n, x in (("cold start", a), ("warm-up", r), ("steady state", b)) if not x]
    if missing:
        p(f"\nNot measured in this run: {', '.join(missing)}.")
    pull = f["pull"]
    if pull:
        p(f"\nA node's first scale from zero pulls **{pull['gzip_bytes'] / 1e6:.1f} MB** of compressed layers "
          f"({len(pull['layers'])} layers, gzip; {pull['unpacked_bytes'] / 1e6:.0f} MB unpacked): see "
          "[the image](#the-image).")
    else:
        p(f"\nThe bytes a node pulls on its first scale from zero: not measured "
          f"({run.get('layers_skipped', 'no image tar')}).")

    keys = []
    for x in (a, b, r):
        keys += [k for k in (x.order if x else []) if k not in keys]
    keys.sort(key=lambda k: (k != SHIPPED, k != SEARCH, k != REF))

    p("\n## Cold start and memory\n")
    if a:
        p("Spawn to the first HTTP 200 (polled in-process every 5 ms), the server's CPU-s (user+system) and VmRSS at "
          "that first 200, over the interleaved cold rounds. The peers answer their own `POST /manipulate` with "
          "`body.json`.\n")
        p("| variant | cold start ms | ÷ C3 | CPU-s to 1st resp | ÷ C3 | RSS 1st resp MB | ÷ C3 | clean starts |")
        p("|---|---|---|---|---|---|---|---|")
        ref = a.start(REF)
        for k in keys:
            s = a.start(k)
            if not s:
                continue
            rr = lambda f_: ratio(s[f_], ref[f_]) if ref and k != REF else "–"
            name = f"**{label(k)}**" if k == SHIPPED else label(k)
            p(f"| {name} | {cell(s['ms'])} | {rr('ms')} | {cell(s['cpu_s'], 2)} | {rr('cpu_s')} "
              f"| {cell(s['rss_mb'])} | {rr('rss_mb')} | {s['clean']} of {s['ms']['n']} |")
        d2, mine = a.start("D2"), a.start(SHIPPED)
        if d2 and mine:
            p(f"\nAgainst the plain-JDK floor (D2): portafunc's cold start is {ratio(mine['ms'], d2['ms'])}, its RSS "
              f"{ratio(mine['rss_mb'], d2['rss_mb'])}.")
    else:
        p("Not measured.")

    p("\n## Warm-up under load\n")
    if r:
        x = r.ramp(SHIPPED) or r.ramp(REF)
        p(f"A fresh process under full load from its first 200: `wrk -t1 -c16` starts as soon as the process answers "
          f"and runs in {x['seconds']} one-second slices back to back, each slice's requests and latencies kept "
          f"(`bench/peers/ramp.lua`). Requests served in those {x['seconds']} s; the p99 over seconds "
          f"{x['from_s']}–{x['seconds']}, the slices' latencies merged; the first {x['from_s']} s are the JIT's. "
          "Each slice opens its 16 connections anew, and the few milliseconds between slices count in none.\n")
        p(f"| variant | requests in {x['seconds']} s | ÷ C3 | of which in the first {x['from_s']} s "
          f"| p99 ms, s {x['from_s']}–{x['seconds']} | ÷ C3 | p50 ms | CPU-s | RSS after MB | non-2xx |")
        p("|---|---|---|---|---|---|---|---|---|---|")
        ref = r.ramp(REF)
        for k in keys:
            s = r.ramp(k)
            if not s:
                continue
            name = f"**{label(k)}**" if k == SHIPPED else label(k)
            other = ref and k != REF
            p(f"| {name} | {cell(s['requests'])} | {ratio(s['requests'], ref['requests']) if other else '–'} "
              f"| {cell(s['first10'])} | {cell(s['p99_tail_ms'], 2)} "
              f"| {ratio(s['p99_tail_ms'], ref['p99_tail_ms']) if other else '–'} | {cell(s['p50_tail_ms'], 2)} "
              f"| {cell(s['cpu_s'], 1)} | {cell(s['rss_after_mb'])} | {s['non2xx'] + s['sockerr']} |")
        p("\nRequests per second, second by second (the median over the rounds):\n")
        p("| variant | " + " | ".join(str(i + 1) for i in range(x["seconds"])) + " |")
        p("|---" * (x["seconds"] + 1) + "|")
        for k in keys:
            s = r.ramp(k)
            if s:
                p(f"| {label(k)} | " + " | ".join(f"{v:.0f}" for v in s["rps_series"]) + " |")
        p("\nThe per-second series, req/s and p99, are drawn in the chart; each slice is in `ramp/ramp.jsonl`.")
    else:
        p("Not measured.")

    p("\n## Steady state\n")
    if b:
        t = next(iter(b.load.values()))[0]
        p(f"`wrk -t1 -c16 --latency` for {t['duration_s']} s on a fresh process, after {t['warmup_s']} s of warm-up. "
          f"The figures are over the clean rounds, those during which other processes used less than "
          f"{figures.CLEAN_LOAD:g} CPU-s (over all rounds when none was clean).\n")
        p("| variant | req/s | ÷ C3 | p99 ms | ÷ C3 | p50 ms | RSS after MB | rounds used | each round: req/s (others' CPU-s) |")
        p("|---|---|---|---|---|---|---|---|---|")
        ref = b.throughput(REF)
        for k in keys:
            s = b.throughput(k)
            if not s:
                continue
            name = f"**{label(k)}**" if k == SHIPPED else label(k)
            other = ref and k != REF
            rounds = " / ".join(f"{y['rps']:.0f} ({max(0.0, y.get('foreign_cpu_s', 0)):.1f})" for y in s["rounds"])
            p(f"| {name} | {cell(s['rps'])} | {ratio(s['rps'], ref['rps']) if other else '–'} "
              f"| {cell(s['p99_ms'], 2)} | {ratio(s['p99_ms'], ref['p99_ms']) if other else '–'} "
              f"| {cell(s['p50_ms'], 2)} | {cell(s['rss_after_mb'])} | {s['used']} of {len(s['rounds'])} | {rounds} |")
        bad = [k for k in b.load if any(y["non2xx"] for y in b.load[k])]
        if bad:
            p(f"\n**Non-2xx responses under load** from: {', '.join(sorted(bad))}. Their req/s are not comparable.")
    else:
        p("Not measured.")

    p("\n## The image\n")
    if pull:
        p(f"What a node pulls on its first scale from zero, from `{os.path.basename(pull['tar'])}` "
          f"({pull['tar_bytes'] / 1e6:.0f} MB): each layer gzip-compressed, as a registry serves it (a layer stored "
          "uncompressed in the tar is compressed here at gzip level 6). A node that already holds the base's layers "
          "pulls only the others.\n")
        p("| layer | gzip | unpacked |\n|---|---|---|")
        for y in pull["layers"]:
            p(f"| `{y['sha256']}` | {size_text(y['gzip_bytes'])} | {size_text(y['unpacked_bytes'])} |")
        p(f"| **all** | **{size_text(pull['gzip_bytes'])}** | {size_text(pull['unpacked_bytes'])} |\n")
    else:
        p(f"Layers a node pulls: not measured ({run.get('layers_skipped', 'no image tar')}).\n")
    if run.get("image_skipped"):
        p(f"The image under podman: not measured ({run['image_skipped']}).")
    else:
        size = int(run["image_size"])
        added = sum(l["size"] for l in f["layers"] if str(l.get("CreatedBy", "")).startswith("jib"))
        p(f"`{run['image_ref']}` (ID {run['image_id'].removeprefix('sha256:')[:12]}).\n")
        if run.get("image_given"):
            p("Given with `IMAGE=`: this image was not built by this run, so it may come from other sources than the "
              "shipped configuration measured above.\n")
        p("| figure | value |\n|---|---|")
        p(f"| image size (podman, uncompressed) | {size / 1e6:.0f} MB |")
        if added:
            p(f"| of which portafunc's layers | {added / 1e6:.0f} MB: the Java runtime "
              f"{run.get('runtime_mb', '?')} MB, the AOT cache {run['aot_cache_mb']} MB, the application's jars "
              f"{run.get('jars_mb', '?')} MB |")
            p(f"| of which the base | {(size - added) / 1e6:.0f} MB (this run's base; the published base is "
              "Debian 13 slim) |")
        mine = [l for l in f["layers"] if str(l.get("CreatedBy", "")).startswith("jib")]
        if mine:
            named = ", ".join(f"{l.get('comment', '?')} {size_text(l['size'])}" for l in mine)
            p(f"| the layers, as Jib names them | {named} |")
        img, host = figures.image_start(f, "image"), figures.image_start(f, "host")
        if run.get("image_error"):
            p(f"\n**The image's cold starts failed**: {run['image_error'].strip()}")
        if img:
            p("\nCold start of the image, `podman run --rm --pull=never --network host -e PORT=… IMAGE` to the first "
              "200 on `/v2/manipulate`, interleaved with the same configuration on the host:\n")
            p("| start | cold start ms | RSS 1st resp MB |\n|---|---|---|")
            p(f"| image, podman | {cell(img)} | {img['rss_mb']:.0f} (the container's JVM) |")
            if host:
                p(f"| shipped, host | {cell(host)} | {host['rss_mb']:.0f} |")
                p(f"\nThe container adds {img['median'] - host['median']:.0f} ms to the median "
                  f"({img['median'] / host['median']:.2f}×): podman, runc, the namespaces.")

    p("\n## The local index\n")
    p("The time to open the shipped index, from the app's own line `Local index: 42 documents opened from the "
      "shipped index in N ms`, in each start's log:\n")
    p("| starts | index open ms |\n|---|---|")
    for name, s in figures.index_times(f).items():
        p(f"| {name} | {cell(s)} |")
    started = [y["started"] for y in (a.starts if a else []) if y.get("started")]
    if started:
        secs = sorted(float(re.search(r"in ([0-9.]+) seconds", y).group(1)) for y in started)
        p(f"\nSpring's own `Started PortafuncApplication in … seconds`, shipped: median {secs[len(secs) // 2]:.2f} s "
          f"over {len(secs)} starts.")

    p("\n## The plain jar, for context\n")
    if c and c.start(JAR):
        j = c.start(JAR)
        p(f"`{run['jar']}`, in its own run with C3 and D2 as yardsticks:\n")
        p("| variant | cold start ms | CPU-s to 1st resp | RSS 1st resp MB | ÷ C3 |")
        p("|---|---|---|---|---|")
        ref = c.start(REF)
        for k in c.order:
            s = c.start(k)
            if s:
                p(f"| {label(k)} | {cell(s['ms'])} | {cell(s['cpu_s'], 2)} | {cell(s['rss_mb'])} "
                  f"| {ratio(s['ms'], ref['ms']) if ref else '–'} |")
        mine = a.start(SHIPPED) if a else None
        if ref and mine and a.start(REF):
            shipped_c3 = mine["ms"]["median"] / a.start(REF)["ms"]["median"]
            jar_c3 = j["ms"]["median"] / ref["ms"]["median"]
            p(f"\nMeasured against C3 in each run: the jar is {jar_c3:.1f}× and the shipped configuration "
              f"{shipped_c3:.2f}×, so shipping as the image does makes the cold start about "
              f"{jar_c3 / shipped_c3:.1f}× faster.")
    else:
        p("Not measured.")

    p("\n## JVM options\n")
    p("The JVM options the image starts with (`functions/app/target/image-root/app/jvm.options`, from "
      "`deploy/image/jvm.options`), plus the AOT cache on the entrypoint. The last column answers the issue's "
      "question: does the option trade steady-state speed for start-up? What each lever was measured to give is in "
      "[bench/README.md](../README.md#levers).\n")
    p("| option | why (the file's comment) | trades steady-state speed for start-up? |\n|---|---|---|")
    opts = options(run["jvm_options"]) + [("-XX:AOTCache=/app/portafunc.aot", "on the entrypoint: trained at build "
                                           f"time with real requests ({run['aot_cache_mb']} MB)")]
    for option, why in opts:
        p(f"| `{option}` | {why} | {lever(option)} |")
    trades = [o for o, _ in opts if lever(o).startswith("**yes")]
    p("")
    if trades:
        p(f"**Options that trade steady-state speed for start-up: {', '.join(f'`{o}`' for o in trades)}.**")
    else:
        p("No option makes that trade outright: there is no C1-only, no interpreter and no lazy initialisation.")

    p("\n## The peers' own tables\n")
    for name, x in (("Startup run", a), ("Steady-state run", b), ("Ramp run", r), ("Jar run", c)):
        if x and x.table:
            p(f"### {name}\n\n{x.table.strip()}\n")
    rel = os.path.relpath(raw, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    p("## Raw data\n")
    p(f"`{rel}/`: each harness run's `cold.jsonl`, `load.jsonl`, `ramp.jsonl` (every one-second slice), `meta.json` and "
      "`table.md`, the index times of each start (`starts.jsonl`), the image's layers (`layers.json`) and cold starts "
      f"(`image.jsonl`). Redraw the chart with `python3 bench/performance/chart.py {rel}`.\n")
    p(f"![cold start, RSS, warm-up and throughput against C3]({os.path.basename(raw)}.svg)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1].rstrip("/"))
